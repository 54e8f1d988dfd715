import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigURLSession
import Foundation
import HTTPTypes
import Testing

#if AsyncHTTPClientTransport
import AsyncHTTPClient
import EventInvokeConfigAsyncHTTPClient
#endif

/// The client against moto, through both real transports. Only what moto does like real Lambda is asserted
/// (see `../shared/PEERS.md`): moto ignores `?Qualifier=`, appends on Put, never merges on Update, lists at most
/// one entry and sends ISO-8601 `LastModified` from Update and List. Real-Lambda semantics are asserted against
/// the in-memory Lambda instead.
@Suite(
    "Integration with moto", .enabled(if: Prerequisites.moto.isAvailable, Prerequisites.moto.skipReason), .serialized)
struct MotoIntegrationTests {
    static func client(_ moto: MotoServer, _ kind: TransportKind) throws -> LambdaEventInvokeConfigClient {
        try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"),
                credentials: StaticCredentialsProvider(
                    Credentials(accessKeyID: "AKIDMOTO", secretAccessKey: "moto-secret")),
                endpoint: moto.endpoint, retryPolicy: .none, environment: [:]),
            transport: kind.make())
    }

    @Test("every operation, every reference form", arguments: TransportKind.allCases)
    func lifecycle(kind: TransportKind) async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let client = try Self.client(moto, kind)
        let arn = try FunctionReference(moto.functionARN)
        let references = [
            try FunctionReference("demo-fn"), arn, arn.qualified(.version(try Version(1))),
            arn.qualified(.alias(try Alias("live"))), try FunctionReference("demo-fn:$LATEST"),
            try FunctionReference("demo-fn:live"),
        ]
        let config = EventInvokeConfig(
            maximumRetryAttempts: .one, maximumEventAge: try MaximumEventAge(seconds: 120),
            destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:dlq"))
        for reference in references {
            let put = try await client.put(config, for: reference)
            #expect(put.config == config, "\(reference)")
            #expect(put.functionARN.name == "demo-fn")
            #expect(put.functionARN.accountID?.digits == "123456789012")
            let got = try await client.get(reference)
            #expect(got.functionARN.name == "demo-fn")
            #expect(got.config.maximumEventAge != nil, "\(reference)")
        }
        // Update echoes what it set; its LastModified is an ISO-8601 string in moto.
        let updated = try await client.update(EventInvokeConfigPatch(maximumRetryAttempts: .zero), for: references[0])
        #expect(updated.config.maximumRetryAttempts == .zero)
        #expect(abs(updated.lastModified.timeIntervalSinceNow) < 3600)
        // List decodes moto's ISO-8601 timestamps and text/html content type.
        let page = try await client.list(references[0], marker: nil, maxItems: 10)
        #expect(!page.records.isEmpty)
        let all = try await client.listAll(arn).collect()
        #expect(all.count == page.records.count)
        // Delete answers 204.
        try await client.delete(references[0])
        // A function that does not exist is a typed 404.
        let missing = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("no-such-function"))
        }
        #expect(missing?.code == .resourceNotFound)
        #expect(missing?.statusCode == 404)
        #expect(missing?.message.contains("Function not found") == true)
    }

    @Test("a connection refused is a typed transport error", arguments: TransportKind.allCases)
    func connectionRefused(kind: TransportKind) async throws {
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"),
                credentials: StaticCredentialsProvider(Credentials(accessKeyID: "A", secretAccessKey: "B")),
                endpoint: "http://127.0.0.1:9", retryPolicy: .none, attemptTimeout: .seconds(3), environment: [:]),
            transport: kind.make())
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("f"))
        }
        // URLSession reports the refusal at once; AsyncHTTPClient keeps re-trying the connection until the
        // attempt's deadline, then reports the refusal.
        #expect(error?.code == .transport, "\(String(describing: error))")
        #expect(error?.message.contains("127.0.0.1:9") == true)
    }
}
