import Foundation
import LambdaEventInvokeConfig
import Testing

/// The one test that talks to real AWS, opt-in: set `EIC_LIVE_FUNCTION` to a function you own (name or ARN) and
/// provide credentials and a region any way the AWS CLI accepts (environment, `AWS_PROFILE`, SSO, a role…). It
/// runs Get, Put, Get and Delete on the function's `$LATEST` event invoke config through the default chain, and
/// puts back the config that was there before, if any.
@Suite("Live AWS smoke test")
struct LiveSmokeTests {
    static let function = ProcessInfo.processInfo.environment["EIC_LIVE_FUNCTION"].flatMap { $0.isEmpty ? nil : $0 }

    @Test(
        "Get, Put, Get, Delete of $LATEST through the default chain",
        .enabled(if: function != nil, "set EIC_LIVE_FUNCTION to a function you own to run it"))
    func roundTrip() async throws {
        let name = try #require(Self.function)
        let client = try LambdaEventInvokeConfigClient(configuration: .fromEnvironment())
        let function = try FunctionReference(name, qualifier: "$LATEST")
        var before: EventInvokeConfig?
        do {
            before = try await client.get(function).config
        } catch let error as EventInvokeConfigError where error.code == .resourceNotFound {
            before = nil
        }
        let wanted = EventInvokeConfig(
            maximumRetryAttempts: try MaximumRetryAttempts(1), maximumEventAge: try MaximumEventAge(seconds: 3_600))
        let put = try await client.put(wanted, for: function)
        #expect(put.config == wanted)
        #expect(try await client.get(function).config == wanted)
        try await client.delete(function)
        if let before { _ = try await client.put(before, for: function) }
    }
}
