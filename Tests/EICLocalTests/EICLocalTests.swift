import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigURLSession
import Foundation
import Testing

#if AsyncHTTPClientTransport
import AsyncHTTPClient
import EventInvokeConfigAsyncHTTPClient
#endif

/// `eic-local` over real HTTP: boto3 (botocore's serializer and parser, as every AWS SDK sees it), our client over
/// both transports with signatures verified, the seed file, and a clean stop on Ctrl-C.
@Suite("eic-local over HTTP", .serialized)
struct EICLocalTests {
    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:"

    /// One step of the boto3 script, as it printed it.
    struct Step: Decodable {
        var step: String
        var ok: Bool
        var status: Int
        var code: String?
        var message: String?
        var Version: String?
        var FunctionArn: String?
        var MaximumRetryAttempts: Int?
        var MaximumEventAgeInSeconds: Int?
        var DestinationConfig: [String: [String: String]]?
        var FunctionEventInvokeConfigs: [[String: AnyDecodable]]?
    }

    /// Any JSON value, kept only to be counted.
    struct AnyDecodable: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    @Test(
        "boto3 sees real Lambda's answers",
        .enabled(if: Prerequisites.boto3.isAvailable, Prerequisites.boto3.skipReason))
    func boto3() throws {
        let server = try LocalLambdaServer.start()
        defer { server.stop() }
        let output = try ProcessRunner.python([
            MotoServer.scriptsDirectory.appendingPathComponent("eic_local_boto3.py").path, server.endpoint,
        ])
        let steps = try JSONDecoder().decode([Step].self, from: output)
        let byName = Dictionary(uniqueKeysWithValues: steps.map { ($0.step, $0) })
        func expectStep(_ name: String, status: Int, code: String? = nil, message: String? = nil) {
            let step = byName[name]
            #expect(step?.status == status, "\(name)")
            #expect(step?.code == code, "\(name)")
            if let message { #expect(step?.message == message, "\(name)") }
        }
        expectStep("create", status: 201)
        #expect(byName["create"]?.FunctionArn == Self.arn + "orders")
        expectStep("publish", status: 201)
        #expect(byName["publish"]?.Version == "1")
        expectStep("alias", status: 201)
        expectStep(
            "put-empty-missing", status: 400, code: "InvalidParameterValueException",
            message: "You must specify at least one of error handling or destination setting.")
        expectStep(
            "put-missing", status: 404, code: "ResourceNotFoundException", message: "The function doesn't exist.")
        expectStep(
            "get-none", status: 404, code: "ResourceNotFoundException",
            message: "The function \(Self.arn)orders:$LATEST doesn't have an EventInvokeConfig")
        for name in ["put", "get-arn", "update"] {
            expectStep(name, status: 200)
            #expect(byName[name]?.FunctionArn == Self.arn + "orders:live")
            #expect(byName[name]?.MaximumRetryAttempts == 0)
            #expect(
                byName[name]?.DestinationConfig
                    == ["OnSuccess": [:], "OnFailure": ["Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"]])
        }
        #expect(byName["update"]?.MaximumEventAgeInSeconds == 120)
        #expect(byName["list"]?.FunctionEventInvokeConfigs?.count == 1)
        expectStep(
            "mismatch", status: 400, code: "InvalidParameterValueException",
            message: "The derived qualifier from the function name does not match the specified qualifier.")
        expectStep(
            "self", status: 400, code: "InvalidParameterValueException",
            message: "You can't specify the function as a destination for itself.")
        expectStep("service", status: 400, code: "InvalidParameterValueException")
        expectStep("fifo", status: 200)
        expectStep("delete", status: 204)
        expectStep("delete-again", status: 404, code: "ResourceNotFoundException")
        expectStep("delete-alias", status: 204)
        expectStep("delete-function", status: 204)
        expectStep("list-gone", status: 404, code: "ResourceNotFoundException", message: "The function doesn't exist.")
        #expect(server.stop() == 0)
    }

