import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import InMemoryTracing
import Logging
import Testing
import Tracing

/// A call is one span named like Soto's (`Lambda.OPERATION`) with the OpenTelemetry AWS SDK attributes, and one
/// child span per attempt; a per-call logger gets the call's lines.
@Suite("Tracing and per-call loggers")
struct TracingTests {
    static func client(
        _ lambda: InMemoryLambda, tracer: InMemoryTracer, logger: Logger? = nil
    ) throws -> LambdaEventInvokeConfigClient {
        var configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
            environment: [:], sleep: { _ in })
        configuration.tracer = tracer
        if let logger { configuration.logger = logger }
        return try LambdaEventInvokeConfigClient(configuration: configuration, transport: InMemoryTransport(lambda))
    }

    @Test("a call is one span with the AWS SDK attributes; each attempt a child span; errors are recorded")
    func spans() async throws {
        let lambda = InMemoryLambda()
        let orders = try await lambda.seedFunction("orders", versions: 1)
        await lambda.inject(.throttle(1, retryAfterSeconds: 0, operation: "PutFunctionEventInvokeConfig"))
        let tracer = InMemoryTracer()
        let client = try Self.client(lambda, tracer: tracer)
        _ = try await client.put(EventInvokeConfig(maximumRetryAttempts: .zero), for: orders)
        var spans = tracer.popFinishedSpans()
        let call = try #require(spans.first { $0.operationName == "Lambda.PutFunctionEventInvokeConfig" })
        #expect(call.attributes["rpc.system"]?.toSpanAttribute() == .string("aws-api"))
        #expect(call.attributes["rpc.service"]?.toSpanAttribute() == .string("Lambda"))
        #expect(call.attributes["rpc.method"]?.toSpanAttribute() == .string("PutFunctionEventInvokeConfig"))
        #expect(call.attributes["cloud.region"]?.toSpanAttribute() == .string("us-east-1"))
        #expect(call.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(200))
        #expect(call.attributes["http.request.resend_count"]?.toSpanAttribute() == .int64(1))
        if case .string(let id)? = call.attributes["aws.request_id"]?.toSpanAttribute() {
            #expect(!id.isEmpty)
        } else {
            Issue.record("no aws.request_id")
        }
        let attempts = spans.filter { $0.operationName == "Lambda.PutFunctionEventInvokeConfig.attempt" }
        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.parentSpanID == call.spanID && $0.traceID == call.traceID })
        #expect(attempts.filter { !$0.errors.isEmpty }.count == 1, "the throttled attempt records its error")

        await #expect(throws: EventInvokeConfigError.self) { try await client.get(FunctionReference("missing")) }
        spans = tracer.popFinishedSpans()
        let failed = try #require(spans.first { $0.operationName == "Lambda.GetFunctionEventInvokeConfig" })
        #expect(failed.errors.count == 1)
        #expect(failed.status?.code == .error)
        #expect(failed.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(404))
    }

    @Test("a lifecycle-free call inside the caller's span is its child")
    func childOfCallerSpan() async throws {
        let lambda = InMemoryLambda()
        let orders = try await lambda.seedFunction("orders", versions: 1)
        let tracer = InMemoryTracer()
        let client = try Self.client(lambda, tracer: tracer)
        try await tracer.withSpan("GET /orders/config") { _ in
            _ = try await client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: orders)
        }
        let spans = tracer.popFinishedSpans()
        let request = try #require(spans.first { $0.operationName == "GET /orders/config" })
        let call = try #require(spans.first { $0.operationName == "Lambda.PutFunctionEventInvokeConfig" })
        #expect(call.parentSpanID == request.spanID)
    }

    @Test("a per-call logger gets the call's lines; the configuration's logger none of them")
    func perCallLogger() async throws {
        let lambda = InMemoryLambda()
        let orders = try await lambda.seedFunction("orders", versions: 1)
        let configured = CapturingLogHandler(level: .debug)
        let perCall = CapturingLogHandler(level: .debug)
        let client = try Self.client(lambda, tracer: InMemoryTracer(), logger: configured.logger)
        _ = try await client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: orders, logger: perCall.logger)
        #expect(perCall.lines.contains { $0.message == "attempt" && $0.metadata["status"] == "200" })
        #expect(configured.lines.isEmpty)
        _ = try await client.get(orders)
        #expect(configured.lines.contains { $0.message == "attempt" })
    }
}
