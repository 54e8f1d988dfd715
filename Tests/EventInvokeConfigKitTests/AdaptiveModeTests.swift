import EventInvokeConfigKit
import Foundation
import HTTPTypes
import Synchronization
import Testing

/// The adaptive retry mode through the client: each attempt's permit reaches the limiter with its answer.
@Suite("Adaptive mode through the client")
struct AdaptiveModeTests {
    /// Answers 200, except a burst of requests held until all of them have arrived and then all throttled, as
    /// concurrent requests meet one overflow of the service's quota.
    final class BurstThrottleTransport: HTTPTransport {
        struct State {
            var burst = 0
            var held: [CheckedContinuation<Bool, Never>] = []
        }
        let state = Mutex(State())

        func throttleNext(_ count: Int) { state.withLock { $0.burst = count } }

        func send(_ request: TransportRequest) async throws -> TransportResponse {
            let throttled = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let release: [CheckedContinuation<Bool, Never>]? = state.withLock { state in
                    guard state.burst > 0 else { return nil }
                    state.held.append(continuation)
                    guard state.held.count == state.burst else { return [] }
                    defer { state = State() }
                    return state.held
                }
                guard let release else { return continuation.resume(returning: false) }
                for held in release { held.resume(returning: true) }
            }
            guard throttled else {
                return TransportResponse(
                    status: .ok, headers: [.contentType: "application/json"], body: Fixture.recordJSON)
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            if let name = HTTPField.Name("x-amzn-ErrorType") { headers[name] = "TooManyRequestsException" }
            return TransportResponse(
                status: .tooManyRequests, headers: headers,
                body: #"{"Type":"User","message":"Rate exceeded","Reason":"CallerRateLimitExceeded"}"#)
        }
    }

    @Test("eight concurrent throttles from one overflow cut the rate once, not eight times")
    func concurrentThrottlesCutOnce() async throws {
        // A clock that moves a millisecond each time it is read, and sleeps that return at once.
        let ticks = Mutex(Fixture.epoch)
        let clock: @Sendable () -> Date = {
            ticks.withLock { date in
                date += 0.001
                return date
            }
        }
        let transport = BurstThrottleTransport()
        let configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
            retryPolicy: .adaptive, environment: [:], clock: clock, random: { 0.5 }, sleep: { _ in })
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
        let function = try FunctionReference("my-function")
        for _ in 0..<300 { _ = try await client.get(function) }
        #expect(client.rateLimiter?.sendRate == nil, "off until the service throttles")
        let measured = try #require(client.rateLimiter?.measuredRate)

        transport.throttleNext(8)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await client.get(function) } }
            try await group.waitForAll()
        }
        #expect(client.throttledResponses == 8)
        let rate = try #require(client.rateLimiter?.sendRate)
        #expect(rate > 0.5 * measured, "one cut to about 70 % of \(measured)/s, not 0.7⁸ of it: \(rate)/s")
    }
}
