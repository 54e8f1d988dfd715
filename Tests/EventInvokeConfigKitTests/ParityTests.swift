import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import EventInvokeConfigURLSession
import Foundation
import Testing

/// One scenario, written once, run against the in-memory Lambda and against moto.
///
/// Each step states what real Lambda does (asserted against the in-memory Lambda) and what moto does. Where the
/// two differ, the step names moto's deviation, and each deviation has its row in the `EventInvokeConfigTesting`
/// article "Lambda's rules, and where moto differs".
@Suite("Parity: in-memory Lambda vs moto", .serialized)
struct ParityTests {
    enum Backend: String, Sendable {
        case inMemory, moto
    }

    /// What one step observed.
    enum Observed: Equatable, CustomStringConvertible {
        case config(EventInvokeConfig, qualifier: String?)
        case count(Int)
        case hasNextMarker(Bool)
        case ok
        case error(EventInvokeConfigError.Code)
        /// An error and its message, for steps about Lambda's texts.
        case message(EventInvokeConfigError.Code, String)

        var description: String {
            switch self {
            case .config(let config, let qualifier):
                "config(retries: \(config.maximumRetryAttempts?.value ?? -1), age: \(config.maximumEventAge?.seconds ?? -1), "
                    + "qualifier: \(qualifier ?? "none"))"
            case .count(let count): "count(\(count))"
            case .hasNextMarker(let flag): "hasNextMarker(\(flag))"
            case .ok: "ok"
            case .error(let code): "error(\(code))"
            case .message(let code, let message): "error(\(code), \(message))"
            }
        }
    }

    struct Step: Sendable {
        let name: String
        let run: @Sendable (any EventInvokeConfigClient) async throws -> Observed
        let lambda: Observed
        /// What moto answers when it differs from Lambda, and why; `nil` when moto is right.
        let motoDeviation: (observed: Observed, reason: String)?
    }

    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:demo-fn"
    static let twoMinutes: MaximumEventAge = {
        guard let age = try? MaximumEventAge(seconds: 120) else { preconditionFailure("120 s is in range") }
        return age
    }()
    static let oneRetry = EventInvokeConfig(
        maximumRetryAttempts: .one, maximumEventAge: twoMinutes)
    static let zeroRetry = EventInvokeConfig(maximumRetryAttempts: .zero)

    static func put(
        _ function: String, _ config: EventInvokeConfig
    ) -> @Sendable (any EventInvokeConfigClient) async throws -> Observed {
        { client in
            let record = try await client.put(config, for: try FunctionReference(function))
            return .config(record.config, qualifier: record.functionARN.qualifier?.rawValue)
        }
    }

    static func get(_ function: String) -> @Sendable (any EventInvokeConfigClient) async throws -> Observed {
        { client in
            let record = try await client.get(try FunctionReference(function))
            return .config(record.config, qualifier: record.functionARN.qualifier?.rawValue)
        }
    }

    /// Runs a call that should fail and observes its code and message.
    static func message(
        _ call: @escaping @Sendable (any EventInvokeConfigClient) async throws -> Void
    ) -> @Sendable (any EventInvokeConfigClient) async throws -> Observed {
        { client in
            do {
                try await call(client)
                return .ok
            } catch let error as EventInvokeConfigError {
                return .message(error.code, error.message)
            }
        }
    }

