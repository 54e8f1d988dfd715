import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import MetricsTestKit
import Testing

@Suite("swift-metrics")
struct MetricsTests {
    static let get = [("operation", "GetFunctionEventInvokeConfig")]

    @Test("a call counts once however many attempts it took; retries and the duration are recorded")
    func retriedCall() async throws {
        let metrics = TestMetrics()
        let transport = ScriptedTransport([
            Fixture.error(429, type: "TooManyRequestsException"), Fixture.error(503, type: nil), Fixture.ok(),
        ])
        let client = try Fixture.client(transport, metrics: metrics)
        _ = try await client.get(try FunctionReference("my-function"))
        #expect(try metrics.expectCounter("eic_requests_total", Self.get).totalValue == 1)
        #expect(try metrics.expectCounter("eic_retries_total", Self.get).totalValue == 2)
        #expect(try metrics.expectTimer("eic_request_duration", Self.get).values.count == 1)
        #expect(metrics.counters(label: "eic_request_errors_total").isEmpty)
        let put = [("operation", "PutFunctionEventInvokeConfig")]
        #expect(try metrics.expectCounter("eic_requests_total", put).totalValue == 0)
    }

    @Test("a failed call is counted by error code")
    func failedCalls() async throws {
        let metrics = TestMetrics()
        let transport = ScriptedTransport([
            Fixture.error(404, type: "ResourceNotFoundException"),
            Fixture.error(404, type: "ResourceNotFoundException"),
            Fixture.error(400, type: "InvalidParameterValueException"),
        ])
        let client = try Fixture.client(transport, retry: .none, metrics: metrics)
        for _ in 0..<2 { _ = try? await client.get(try FunctionReference("my-function")) }
        _ = try? await client.delete(try FunctionReference("my-function"))
        #expect(try metrics.expectCounter("eic_requests_total", Self.get).totalValue == 2)
        #expect(
            try metrics.expectCounter(
                "eic_request_errors_total", Self.get + [("code", "resourceNotFound")]
            ).totalValue == 2)
        #expect(
            try metrics.expectCounter(
                "eic_request_errors_total",
                [("operation", "DeleteFunctionEventInvokeConfig"), ("code", "invalidParameter")]
            ).totalValue == 1)
        #expect(try metrics.expectCounter("eic_retries_total", Self.get).totalValue == 0)
    }

    @Test("a 2xx answer that does not decode is a failed call (invalidResponse)")
    func undecodableAnswer() async throws {
        let metrics = TestMetrics()
        let client = try Fixture.client(ScriptedTransport([Fixture.ok("<html>")]), retry: .none, metrics: metrics)
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("my-function"))
        }
        #expect(error?.code == .invalidResponse)
        #expect(
            try metrics.expectCounter("eic_request_errors_total", Self.get + [("code", "invalidResponse")]).totalValue
                == 1)
        #expect(try metrics.expectCounter("eic_requests_total", Self.get).totalValue == 1)
    }

    @Test("a call cancelled while backing off is counted as cancelled")
    func cancelledCall() async throws {
        let metrics = TestMetrics()
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
                metricsFactory: metrics, environment: [:], sleep: { _ in throw CancellationError() }),
            transport: ScriptedTransport([Fixture.error(503, type: nil)]))
        await #expect(throws: CancellationError.self) { _ = try await client.get(try FunctionReference("my-function")) }
        #expect(
            try metrics.expectCounter("eic_request_errors_total", Self.get + [("code", "cancelled")]).totalValue == 1)
    }

    @Test("against the in-memory Lambda, every operation reports under its own name")
    func everyOperation() async throws {
        let metrics = TestMetrics()
        let lambda = InMemoryLambda()
        let orders = try await lambda.seedFunction("orders")
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                metricsFactory: metrics, environment: [:]),
            transport: InMemoryTransport(lambda))
        _ = try await client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: orders)
        _ = try await client.update(EventInvokeConfigPatch(maximumRetryAttempts: .zero), for: orders)
        _ = try await client.get(orders)
        _ = try await client.list(orders, marker: nil, maxItems: 10)
        try await client.delete(orders)
        for operation in [
            "PutFunctionEventInvokeConfig", "UpdateFunctionEventInvokeConfig", "GetFunctionEventInvokeConfig",
            "ListFunctionEventInvokeConfigs", "DeleteFunctionEventInvokeConfig",
        ] {
            #expect(try metrics.expectCounter("eic_requests_total", [("operation", operation)]).totalValue == 1)
        }
    }
}
