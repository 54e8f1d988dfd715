import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import EventInvokeConfigURLSession
import Foundation
import HTTPTypes
import Logging
import Synchronization
import Testing

#if AsyncHTTPClientTransport
import AsyncHTTPClient
import EventInvokeConfigAsyncHTTPClient
#endif

/// The limits a production client needs: time (per attempt, body included, and per call), size, paging, and input
/// that must never be sent.
@Suite("Limits: time, size, paging, unsendable credentials")
struct LimitTests {
    /// A transport that never answers (until cancelled).
    static let silent = ScriptedTransport { _ in
        try await Task.sleep(for: .seconds(3_600))
        return TransportResponse(status: .ok)
    }

    @Test("the attempt timeout bounds a transport that never answers, whatever the transport's own timers")
    func attemptTimeout() async throws {
        var configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
            retryPolicy: .none, attemptTimeout: .milliseconds(200), environment: [:])
        configuration.sleep = { _ in }
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: Self.silent)
        let started = ContinuousClock.now
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("f"))
        }
        #expect(error?.code == .timeout)
        // The transport would answer after an hour; the bound is loose because parallel tests share two cores.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("the total timeout ends the retries: no attempt or wait starts past it")
    func totalTimeout() async throws {
        let configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
            retryPolicy: .standard(maximumAttempts: 10), attemptTimeout: .milliseconds(150),
            totalTimeout: .milliseconds(500), environment: [:])
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: Self.silent)
        let started = ContinuousClock.now
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("f"))
        }
        #expect(error?.code == .timeout)
        #expect((error?.attempts ?? 10) < 10)
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("a response the transport refused for size is an invalid response, not retried")
    func oversizedResponse() async throws {
        let transport = ScriptedTransport([
            .failure(TransportError(.responseTooLarge, "answered with more than the limit of 4194304 bytes")),
            Fixture.ok(),
        ])
        let client = try Fixture.client(transport)
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("f"))
        }
        #expect(error?.code == .invalidResponse)
        #expect(transport.requestCount == 1)
        #expect(transport.requests.first?.maximumResponseBytes == TransportRequest.defaultMaximumResponseBytes)
    }

    @Test(
        "credentials with control characters are a credentials error and nothing is sent",
        arguments: [
            Credentials(accessKeyID: "AKID\r\nX-Injected: 1", secretAccessKey: "s3cr3tVALUE"),
            Credentials(accessKeyID: "AKID", secretAccessKey: "s3cr\nVALUE"),
            Credentials(accessKeyID: "AKID", secretAccessKey: "s3cr3tVALUE", sessionToken: "tok\u{1B}[2JVALUE"),
        ])
    func unsendableCredentials(_ credentials: Credentials) async throws {
        let transport = ScriptedTransport([Fixture.ok()])
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(credentials),
                environment: [:]),
            transport: transport)
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("f"))
        }
        #expect(error?.code == .credentials)
        #expect(transport.requestCount == 0)
        let text = String(describing: error)
        #expect(!text.contains("s3cr") && !text.contains("VALUE") && !text.contains("X-Injected"))
    }

    @Test("a capped Retry-After wait says so in the debug log")
    func cappedRetryAfter() async throws {
        let handler = CapturingLogHandler()
        var throttle = HTTPFields()
        throttle[.retryAfter] = "3600"
        throttle[.contentType] = "application/json"
        if let name = HTTPField.Name("x-amzn-ErrorType") { throttle[name] = "TooManyRequestsException" }
        let transport = ScriptedTransport([
            .response(TransportResponse(status: .tooManyRequests, headers: throttle, body: #"{"message":"slow"}"#)),
            Fixture.ok(),
        ])
        let client = try Fixture.client(transport, logger: Logger(label: "test", factory: { _ in handler }))
        _ = try await client.get(try FunctionReference("f"))
        let retry = handler.lines.first { $0.message == "retrying" }
        #expect(retry?.metadata["retry_after"] == "3600.0 seconds")
        // A throttling backoff of 0.5 s (random 0.5) plus at most 5 s.
        #expect(retry?.metadata["capped_at"] == "5.5 seconds")
    }

    @Test("paging stops on a repeated marker and after the page limit")
    func boundedPaging() async throws {
        let page = #"{"FunctionEventInvokeConfigs":[\#(Fixture.recordJSON)],"NextMarker":"same"}"#
        let repeating = ScriptedTransport(Array(repeating: Fixture.ok(page), count: 5))
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await Fixture.client(repeating).listAll(try FunctionReference("f")).collect()
        }
        #expect(error?.code == .invalidResponse)
        #expect(repeating.requestCount == 2)

        let counter = Counter()
        let endless = ScriptedTransport { _ in
            let next = counter.next()
            return TransportResponse(
                status: .ok, headers: [.contentType: "application/json"],
                body: #"{"FunctionEventInvokeConfigs":[],"NextMarker":"m\#(next)"}"#)
        }
        let capped = await #expect(throws: EventInvokeConfigError.self) {
            for try await _ in try Fixture.client(endless).listPages(try FunctionReference("f"), pageLimit: 7) {}
        }
        #expect(capped?.message.contains("7 pages") == true)
        #expect(endless.requestCount == 7)
    }

    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int {
            value.withLock {
                $0 += 1; return $0
            }
        }
    }

    @Test("URLSession refuses an IPv6 literal host with a typed error naming the reason; not retried")
    func urlSessionIPv6() async throws {
        #if !canImport(Darwin)
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
                endpoint: "http://[::1]:9", environment: [:]),
            transport: URLSessionTransport())
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("f"))
        }
        #expect(error?.code == .validation)
        #expect(error?.attempts == 1)
        #expect(error?.message.contains("IPv6") == true)
        #endif
    }

    @Test(
        "a transfer cancelled at any moment, before it starts included, ends at once",
        .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason),
        arguments: TransportKind.allCases)
    func cancellation(kind: TransportKind) async throws {
        let server = try HostileServer.start("hang")
        defer { server.stop() }
        let transport = kind.make()
        let request = TransportRequest(
            head: HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1:\(server.port)", path: "/"))
        // Cancelled before `send` is entered, then after a growing delay: every send must end, with `cancelled`.
        for delay in [-1] + Array(stride(from: 0, through: 2_000, by: 50)) {
            let transfer = Task {
                if delay < 0 { withUnsafeCurrentTask { $0?.cancel() } }
                return try await transport.send(request)
            }
            if delay >= 0 {
                try await Task.sleep(for: .microseconds(delay))
                transfer.cancel()
            }
            let outcome = await Self.outcome(of: transfer, within: .seconds(10))
            #expect(outcome == "cancelled", "cancelled after \(delay) µs: \(outcome)")
        }
    }

    /// How `transfer` ended: `cancelled`, another error code, or `still running` when it has not ended in `limit`
    /// (the transfer is then abandoned, so a lost cancellation fails the test instead of hanging it).
    static func outcome(of transfer: Task<TransportResponse, any Error>, within limit: Duration) async -> String {
        let first = FirstAnswer()
        return await withCheckedContinuation { continuation in
            first.wait(continuation)
            Task {
                switch await transfer.result {
                case .success: first.answer("answered")
                case .failure(let error as TransportError): first.answer("\(error.code)")
                case .failure(let error): first.answer("\(error)")
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                first.answer("still running")
            }
        }
    }

    /// Resumes a waiter with the first of several answers.
    final class FirstAnswer: Sendable {
        private let waiter = Mutex<CheckedContinuation<String, Never>?>(nil)
        func wait(_ continuation: CheckedContinuation<String, Never>) { waiter.withLock { $0 = continuation } }
        func answer(_ text: String) { waiter.withLock { $0.take() }?.resume(returning: text) }
    }

    #if AsyncHTTPClientTransport
    @Test(
        "AsyncHTTPClient reaches an IPv6 loopback endpoint",
        .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason))
    func asyncHTTPClientIPv6() async throws {
        let server = try HostileServer.start("ok", ipv6: true)
        defer { server.stop() }
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
                endpoint: server.endpoint, environment: [:]),
            transport: AsyncHTTPClientTransport(client: .shared))
        let record = try await client.get(try FunctionReference("f"))
        #expect(record.config.maximumRetryAttempts == .one)
    }

    @Test(
        "AsyncHTTPClient: an oversized body fails at once, a dripping body within the attempt timeout",
        .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason),
        arguments: ["big", "big-declared", "drip"])
    func asyncHTTPClientLimits(mode: String) async throws {
        let server = try HostileServer.start(mode)
        defer { server.stop() }
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
                endpoint: server.endpoint, retryPolicy: .none,
                attemptTimeout: mode == "drip" ? .seconds(2) : .seconds(20), environment: [:]),
            transport: AsyncHTTPClientTransport(client: .shared))
        let started = ContinuousClock.now
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("f"))
        }
        #expect(error?.code == (mode == "drip" ? .timeout : .invalidResponse), "\(String(describing: error))")
        // The dripping body would take about 150 s; the bound is loose because parallel tests share two cores.
        #expect(ContinuousClock.now - started < .seconds(60))
    }
    #endif
}