    static func seedFile() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eic-local-seed-\(UUID()).json")
        try Data(
            #"""
            {"functions": [{"name": "orders", "versions": 2, "aliases": {"live": 2}},
                           {"name": "locked", "permittedDestinations": []}],
             "destinations": ["arn:aws:sqs:us-east-1:123456789012:dlq"]}
            """#.utf8
        ).write(to: url)
        return url
    }

    @Test("a secret on the command line is refused: it would show in the process list")
    func noSecretInArguments() throws {
        let result = try ProcessRunner.run(
            LocalLambdaServer.executable, ["--verify-signatures", "--secret-access-key", "visible-secret"])
        #expect(result.status != 0)
        #expect(String(decoding: result.stderr, as: UTF8.self).contains("--secret-access-key"))
    }

    @Test("our client, signatures verified, seeded state", arguments: TransportKind.allCases)
    func client(kind: TransportKind) async throws {
        let seed = try Self.seedFile()
        defer { try? FileManager.default.removeItem(at: seed) }
        let secretFile = seed.deletingLastPathComponent().appendingPathComponent("eic-local-secret-\(UUID())")
        try Data("local-secret\n".utf8).write(to: secretFile)
        defer { try? FileManager.default.removeItem(at: secretFile) }
        let server = try LocalLambdaServer.start([
            "--seed", seed.path, "--verify-signatures", "--access-key-id", "AKIDLOCAL", "--secret-access-key-file",
            secretFile.path,
        ])
        defer { server.stop() }
        func client(secret: String) throws -> LambdaEventInvokeConfigClient {
            try LambdaEventInvokeConfigClient(
                configuration: .init(
                    region: try Region("us-east-1"),
                    credentials: StaticCredentialsProvider(
                        Credentials(accessKeyID: "AKIDLOCAL", secretAccessKey: secret)),
                    endpoint: server.endpoint, retryPolicy: .none, environment: [:]),
                transport: kind.make())
        }
        let good = try client(secret: "local-secret")
        let live = try FunctionReference("orders:live")
        let config = EventInvokeConfig(
            maximumRetryAttempts: .one,
            destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:dlq"))
        let put = try await good.put(config, for: live)
        #expect(put.functionARN.description == Self.arn + "orders:live")
        #expect(try await good.get(live).config == config)
        let unknown = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await good.put(
                EventInvokeConfig(
                    destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:other")),
                for: live)
        }
        #expect(unknown?.message == "The destination ARN arn:aws:sqs:us-east-1:123456789012:other is invalid.")
        let denied = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await good.put(
                EventInvokeConfig(
                    destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:dlq")),
                for: try FunctionReference("locked"))
        }
        #expect(
            denied?.message
                == "The function's execution role does not have permissions to call SendMessage on "
                + "arn:aws:sqs:us-east-1:123456789012:dlq")
        try await good.delete(live)
        let forged = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client(secret: "wrong-secret").get(live)
        }
        #expect(forged?.code == .invalidSignature)
        #expect(server.stop() == 0)
    }

    @Test("one server, two regions and two accounts: each request goes where its signature says")
    func accountsAndRegions() async throws {
        let seed = FileManager.default.temporaryDirectory.appendingPathComponent("eic-local-seed-\(UUID()).json")
        try Data(
            #"""
            {"accounts": {"AKIDSTAGING": "210987654321"},
             "functions": [{"name": "orders"}, {"name": "orders", "region": "eu-west-1"},
                           {"name": "orders", "region": "eu-west-1", "account": "210987654321"}]}
            """#.utf8
        ).write(to: seed)
        defer { try? FileManager.default.removeItem(at: seed) }
        let server = try LocalLambdaServer.start(["--seed", seed.path])
        defer { server.stop() }
        func client(_ region: String, _ key: String) throws -> LambdaEventInvokeConfigClient {
            try LambdaEventInvokeConfigClient(
                configuration: .init(
                    region: try Region(region),
                    credentials: StaticCredentialsProvider(Credentials(accessKeyID: key, secretAccessKey: "x")),
                    endpoint: server.endpoint, retryPolicy: .none, environment: [:]),
                transport: URLSessionTransport())
        }
        let orders = try FunctionReference("orders")
        let east = try client("us-east-1", "AKIDPROD")
        let west = try client("eu-west-1", "AKIDPROD")
        let staging = try client("eu-west-1", "AKIDSTAGING")
        _ = try await east.put(EventInvokeConfig(maximumRetryAttempts: .zero), for: orders)
        _ = try await west.put(EventInvokeConfig(maximumRetryAttempts: .one), for: orders)
        let staged = try await staging.put(EventInvokeConfig(maximumRetryAttempts: .two), for: orders)
        #expect(staged.functionARN.description == "arn:aws:lambda:eu-west-1:210987654321:function:orders:$LATEST")
        #expect(try await east.get(orders).config.maximumRetryAttempts == .zero)
        #expect(try await west.get(orders).config.maximumRetryAttempts == .one)
        #expect(try await staging.get(orders).config.maximumRetryAttempts == .two)
        let missing = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client("ap-south-1", "AKIDPROD").get(orders)
        }
        #expect(missing?.code == .resourceNotFound, "a region with nothing seeded is empty")
    }

    @Test("a seed file that cannot be read is an error naming it; Ctrl-C stops a running server with status 0")
    func seedErrorsAndStop() throws {
        let result = try ProcessRunner.run(
            LocalLambdaServer.executable, ["--port", "0", "--seed", "/nonexistent.json"])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("/nonexistent.json"))
        let server = try LocalLambdaServer.start()
        #expect(server.stop() == 0)
    }

    /// Regression: the ready line used to be printed before libdispatch had installed its SIGINT handler, so a
    /// Ctrl-C sent at once could be ignored under load and the server ran on (a test waited on it for ever).
    @Test("Ctrl-C sent as soon as the ready line is read stops the server, every time")
    func immediateStop() throws {
        for _ in 0..<50 {
            let server = try LocalLambdaServer.start()
            #expect(server.stop() == 0)
        }
    }
}