    static let steps: [Step] = [
        Step(
            name: "put by name", run: put("demo-fn", oneRetry), lambda: .config(oneRetry, qualifier: "$LATEST"),
            motoDeviation: (.config(oneRetry, qualifier: nil), "moto's FunctionArn is unqualified")),
        Step(
            name: "get by full ARN", run: get(arn), lambda: .config(oneRetry, qualifier: "$LATEST"),
            motoDeviation: (.config(oneRetry, qualifier: nil), "moto's FunctionArn is unqualified")),
        Step(
            name: "put again replaces", run: put("demo-fn", zeroRetry),
            lambda: .config(zeroRetry, qualifier: "$LATEST"),
            motoDeviation: (.config(zeroRetry, qualifier: nil), "moto's FunctionArn is unqualified")),
        Step(
            name: "get after the second put", run: get("demo-fn"), lambda: .config(zeroRetry, qualifier: "$LATEST"),
            motoDeviation: (.config(oneRetry, qualifier: nil), "moto's Put appends: the first config stays visible")),
        Step(
            name: "put on alias live", run: put(arn + ":live", oneRetry), lambda: .config(oneRetry, qualifier: "live"),
            motoDeviation: (.config(oneRetry, qualifier: nil), "moto ignores ?Qualifier=")),
        Step(
            name: "put on version 1", run: put("demo-fn:1", zeroRetry), lambda: .config(zeroRetry, qualifier: "1"),
            motoDeviation: (.config(zeroRetry, qualifier: nil), "moto ignores ?Qualifier=")),
        Step(
            name: "get version 1 keeps its own config", run: get("demo-fn:1"),
            lambda: .config(zeroRetry, qualifier: "1"),
            motoDeviation: (.config(oneRetry, qualifier: nil), "moto ignores ?Qualifier= and returns the first config")),
        Step(
            name: "update merges",
            run: { client in
                let record = try await client.update(
                    EventInvokeConfigPatch(maximumRetryAttempts: .two), for: try FunctionReference("demo-fn:live"))
                return .config(record.config, qualifier: record.functionARN.qualifier?.rawValue)
            },
            lambda: .config(
                EventInvokeConfig(maximumRetryAttempts: .two, maximumEventAge: twoMinutes),
                qualifier: "live"),
            motoDeviation: (
                .config(EventInvokeConfig(maximumRetryAttempts: .two), qualifier: nil), "moto's Update never merges"
            )),
        Step(
            name: "list returns every qualifier",
            run: { client in
                .count(try await client.listAll(try FunctionReference("demo-fn")).collect().count)
            }, lambda: .count(3), motoDeviation: (.count(1), "moto lists at most one entry")),
        Step(
            name: "list pages with MaxItems",
            run: { client in
                .hasNextMarker(
                    try await client.list(try FunctionReference("demo-fn"), marker: nil, maxItems: 1).nextMarker != nil)
            }, lambda: .hasNextMarker(true), motoDeviation: (.hasNextMarker(false), "moto ignores Marker/MaxItems")),
        Step(
            name: "put by partial ARN", run: put("123456789012:function:demo-fn", oneRetry),
            lambda: .config(oneRetry, qualifier: "$LATEST"),
            motoDeviation: (.error(.service), "moto does not route partial ARNs (HTML 500)")),
        Step(
            name: "delete answers 204",
            run: { client in
                try await client.delete(try FunctionReference("demo-fn"))
                return .ok
            }, lambda: .ok, motoDeviation: nil),
        Step(
            name: "get after delete is 404 and names the qualified ARN",
            run: message { _ = try await $0.get(try FunctionReference("demo-fn")) },
            lambda: .message(.resourceNotFound, "The function \(arn):$LATEST doesn't have an EventInvokeConfig"),
            motoDeviation: (
                .message(.resourceNotFound, "The function \(arn) doesn't have an EventInvokeConfig"),
                "moto names the unqualified ARN"
            )),
        Step(
            name: "update without a config is 404",
            run: { client in
                let record = try await client.update(
                    EventInvokeConfigPatch(maximumRetryAttempts: .one), for: try FunctionReference("demo-fn"))
                return .config(record.config, qualifier: record.functionARN.qualifier?.rawValue)
            }, lambda: .error(.resourceNotFound),
            motoDeviation: (
                .config(EventInvokeConfig(maximumRetryAttempts: .one), qualifier: nil), "moto's Update creates a config"
            )),
        Step(
            name: "unknown function is 404", run: get("no-such-function"), lambda: .error(.resourceNotFound),
            motoDeviation: nil),
        Step(
            name: "put on a missing function: Lambda's message",
            run: message { _ = try await $0.put(oneRetry, for: try FunctionReference("no-such-function")) },
            lambda: .message(.resourceNotFound, "The function doesn't exist."),
            motoDeviation: (
                .message(.resourceNotFound, "Function not found: \(arn.dropLast(7))no-such-function"),
                "moto's message for a missing function is GetFunction's"
            )),
        Step(
            name: "a Lambda destination that does not exist is refused",
            run: message {
                _ = try await $0.put(
                    EventInvokeConfig(
                        destinationConfig: try DestinationConfig(onFailureARN: "\(arn.dropLast(7))no-such-target")),
                    for: try FunctionReference("demo-fn"))
            },
            lambda: .message(.invalidParameter, "The destination ARN \(arn.dropLast(7))no-such-target is invalid."),
            motoDeviation: (.ok, "moto does not check destinations")),
        Step(
            name: "unknown alias is 404", run: get("demo-fn:no-such-alias"), lambda: .error(.resourceNotFound),
            motoDeviation: (
                .config(EventInvokeConfig(maximumRetryAttempts: .one), qualifier: nil), "moto ignores ?Qualifier="
            )),
    ]

