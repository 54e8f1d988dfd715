/// A token bucket: refilled at `rate` tokens a second up to `capacity`, one token per request. The one
/// refill-and-take rule behind the client's adaptive rate limiter and the emulator's request-rate quota.
package struct TokenBucket: Sendable {
    /// Tokens added per second.
    package var rate: Double
    /// The most tokens the bucket holds; lowering it drops what is above.
    package var capacity: Double {
        didSet { tokens = min(tokens, capacity) }
    }
    /// The tokens there now (as of the last refill).
    package private(set) var tokens: Double
    private var last: Double?

    /// A token within this of whole is whole: a wait too short to move a clock would never end.
    static let rounding = 1e-9

    /// A bucket holding `tokens` of `capacity`, refilled at `rate` a second.
    package init(rate: Double, capacity: Double, tokens: Double) {
        self.rate = rate
        self.capacity = capacity
        self.tokens = min(tokens, capacity)
    }

    /// Adds what the rate has refilled since the last refill (none the first time), up to the capacity.
    ///
    /// - Parameter time: seconds on the caller's clock.
    package mutating func refill(at time: Double) {
        defer { last = time }
        guard let last else { return }
        tokens = min(capacity, tokens + max(0, time - last) * rate)
    }

    /// Refills, then takes a token.
    ///
    /// - Returns: `nil` when a token was taken; otherwise the seconds until one is whole (nothing taken).
    package mutating func take(at time: Double) -> Double? {
        refill(at: time)
        guard tokens >= 1 - Self.rounding else { return (1 - tokens) / rate }
        tokens -= 1
        return nil
    }
}