@Suite("Redirects are never followed")
struct RedirectTests {
    @Test(
        "a 301/302/303/307/308 to another port is an error naming it; that port sees no request; nothing is retried",
        .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason),
        arguments: TransportKind.allCases, [301, 302, 303, 307, 308])
    func notFollowed(kind: TransportKind, status: Int) async throws {
        let elsewhere = try HostileServer.start("ok")
        defer { elsewhere.stop() }
        let redirecting = try HostileServer.start("redirect-\(status):\(elsewhere.port)")
        defer { redirecting.stop() }
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"),
                credentials: StaticCredentialsProvider(
                    Credentials(accessKeyID: "AKIDREDIRECT", secretAccessKey: "secret", sessionToken: "token")),
                endpoint: redirecting.endpoint, environment: [:]),
            transport: kind.make())
        let function = try FunctionReference("f")
        let calls: [(String, @Sendable () async throws -> Void)] = [
            ("get", { _ = try await client.get(function) }),
            ("put", { _ = try await client.put(EventInvokeConfig(maximumRetryAttempts: .zero), for: function) }),
            (
                "update",
                { _ = try await client.update(EventInvokeConfigPatch(maximumRetryAttempts: .one), for: function) }
            ),
            ("delete", { try await client.delete(function) }),
        ]
        for (name, call) in calls {
            let error = await #expect(throws: EventInvokeConfigError.self, "\(kind) \(status) \(name)") {
                try await call()
            }
            #expect(error?.code == .invalidResponse)
            #expect(error?.statusCode == status)
            #expect(error?.message.contains("127.0.0.1:\(elsewhere.port)") == true, "\(error?.message ?? "")")
            #expect(error?.attempts == 1, "a redirect is not retried")
        }
        #expect(try elsewhere.requestCount() == 0, "\(kind) followed a \(status)")
        #expect(try redirecting.requestCount() == calls.count)
    }
}

@Suite("Credentials within the call's deadline")
struct CredentialDeadlineTests {
    /// A provider that does not answer for a long time and ignores cancellation (a hung credential_process).
    struct HungProvider: CredentialsProvider {
        func credentials() async throws -> Credentials {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: 30)
                    continuation.resume()
                }
            }
            return Credentials(accessKeyID: "AKIDLATE", secretAccessKey: "secret")
        }
    }

    @Test("totalTimeout bounds a slow credentials provider: a timeout error, nothing sent")
    func slowCredentialsTimeOut() async throws {
        let transport = ScriptedTransport([])
        var configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: HungProvider(), environment: [:])
        configuration.totalTimeout = .milliseconds(500)
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
        let start = ContinuousClock.now
        let error = await #expect(throws: EventInvokeConfigError.self) { try await client.get(FunctionReference("f")) }
        // Well before the provider answers (30 s); generous, as the test pool may be busy with other tests.
        #expect(ContinuousClock.now - start < .seconds(15))
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("no credentials within") == true)
        #expect(transport.requests.isEmpty)
    }
}