    @Test("the scenario on the in-memory Lambda: real Lambda's answers")
    func inMemory() async throws { try await scenario(backend: .inMemory) }

    @Test(
        "the scenario on moto: Lambda's answers but for the listed deviations",
        .enabled(if: Prerequisites.moto.isAvailable, Prerequisites.moto.skipReason))
    func moto() async throws { try await scenario(backend: .moto) }

    func scenario(backend: Backend) async throws {
        var moto: MotoServer?
        defer { moto?.stop() }
        let client: LambdaEventInvokeConfigClient
        let credentials = Credentials(accessKeyID: "AKIDMOTO", secretAccessKey: "moto-secret")
        switch backend {
        case .inMemory:
            let lambda = InMemoryLambda()
            try await lambda.seedFunction("demo-fn", versions: 1, aliases: ["live": 1])
            client = try LambdaEventInvokeConfigClient(
                configuration: .init(
                    region: try Region("us-east-1"), credentials: StaticCredentialsProvider(credentials),
                    retryPolicy: .none,
                    environment: [:]),
                transport: InMemoryTransport(lambda))
        case .moto:
            let server = try await MotoServer.start()
            moto = server
            client = try LambdaEventInvokeConfigClient(
                configuration: .init(
                    region: try Region("us-east-1"), credentials: StaticCredentialsProvider(credentials),
                    endpoint: server.endpoint,
                    retryPolicy: .none, environment: [:]),
                transport: URLSessionTransport())
        }
        for step in Self.steps {
            let observed: Observed
            do {
                observed = try await step.run(client)
            } catch let error as EventInvokeConfigError {
                observed = .error(error.code)
            }
            let expected = backend == .inMemory ? step.lambda : (step.motoDeviation?.observed ?? step.lambda)
            #expect(
                observed == expected,
                "\(backend) \(step.name): \(step.motoDeviation?.reason ?? "moto agrees with Lambda")")
        }
    }

    /// Where each deviation the scenario observes is documented: the row of the table "Where moto differs" in the
    /// `EventInvokeConfigTesting` article `Semantics.md`.
    static let documentedRows: [String: String] = [
        "moto does not check destinations": "| destinations |",
        "moto does not route partial ARNs (HTML 500)": "| partial ARN names |",
        "moto ignores ?Qualifier= and returns the first config": "| qualifier in `?Qualifier=` |",
        "moto ignores ?Qualifier=": "| qualifier in `?Qualifier=` |",
        "moto ignores Marker/MaxItems": "| List |",
        "moto lists at most one entry": "| List |",
        "moto names the unqualified ARN": "| `…doesn't have an EventInvokeConfig` |",
        "moto's FunctionArn is unqualified": "| records |",
        "moto's Put appends: the first config stays visible": "| Put |",
        "moto's Update creates a config": "| Update |",
        "moto's Update never merges": "| Update |",
        "moto's message for a missing function is GetFunction's": "| Put / Update / List on a missing function |",
    ]

    @Test("every deviation the scenario observes has its row in the documentation's moto table")
    func deviationsAreDocumented() throws {
        let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "Sources/EventInvokeConfigTesting/Docs.docc/Semantics.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        let table = try #require(text.components(separatedBy: "## Where moto differs").last)
        for reason in Set(Self.steps.compactMap { $0.motoDeviation?.reason }) {
            let row = try #require(Self.documentedRows[reason], "no documented row for \"\(reason)\"")
            #expect(table.contains(row), "Semantics.md has no row \(row) for \"\(reason)\"")
        }
    }
}
