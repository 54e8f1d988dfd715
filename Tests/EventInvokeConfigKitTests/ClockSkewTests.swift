import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Synchronization
import Testing

@Suite("Clock skew correction (cross-SDK test vectors)")
struct ClockSkewTests {
    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    @Test("every vector: signing times, learnt skew and outcome")
    func vectors() async throws {
        let root = try #require(try ConformanceData.json("clock-skew-sep/clock-skew-test-cases.json") as? [String: Any])
        let tests = try #require(root["tests"] as? [[String: Any]])
        #expect(tests.count >= 9)
        for test in tests {
            let name = test["description"] as? String ?? "?"
            let operations = try #require(test["operations"] as? [[String: Any]])
            // One client per test: the skew carries over between its operations.
            let times = Mutex<[Date]>([])
            let transport = ScriptedTransport([])
            let noRetryBudget = name.contains("no retry budget")
            let initial = operations.first?["initialClientSkew"] as? Double ?? 0
            let configuration = LambdaEventInvokeConfigClient.Configuration(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
                retryPolicy: noRetryBudget ? .none : .standard, environment: [:],
                initialClockSkew: .seconds(initial),
                clock: { times.withLock { $0.isEmpty ? Date.distantPast : $0.removeFirst() } }, random: { 0 },
                sleep: { _ in })
            let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
            for operation in operations {
                let attempts = try #require(operation["attempts"] as? [[String: Any]])
                var expectedSigning: [String] = []
                for attempt in attempts {
                    let send = try Self.date(try #require(attempt["clientTimeAtSend"] as? String))
                    let receive = try Self.date(try #require(attempt["clientTimeAtReceive"] as? String))
                    times.withLock { $0 += [send, receive] }
                    expectedSigning.append(
                        Self.amzDate(try Self.date(try #require(attempt["expectedSigningTime"] as? String))))
                    let response = try #require(attempt["response"] as? [String: Any])
                    var fields: HTTPFields = [:]
                    for (key, value) in response["headers"] as? [String: String] ?? [:] {
                        fields.append(HTTPField(name: try #require(HTTPField.Name(key)), value: value))
                    }
                    let status = response["statusCode"] as? Int ?? 200
                    var body = Fixture.recordJSON
                    if let code = response["errorCode"] as? String {
                        body = #"{"__type":"\#(code)","message":"clock"}"#
                    }
                    transport.enqueue(
                        .response(TransportResponse(status: .init(code: status), headers: fields, body: body)))
                }
                let before = transport.requests.count
                let outcome: String
                do {
                    _ = try await client.get(try FunctionReference("fn"))
                    outcome = "success"
                } catch {
                    outcome = "error"
                }
                #expect(outcome == operation["expectedOutcome"] as? String, "\(name)")
                let sent = transport.requests.dropFirst(before)
                #expect(sent.count == attempts.count, "\(name): attempts")
                let signingTimes = sent.map { RequestTests.value($0, "x-amz-date") ?? "" }
                #expect(signingTimes == expectedSigning, "\(name): signing times")
                let expectedSkew = operation["expectedClientSkew"] as? Double ?? 0
                #expect(client.clockSkew == .seconds(expectedSkew), "\(name): skew")
                // Drain any unused clock values.
                times.withLock { $0.removeAll() }
            }
        }
    }
}

/// Which responses teach the client the service's time; runs without the conformance data.
@Suite("Clock skew: which Date headers count")
struct ClockSkewHeaderTests {
    /// The skew learnt from one successful Get answered with `headers` (the client's clock reads `Fixture.epoch`,
    /// 2026-11-28 12:00:00 UTC, at send and at receive).
    static func skewLearnt(from headers: [(String, String)]) async throws -> Duration {
        var fields: HTTPFields = [:]
        for (name, value) in headers {
            fields.append(HTTPField(name: try #require(HTTPField.Name(name)), value: value))
        }
        let transport = ScriptedTransport([Fixture.ok(headers: fields)])
        let client = try Fixture.client(transport)
        _ = try await client.get(try FunctionReference("fn"))
        return client.clockSkew
    }

    @Test("one Date field, in any spelling of its name, sets the skew")
    func oneDate() async throws {
        #expect(try await Self.skewLearnt(from: [("Date", "Sat, 28 Nov 2026 12:05:00 GMT")]) == .seconds(300))
        #expect(try await Self.skewLearnt(from: [("date", "Sat, 28 Nov 2026 12:10:00 GMT")]) == .seconds(600))
    }

    @Test("copies of a client share what it learns: a copy made before the response reads the new skew")
    func copiesShareTheSkew() async throws {
        var fields: HTTPFields = [:]
        fields[.date] = "Sat, 28 Nov 2026 12:05:00 GMT"
        let client = try Fixture.client(ScriptedTransport([Fixture.ok(headers: fields)]))
        let copy = client
        let task = Task { [client] in try await client.get(try FunctionReference("fn")) }
        _ = try await task.value
        #expect(copy.clockSkew == .seconds(300))
        #expect(client.clockSkew == .seconds(300))
    }

    @Test("no Date field, an Age field (a cached response) or two Date fields leave it unchanged")
    func untrusted() async throws {
        #expect(try await Self.skewLearnt(from: []) == .zero)
        #expect(
            try await Self.skewLearnt(from: [("Date", "Sat, 28 Nov 2026 12:05:00 GMT"), ("Age", "30")]) == .zero)
        #expect(
            try await Self.skewLearnt(from: [("age", "0"), ("Date", "Sat, 28 Nov 2026 12:05:00 GMT")]) == .zero)
        #expect(
            try await Self.skewLearnt(from: [
                ("Date", "Sat, 28 Nov 2026 12:05:00 GMT"), ("Date", "Sat, 28 Nov 2026 12:10:00 GMT"),
            ]) == .zero)
    }
}
