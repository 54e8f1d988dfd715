import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Logging
import Synchronization
import Testing

@Suite("Retries")
struct RetryTests {
    @Test("the standard schedule for transient errors: random × min(2^(n−1) × 50 ms, 20 s), one invocation id")
    func schedule() async throws {
        let transport = ScriptedTransport([
            Fixture.error(500, type: "ServiceException"), Fixture.error(503, type: nil), Fixture.ok(),
        ])
        let sleeper = Fixture.Sleeper()
        let client = try Fixture.client(transport, random: 0.25, sleeper: sleeper)
        _ = try await client.get(try FunctionReference("fn"))
        #expect(sleeper.recorded == [.microseconds(12_500), .milliseconds(25)])
        let requests = transport.requests
        #expect(requests.count == 3)
        let ids = Set(requests.compactMap { RequestTests.value($0, "amz-sdk-invocation-id") })
        #expect(ids.count == 1)
        #expect(
            requests.map { RequestTests.value($0, "amz-sdk-request") } == [
                "attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3",
            ])
    }

    @Test("throttling backs off from 1 s, capped at 20 s before the jitter")
    func cap() async throws {
        let transport = ScriptedTransport(Array(repeating: Fixture.error(429, type: nil), count: 8))
        let sleeper = Fixture.Sleeper()
        let client = try Fixture.client(
            transport, retry: .standard(maximumAttempts: 8), random: 0.999_999, sleeper: sleeper)
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("fn"))
        }
        #expect(error?.code == .throttled)
        #expect(error?.attempts == 8)
        let seconds = sleeper.recorded.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        #expect(seconds.count == 7)
        for (index, expected) in [1.0, 2, 4, 8, 16, 20, 20].enumerated() {
            #expect(abs(seconds[index] - expected) < 0.001, "retry \(index + 1): \(seconds[index])")
        }
    }

    @Test("Retry-After raises the wait to its value, at most 5 s past the computed backoff")
    func retryAfter() async throws {
        let transport = ScriptedTransport([
            Fixture.error(429, type: "TooManyRequestsException", extraHeaders: [("Retry-After", "2")]),
            Fixture.error(429, type: "TooManyRequestsException", extraHeaders: [("Retry-After", "3600")]),
            Fixture.ok(),
        ])
        let sleeper = Fixture.Sleeper()
        let client = try Fixture.client(transport, random: 0.1, sleeper: sleeper)
        _ = try await client.get(try FunctionReference("fn"))
        // Throttling: backoffs 0.1 s and 0.2 s; 2 s is honoured, 3600 s is held to 0.2 s + 5 s.
        #expect(sleeper.recorded == [.seconds(2), .milliseconds(5_200)])
    }

    @Test(
        "x-amz-retry-after (ms) wins over Retry-After, within its bounds; malformed or negative is ignored",
        arguments: [
            ("1500", Duration.milliseconds(1_500)), ("0", .microseconds(2_500)), ("-5", .microseconds(2_500)),
            ("soon", .microseconds(2_500)), ("60000", .microseconds(5_002_500)),
        ])
    func amzRetryAfter(header: String, expected: Duration) async throws {
        let transport = ScriptedTransport([
            Fixture.error(503, type: nil, extraHeaders: [("x-amz-retry-after", header), ("Retry-After", "9")]),
            Fixture.ok(),
        ])
        let sleeper = Fixture.Sleeper()
        let client = try Fixture.client(transport, random: 0.05, sleeper: sleeper)
        _ = try await client.get(try FunctionReference("fn"))
        // A transient error's backoff: 0.05 × 50 ms = 2.5 ms.
        #expect(sleeper.recorded == [expected], "\(header)")
    }

    @Test("non-retryable errors are not retried")
    func notRetried() async throws {
        for outcome in [
            Fixture.error(400, type: "InvalidParameterValueException"),
            Fixture.error(404, type: "ResourceNotFoundException"),
            Fixture.error(409, type: "ResourceConflictException"), Fixture.error(403, type: "AccessDeniedException"),
            Fixture.error(501, type: nil),
        ] {
            let transport = ScriptedTransport([outcome, Fixture.ok()])
            let client = try Fixture.client(transport)
            await #expect(throws: EventInvokeConfigError.self) { _ = try await client.get(try FunctionReference("fn")) }
            #expect(transport.requests.count == 1)
        }
    }

    @Test("connection failures and timeouts are retried at the transient cost of 14 tokens, timeouts no dearer")
    func transportRetries() async throws {
        let transport = ScriptedTransport([
            .failure(TransportError(.connectionFailed, "reset")), .failure(TransportError(.timeout, "slow")),
            Fixture.ok(),
        ])
        let sleeper = Fixture.Sleeper()
        let client = try Fixture.client(
            transport, retry: RetryPolicy(maximumAttempts: 3, retryQuota: 28), sleeper: sleeper)
        _ = try await client.get(try FunctionReference("fn"))
        #expect(transport.requests.count == 3)
        // Of 28 tokens, each retry took 14; the success refunded the last 14.
        transport.enqueue(Fixture.error(500, type: nil), Fixture.ok())
        _ = try await client.get(try FunctionReference("fn"))
        #expect(transport.requests.count == 5, "14 tokens paid for one more retry")
        transport.enqueue(Fixture.error(500, type: nil), .failure(TransportError(.timeout, "slow")))
        await #expect(throws: EventInvokeConfigError.self) { _ = try await client.get(try FunctionReference("fn")) }
        #expect(transport.requests.count == 7, "the refund of 14 paid for one retry")
        transport.enqueue(.failure(TransportError(.timeout, "slow")), Fixture.ok())
        await #expect(throws: EventInvokeConfigError.self) { _ = try await client.get(try FunctionReference("fn")) }
        #expect(transport.requests.count == 8, "no tokens left")
    }

    @Test("a throttled retry costs 5 tokens, a transient one 14")
    func throttlingCost() async throws {
        let transport = ScriptedTransport(
            Array(repeating: Fixture.error(429, type: "TooManyRequestsException"), count: 3)
                + [Fixture.error(500, type: nil), Fixture.error(500, type: nil)])
        let client = try Fixture.client(transport, retry: RetryPolicy(maximumAttempts: 3, retryQuota: 13))
        // Two throttled retries: 10 of 13 tokens.
        await #expect(throws: EventInvokeConfigError.self) { _ = try await client.get(try FunctionReference("fn")) }
        #expect(transport.requests.count == 3)
        // 3 tokens left: a transient error's retry (14) is refused.
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("fn"))
        }
        #expect(error?.attempts == 1)
        #expect(client.throttledResponses == 3)
    }

    @Test("a success refunds what its retry cost")
    func timeoutRefund() async throws {
        let transport = ScriptedTransport([
            .failure(TransportError(.timeout, "slow")), Fixture.ok(), .failure(TransportError(.timeout, "slow")),
            Fixture.ok(),
        ])
        let client = try Fixture.client(transport, retry: RetryPolicy(maximumAttempts: 3, retryQuota: 14))
        _ = try await client.get(try FunctionReference("fn"))
        _ = try await client.get(try FunctionReference("fn"))
        #expect(transport.requests.count == 4, "the first success gave back all 14 tokens")
    }

    @Test("an exhausted retry quota stops retrying")
    func quotaExhaustion() async throws {
        let transport = ScriptedTransport(Array(repeating: Fixture.error(500, type: "ServiceException"), count: 20))
        let client = try Fixture.client(transport, retry: RetryPolicy(maximumAttempts: 3, retryQuota: 30))
        // First operation: two retries cost 28 of 30 tokens.
        await #expect(throws: EventInvokeConfigError.self) { _ = try await client.get(try FunctionReference("fn")) }
        #expect(transport.requests.count == 3)
        // Second operation: 2 tokens left, a retry costs 14, so there is no retry.
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("fn"))
        }
        #expect(transport.requests.count == 4)
        #expect(error?.attempts == 1)
    }

    @Test("successes refill the quota")
    func quotaRefill() async throws {
        let outcomes: [ScriptedTransport.Outcome] =
            [Fixture.error(500, type: nil), Fixture.ok()] + [Fixture.error(500, type: nil), Fixture.ok()]
        let transport = ScriptedTransport(outcomes)
        let client = try Fixture.client(transport, retry: RetryPolicy(maximumAttempts: 3, retryQuota: 14))
        _ = try await client.get(try FunctionReference("fn"))
        _ = try await client.get(try FunctionReference("fn"))
        #expect(transport.requests.count == 4, "the refund after the first retry pays for the second")
    }

    @Test(
        "max_attempts and retry_mode come from the environment, then the profile; bad values name the setting",
        arguments: [
            ([String: String](), [String: String](), 3, RetryPolicy.Mode.standard),
            (["AWS_MAX_ATTEMPTS": "5"], [:], 5, .standard),
            ([:], ["max_attempts": "2", "retry_mode": "adaptive"], 2, .adaptive),
            (["AWS_RETRY_MODE": "standard"], ["retry_mode": "adaptive"], 3, .standard),
            (["AWS_RETRY_MODE": "legacy"], [:], 3, .standard),
        ])
    func configuredPolicy(
        environment: [String: String], profile: [String: String], attempts: Int, mode: RetryPolicy.Mode
    )
        throws
    {
        let policy = try RetryPolicy.fromEnvironment(environment, profile: profile)
        #expect(policy.maximumAttempts == attempts)
        #expect(policy.mode == mode)
    }

    @Test("a malformed max_attempts or retry_mode is an error naming it")
    func configuredPolicyErrors() throws {
        let attempts = #expect(throws: InvalidValueError.self) {
            try RetryPolicy.fromEnvironment(["AWS_MAX_ATTEMPTS": "0"], profile: nil)
        }
        #expect(attempts?.field == "AWS_MAX_ATTEMPTS")
        let mode = #expect(throws: InvalidValueError.self) {
            try RetryPolicy.fromEnvironment([:], profile: ["retry_mode": "fast"])
        }
        #expect(mode?.field == "retry_mode")
        #expect(mode?.description.contains("adaptive") == true)
    }

    @Test("RetryPolicy.none makes one attempt")
    func none() async throws {
        let transport = ScriptedTransport([Fixture.error(500, type: nil), Fixture.ok()])
        let client = try Fixture.client(transport, retry: .none)
        await #expect(throws: EventInvokeConfigError.self) { _ = try await client.get(try FunctionReference("fn")) }
        #expect(transport.requests.count == 1)
    }

    @Test("cancelling during the backoff stops at once and sends nothing more")
    func cancellation() async throws {
        let transport = ScriptedTransport([Fixture.error(500, type: nil), Fixture.ok()])
        let entered = AsyncStream<Void>.makeStream()
        let configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
            environment: [:], clock: { Fixture.epoch }, random: { 0.5 },
            sleep: { duration in
                entered.continuation.yield()
                try await Task.sleep(for: .seconds(3600))
            })
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
        let task = Task { try await client.get(try FunctionReference("fn")) }
        var iterator = entered.stream.makeAsyncIterator()
        _ = await iterator.next()
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(transport.requests.count == 1)
    }

    @Test("one debug line per attempt, with operation, status and request id, and no secret")
    func logging() async throws {
        let lines = try await Self.linesLogged(
            getting: "fn:live",
            answered: [
                Fixture.error(503, type: nil, extraHeaders: [("x-amzn-RequestId", "r-1")]),
                Fixture.ok(headers: [HTTPField.Name("x-amzn-RequestId")!: "r-2"]),
            ])
        let attempts = lines.filter { $0.message == "attempt" }
        #expect(attempts.count == 2)
        #expect(attempts.map { $0.metadata["status"] } == ["503", "200"])
        #expect(attempts.map { $0.metadata["request_id"] } == ["r-1", "r-2"])
        #expect(attempts.allSatisfy { $0.metadata["operation"] == "GetFunctionEventInvokeConfig" })
        #expect(attempts.allSatisfy { $0.metadata["function"] == "fn:live" && $0.metadata["latency_ms"] != nil })
        let everything = lines.map { "\($0.message) \($0.metadata)" }.joined()
        #expect(!everything.contains(Fixture.credentials.secretAccessKey))
        #expect(!everything.contains("SESSIONTOKENEXAMPLE"))
    }

    @Test("an attempt that fails in the transport gets its debug line too, with the error and no status")
    func loggingTransportFailure() async throws {
        let lines = try await Self.linesLogged(
            getting: "fn", answered: [.failure(TransportError(.connectionFailed, "reset")), Fixture.ok()])
        let attempts = lines.filter { $0.message == "attempt" }
        #expect(attempts.count == 2)
        #expect(attempts.map { $0.metadata["status"] } == [nil, "200"])
        #expect(attempts.first?.metadata["error"].map { "\($0)".hasPrefix("transport") } == true)
    }

    @Test("no attempt or retry line when the log handler is above debug")
    func noAttemptLinesAboveDebug() async throws {
        let lines = try await Self.linesLogged(
            getting: "fn", answered: [.failure(TransportError(.connectionFailed, "reset")), Fixture.ok()],
            handlerLevel: .info)
        #expect(lines.isEmpty)
    }

    /// The lines a client logs for a Get of `function` answered by `outcomes`, through a handler at `handlerLevel`.
    static func linesLogged(
        getting function: String, answered outcomes: [ScriptedTransport.Outcome],
        handlerLevel: Logger.Level = .trace
    ) async throws -> [CapturingLogHandler.Line] {
        let handler = CapturingLogHandler(level: handlerLevel)
        let client = try Fixture.client(
            ScriptedTransport(outcomes), logger: Logger(label: "test", factory: { _ in handler }))
        _ = try await client.get(try FunctionReference(function))
        return handler.lines
    }
}
