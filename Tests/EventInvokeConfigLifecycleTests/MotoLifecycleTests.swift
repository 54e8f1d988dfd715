import EventInvokeConfigKit
import EventInvokeConfigLifecycle
import EventInvokeConfigTestSupport
import EventInvokeConfigURLSession
import Testing

/// A small plan/apply round trip against moto through a real transport, asserting only what moto does as Lambda
/// does (a first Put on `$LATEST`, Get, Delete; see `../shared/PEERS.md` for the rest).
@Suite("Lifecycle against moto", .enabled(if: Prerequisites.moto.isAvailable, Prerequisites.moto.skipReason))
struct MotoLifecycleTests {
    @Test("plan → apply → plan is empty; an absent target is deleted")
    func roundTrip() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"),
                credentials: StaticCredentialsProvider(Credentials(accessKeyID: "AKIDMOTO", secretAccessKey: "moto")),
                endpoint: moto.endpoint, retryPolicy: .none, environment: [:]),
            transport: URLSessionTransport())
        let lifecycle = Lifecycle(client: client, options: .init(requestsPerSecond: nil))
        let function = try FunctionReference(moto.functionARN)
        let desired = try DesiredState([
            DesiredState.Entry(function: function, config: EventInvokeConfig(maximumRetryAttempts: .one))
        ])
        let plan = try await lifecycle.plan(desired)
        #expect(plan.counts == (1, 0, 0))
        let report = await lifecycle.apply(plan)
        #expect(report.succeeded, "\(report.results.map(\.outcome))")
        #expect(try await lifecycle.plan(desired).isEmpty)
        let absent = try DesiredState([DesiredState.Entry(function: function, config: nil)])
        let deletion = try await lifecycle.plan(absent)
        #expect(deletion.counts == (0, 0, 1))
        #expect((await lifecycle.apply(deletion)).succeeded)
        #expect(try await lifecycle.plan(absent).isEmpty)
    }
}
