import EventInvokeConfigKit
import Foundation
import Synchronization
import Testing

/// The adaptive retry mode's rate limiter on a virtual clock: off until a throttle, then a token bucket whose rate
/// follows the responses as the AWS SDKs specify (70 % of the measured rate at a throttle; a cubic climb after).
@Suite("Adaptive rate limiter")
struct AdaptiveRateLimiterTests {
    /// A virtual clock in seconds; sleeping advances it.
    final class VirtualTime: Sendable {
        let seconds = Mutex(1_000.0)
        let slept = Mutex<[Double]>([])
        var now: Double { seconds.withLock { $0 } }
        func advance(_ amount: Double) { seconds.withLock { $0 += amount } }
        func limiter() -> AdaptiveRateLimiter {
            AdaptiveRateLimiter(
                now: { self.now },
                sleep: { duration in
                    let amount = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
                    self.slept.withLock { $0.append(amount) }
                    self.advance(amount)
                })
        }
    }

    /// Sends `count` requests spaced `interval` apart, each answered with `throttled`.
    static func send(
        _ limiter: AdaptiveRateLimiter, _ time: VirtualTime, count: Int, interval: Double, throttled: Bool
    ) async throws {
        for _ in 0..<count {
            try await limiter.acquire()
            limiter.record(throttled: throttled)
            time.advance(interval)
        }
    }

    @Test("off until the first throttle: no waits, no send rate")
    func offUntilThrottled() async throws {
        let time = VirtualTime()
        let limiter = time.limiter()
        try await Self.send(limiter, time, count: 100, interval: 0.01, throttled: false)
        #expect(limiter.sendRate == nil)
        #expect(time.slept.withLock { $0 }.isEmpty)
        #expect(limiter.measuredRate > 50, "about 100 requests per second measured: \(limiter.measuredRate)")
    }

    @Test("a throttle cuts the rate to 70 % of the measured rate, and requests then wait for tokens")
    func throttleCutsRate() async throws {
        let time = VirtualTime()
        let limiter = time.limiter()
        try await Self.send(limiter, time, count: 200, interval: 0.01, throttled: false)
        let measured = limiter.measuredRate
        limiter.record(throttled: true)
        let rate = try #require(limiter.sendRate)
        #expect(abs(rate - measured * 0.7) < 1e-9, "\(rate) vs \(measured)")
        // The bucket holds at most one second of tokens; past that burst, requests go at the new rate.
        let count = Int(3 * rate)
        let start = time.now
        for _ in 0..<count {
            try await limiter.acquire()
        }
        let elapsed = time.now - start
        let expected = Double(count) / rate
        #expect(elapsed >= expected - 1 - 1e-6 && elapsed <= expected, "\(elapsed) s for \(count) at \(rate)/s")
    }

    @Test("after a throttle the rate climbs back along the cubic curve, reaching the old maximum after K seconds")
    func cubicRecovery() async throws {
        let time = VirtualTime()
        let limiter = time.limiter()
        try await Self.send(limiter, time, count: 400, interval: 0.05, throttled: false)  // about 20/s
        let measured = limiter.measuredRate
        limiter.record(throttled: true)
        let cut = try #require(limiter.sendRate)
        // K = cbrt(W_max × (1 − 0.7) / 0.4): the time the curve takes to return to W_max.
        let k = cbrt(measured * 0.3 / 0.4)
        try await Self.send(limiter, time, count: 40, interval: 0.05, throttled: false)
        let recovering = try #require(limiter.sendRate)
        #expect(recovering > cut, "the rate rises after successes: \(cut) → \(recovering)")
        time.advance(k)
        limiter.record(throttled: false)
        let back = try #require(limiter.sendRate)
        #expect(back <= 2 * limiter.measuredRate + 1e-9, "never above twice the measured rate")
        #expect(back >= min(measured, 2 * limiter.measuredRate) * 0.9, "about W_max again: \(back) vs \(measured)")
    }

    @Test("the fill rate never drops below 0.5 requests per second")
    func minimumRate() async throws {
        let time = VirtualTime()
        let limiter = time.limiter()
        for _ in 0..<20 {
            limiter.record(throttled: true)
            time.advance(1)
        }
        #expect(limiter.sendRate == 0.5)
    }

    @Test("throttles of requests sent before the last cut are the same congestion event: one cut, not one per answer")
    func oneCutPerEvent() async throws {
        let time = VirtualTime()
        let limiter = time.limiter()
        try await Self.send(limiter, time, count: 400, interval: 0.05, throttled: false)  // about 20/s
        // Sixteen requests in flight together; every one is answered with a throttle.
        var permits: [AdaptiveRateLimiter.Permit] = []
        for _ in 0..<16 { permits.append(try await limiter.acquire()) }
        time.advance(0.01)
        for permit in permits { limiter.record(permit, throttled: true) }
        let cut = try #require(limiter.sendRate)
        #expect(cut > 10 && cut < 15, "one cut to 70 % of about 20/s, not 0.7^16 of it: \(cut)")
        // A request sent after the cut and throttled is a new event: the rate is cut again.
        time.advance(0.5)
        let later = try await limiter.acquire()
        time.advance(0.01)
        limiter.record(later, throttled: true)
        let second = try #require(limiter.sendRate)
        #expect(second < cut * 0.75, "a second event cuts again: \(cut) → \(second)")
    }

    @Test("a waiter looks at the bucket at least every 100 ms, and waits what the rate implies")
    func waiterLooksAgain() async throws {
        let time = VirtualTime()
        let limiter = time.limiter()
        // Throttled before any rate was measured: the 0.5 requests-per-second floor, two seconds a token.
        limiter.record(throttled: true)
        #expect(limiter.sendRate == 0.5)
        try await limiter.acquire()
        let start = time.now
        try await limiter.acquire()
        let slept = time.slept.withLock { $0 }
        #expect(!slept.isEmpty && slept.allSatisfy { $0 <= 0.1 + 1e-9 }, "short looks, not one long sleep: \(slept)")
        #expect(abs(time.now - start - 2) < 0.11, "one token at 0.5/s: \(time.now - start) s")
    }
}
