import EventInvokeConfigKit
import EventInvokeConfigSigV4
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import LambdaEventInvokeConfig
import Testing

#if AsyncHTTPClientTransport
import AsyncHTTPClient
import EventInvokeConfigAsyncHTTPClient
#endif

// The code examples of the doc comments and DocC articles, as written there, so that an API change that breaks one
// fails the build. Examples that need AWS are compiled and never run; the others run. Change both places together.

/// `HTTPTransport`'s doc comment (the elided body filled in).
struct CannedTransport: HTTPTransport {
    func send(_ request: TransportRequest) async throws -> TransportResponse {
        TransportResponse(head: HTTPResponse(status: .ok), body: Data(#"{"FunctionArn":"x"}"#.utf8))
    }
}

@Suite("Doc comment examples")
struct DocCommentExampleTests {
    /// `InMemoryLambda`'s doc comment.
    @Test func inMemoryLambda() async throws {
        let lambda = InMemoryLambda()
        let orders = try await lambda.seedFunction("orders", versions: 2, aliases: ["live": 2])
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials)),
            transport: InMemoryTransport(lambda))
        _ = try await client.put(
            EventInvokeConfig(maximumRetryAttempts: .zero), for: orders.qualified(.alias(try Alias("live"))))
        #expect(await lambda.storedConfig(function: "orders", qualifier: "live")?.config.maximumRetryAttempts == .zero)
    }

    /// The `EventInvokeConfigAWSConfig` article's example (compiled only: it reads the machine's `~/.aws`).
    func awsConfigArticle() throws {
        let shared = try SharedConfiguration.load(profile: "deploy")
        let region = try shared.region()?.region  // AWS_REGION > AWS_DEFAULT_REGION > the profile's region
        let lambda = try Endpoint.resolve(region: region?.name, environment: shared.environment, shared: shared)
        _ = lambda
    }

    /// `LambdaEventInvokeConfigClient`'s doc comment (compiled only).
    func liveClient(transport: any HTTPTransport) async throws {
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(region: try Region("us-east-1"), credentials: EnvironmentCredentialsProvider()),
            transport: transport)
        let record = try await client.put(
            EventInvokeConfig(maximumRetryAttempts: .zero, maximumEventAge: .minimum),
            for: try FunctionReference("my-function:live"))
        _ = record
    }

    /// The umbrella initialiser's doc comment (compiled only).
    func umbrella() throws {
        let client = try LambdaEventInvokeConfigClient(configuration: .fromEnvironment())
        _ = client
    }

    #if AsyncHTTPClientTransport
    /// The Kit DocC overview (compiled only).
    func asyncHTTPClient() throws {
        let transport = AsyncHTTPClientTransport(client: HTTPClient.shared)
        let client = try LambdaEventInvokeConfigClient(
            configuration: try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(transport: transport),
            transport: transport)
        _ = client
    }
    #endif

    /// `ScriptedTransport`'s doc comment.
    @Test func scriptedTransport() async throws {
        let json = #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST","LastModified":1}"#
        let transport = ScriptedTransport([
            .response(TransportResponse(status: .tooManyRequests, headers: [.retryAfter: "1"])),
            .response(TransportResponse(status: .ok, body: json)),
        ])
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                sleep: { _ in }),
            transport: transport)
        _ = try await client.get(try FunctionReference("f"))
        #expect(transport.requests.count == 2)
        _ = try await CannedTransport().send(transport.requests[0])
    }

    /// `SigV4Signer`'s doc comment.
    @Test func signer() throws {
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "lambda.us-east-1.amazonaws.com")])
        let credentials = Credentials(accessKeyID: "AKID", secretAccessKey: "secret")
        let now = Date(timeIntervalSince1970: 1_795_867_200)
        let signer = SigV4Signer(region: "us-east-1", service: "lambda")
        let signature = try signer.sign(request, credentials: credentials, date: now)
        for (name, value) in signature.headers { #expect(!name.isEmpty && !value.isEmpty) }
    }
}
