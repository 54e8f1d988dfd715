import EventInvokeConfigCore
public import Foundation
import Synchronization

/// The client-side rate limiter of the `adaptive` retry mode, shared by every call of one client: off until the
/// service first throttles; from then on each attempt takes a token from a bucket refilled at the current send rate.
/// The rate follows the responses as the AWS SDKs specify it: on throttling it drops to 70 % of the measured send
/// rate (CUBIC's multiplicative decrease); on success it climbs back along the cubic curve
/// `0.4 × (t − K)³ + W_max` (`W_max` the rate at the last throttle, `K` the time to regain it), never above twice the
/// measured rate. The measured rate is smoothed over half-second buckets.
///
/// Two differences from botocore's `adaptive.py`, on purpose. The rate is cut once per congestion event, as CUBIC
/// does for TCP: a throttle answering a request sent before the last cut is the same overflow seen again (concurrent
/// requests in flight all meet it), and cutting again for each would take the rate to its 0.5 requests-per-second
/// floor after a handful of concurrent answers; such a throttle still counts in the measured rate. And a waiter looks
/// at the bucket again at least every 100 ms instead of being woken by a new rate.
public final class AdaptiveRateLimiter: Sendable {
    struct State {
        var enabled = false
        /// Refilled at the send rate, holding at most one second of it (at least one token).
        var tokens = TokenBucket(rate: AdaptiveRateLimiter.minimumFillRate, capacity: 1, tokens: 0)
        var measuredRate = 0.0
        var lastBucket: Double
        var count = 0.0
        var maximumRate = 0.0
        var timeToMaximum = 0.0
        /// When the rate was last cut (once enabled); throttles of requests sent before it cut nothing.
        var lastThrottle: Double
    }

    /// When an attempt was let through, on the limiter's clock; hand it back with its response to
    /// ``record(_:throttled:)``.
    public struct Permit: Sendable, Hashable {
        /// Seconds on the limiter's clock.
        public let sentAt: Double
    }

    static let beta = 0.7
    static let scale = 0.4
    static let minimumFillRate = 0.5
    static let smoothing = 0.8
    static let bucketSeconds = 0.5
    /// The longest a waiter sleeps before it looks at the bucket again, so a rate that rose meanwhile serves it.
    static let recheckSeconds = 0.1

    private let state: Mutex<State>
    private let now: @Sendable () -> Double
    private let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a limiter.
    ///
    /// - Parameters:
    ///   - now: seconds on a monotonic clock; replace in tests.
    ///   - sleep: waits for a token; replace in tests.
    public init(
        now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        let start = now()
        self.now = now
        self.sleep = sleep
        state = Mutex(
            State(lastBucket: (start / Self.bucketSeconds).rounded(.down) * Self.bucketSeconds, lastThrottle: start))
    }

    /// Waits, when the limiter is on, until a token is free, and takes it. A waiter looks at the bucket again at
    /// least every 100 ms, so a rate raised while it waits (as botocore's waiters are woken by a new fill rate)
    /// serves it at the new rate.
    ///
    /// - Returns: the permit to hand back with the response.
    @discardableResult
    public func acquire() async throws -> Permit {
        while true {
            let time = now()
            let wait: Double? = state.withLock { state in
                state.enabled ? state.tokens.take(at: time) : nil
            }
            guard let wait else { return Permit(sentAt: time) }
            try await sleep(.seconds(min(wait, Self.recheckSeconds)))
        }
    }

    /// Feeds the limiter one response: `throttled` when the service refused for rate (429 or a throttling type).
    ///
    /// - Parameters:
    ///   - permit: what ``acquire()`` returned for the attempt; `nil` counts the throttle as a new congestion event.
    ///   - throttled: whether the service refused for rate.
    public func record(_ permit: Permit? = nil, throttled: Bool) {
        state.withLock { state in
            let time = now()
            // The measured send rate, smoothed over half-second buckets.
            let bucket = (time / Self.bucketSeconds).rounded(.down) * Self.bucketSeconds
            state.count += 1
            if bucket > state.lastBucket {
                let current = state.count / (bucket - state.lastBucket)
                state.measuredRate = current * Self.smoothing + state.measuredRate * (1 - Self.smoothing)
                state.count = 0
                state.lastBucket = bucket
            }
            let newRate: Double
            if throttled, state.enabled, let permit, permit.sentAt < state.lastThrottle {
                // Already answered by the last cut: the measured rate counts it, the rate stays.
                return
            } else if throttled {
                let rate = state.enabled ? min(state.measuredRate, state.tokens.rate) : state.measuredRate
                state.maximumRate = rate
                state.timeToMaximum = Foundation.cbrt(rate * (1 - Self.beta) / Self.scale)
                state.lastThrottle = time
                newRate = rate * Self.beta
                state.enabled = true
            } else {
                let elapsed = time - state.lastThrottle - state.timeToMaximum
                newRate = Self.scale * elapsed * elapsed * elapsed + state.maximumRate
            }
            state.tokens.refill(at: time)
            let rate = min(newRate, 2 * state.measuredRate)
            state.tokens.rate = max(rate, Self.minimumFillRate)
            state.tokens.capacity = max(rate, 1)
        }
    }

    /// The rate requests are sent at now (requests per second), or `nil` while the limiter is off (no throttling
    /// seen yet).
    public var sendRate: Double? { state.withLock { $0.enabled ? $0.tokens.rate : nil } }

    /// The measured send rate (requests per second, smoothed).
    public var measuredRate: Double { state.withLock { $0.measuredRate } }
}
