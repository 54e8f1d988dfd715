public import Foundation
import Synchronization

/// The client-side rate limiter of the `adaptive` retry mode, shared by every call of one client: off until the
/// service first throttles; from then on each attempt takes a token from a bucket refilled at the current send rate.
/// The rate follows the responses as the AWS SDKs specify it: on throttling it drops to 70 % of the measured send
/// rate (CUBIC's multiplicative decrease); on success it climbs back along the cubic curve
/// `0.4 × (t − K)³ + W_max` (`W_max` the rate at the last throttle, `K` the time to regain it), never above twice the
/// measured rate. The measured rate is smoothed over half-second buckets.
public final class AdaptiveRateLimiter: Sendable {
    struct State {
        var enabled = false
        var fillRate = 0.5
        var maximumCapacity = 1.0
        var capacity = 0.0
        var lastRefill: Double?
        var measuredRate = 0.0
        var lastBucket: Double
        var count = 0.0
        var maximumRate = 0.0
        var timeToMaximum = 0.0
        var lastThrottle: Double
    }

    static let beta = 0.7
    static let scale = 0.4
    static let minimumFillRate = 0.5
    static let smoothing = 0.8
    static let bucketSeconds = 0.5

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

    /// Waits, when the limiter is on, until a token is free, and takes it. The token is reserved at once (the bucket
    /// may go into debt) and the caller waits until the bucket has refilled what it took, so concurrent callers
    /// queue in order and every caller makes progress.
    public func acquire() async throws {
        let wait: Double? = state.withLock { state in
            guard state.enabled else { return nil }
            Self.refill(&state, at: now())
            state.capacity -= 1
            return state.capacity >= 0 ? nil : -state.capacity / state.fillRate
        }
        guard let wait else { return }
        try await sleep(.seconds(wait))
    }

    /// Feeds the limiter one response: `throttled` when the service refused for rate (429 or a throttling type).
    public func record(throttled: Bool) {
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
            if throttled {
                let rate = state.enabled ? min(state.measuredRate, state.fillRate) : state.measuredRate
                state.maximumRate = rate
                state.timeToMaximum = Foundation.cbrt(rate * (1 - Self.beta) / Self.scale)
                state.lastThrottle = time
                newRate = rate * Self.beta
                state.enabled = true
            } else {
                let elapsed = time - state.lastThrottle - state.timeToMaximum
                newRate = Self.scale * elapsed * elapsed * elapsed + state.maximumRate
            }
            Self.refill(&state, at: time)
            let rate = min(newRate, 2 * state.measuredRate)
            state.fillRate = max(rate, Self.minimumFillRate)
            state.maximumCapacity = max(rate, 1)
            state.capacity = min(state.capacity, state.maximumCapacity)
        }
    }

    private static func refill(_ state: inout State, at time: Double) {
        defer { state.lastRefill = time }
        guard let last = state.lastRefill else { return }
        state.capacity = min(state.maximumCapacity, state.capacity + (time - last) * state.fillRate)
    }

    /// The rate requests are sent at now (requests per second), or `nil` while the limiter is off (no throttling
    /// seen yet).
    public var sendRate: Double? { state.withLock { $0.enabled ? $0.fillRate : nil } }

    /// The measured send rate (requests per second, smoothed).
    public var measuredRate: Double { state.withLock { $0.measuredRate } }
}
