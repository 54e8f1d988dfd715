import Synchronization

/// When and how long to wait before retrying a failed attempt: the AWS SDKs' retry behaviour as updated in 2026
/// ("Retry behavior" in the AWS SDKs and Tools Reference Guide; botocore's `retries/standard.py` and
/// `retries/adaptive.py` are the reference implementation).
///
/// - **standard** (the default): at most 3 attempts; the n-th retry waits `random[0,1) × min(base × 2^(n−1), 20 s)`
///   with `base` 50 ms for a transient error and 1 s for throttling (the 20 s cap applies before the jitter); an
///   `x-amz-retry-after` header (milliseconds; `Retry-After` in seconds when it is absent) raises the wait to its
///   value, but never past the computed wait plus 5 s. Every retry spends tokens from a bucket of 500 shared by all
///   operations of a client (14 for a transient error, 5 for throttling), refunded on success; a first-try success
///   adds 1.
/// - **adaptive**: the standard mode, plus a client-side rate limiter shared by all calls of a client
///   (``AdaptiveRateLimiter``): once the service throttles, requests wait for a token bucket whose rate follows the
///   responses (CUBIC: down by 30 % at each congestion event, back up along a cubic curve), so a client settles just under
///   the service's quota instead of spending its retries on it.
///
/// Retried: throttling error types and 429, 500/502/503/504, connection failures and timeouts. ``fromEnvironment``
/// reads `AWS_MAX_ATTEMPTS` / `max_attempts` and `AWS_RETRY_MODE` / `retry_mode`, as the AWS SDKs do.
public struct RetryPolicy: Sendable, Hashable {
    /// The retry mode.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Backoff, retry quota, `x-amz-retry-after`.
        case standard
        /// The standard mode and a client-side rate limiter that follows throttling.
        case adaptive
    }

    /// The mode.
    public var mode: Mode
    /// The most attempts per operation, including the first (1 means no retries).
    public var maximumAttempts: Int
    /// The base of the exponential backoff after a transient error (50 ms).
    public var transientBaseDelay: Duration
    /// The base of the exponential backoff after throttling (1 s).
    public var throttlingBaseDelay: Duration
    /// The cap on the computed backoff, applied before the jitter (20 s).
    public var maximumBackoff: Duration
    /// How far past the computed backoff a server's `x-amz-retry-after` may push a wait (5 s).
    public var maximumRetryAfterExtension: Duration
    /// The size of the retry token bucket; `nil` disables the bucket.
    public var retryQuota: Int?
    /// Tokens a retry after a transient error costs (14).
    public var retryCost: Int
    /// Tokens a retry after throttling costs (5).
    public var throttlingRetryCost: Int
    /// Tokens a first-try success adds back.
    public var successIncrement: Int

    /// Creates a policy.
    public init(
        mode: Mode = .standard, maximumAttempts: Int = 3, transientBaseDelay: Duration = .milliseconds(50),
        throttlingBaseDelay: Duration = .seconds(1), maximumBackoff: Duration = .seconds(20),
        maximumRetryAfterExtension: Duration = .seconds(5), retryQuota: Int? = 500, retryCost: Int = 14,
        throttlingRetryCost: Int = 5, successIncrement: Int = 1
    ) {
        self.mode = mode
        self.maximumAttempts = max(1, maximumAttempts)
        self.transientBaseDelay = transientBaseDelay
        self.throttlingBaseDelay = throttlingBaseDelay
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfterExtension = maximumRetryAfterExtension
        self.retryQuota = retryQuota
        self.retryCost = retryCost
        self.throttlingRetryCost = throttlingRetryCost
        self.successIncrement = successIncrement
    }

    /// The AWS "standard" retry mode.
    public static let standard = RetryPolicy()
    /// The AWS "adaptive" retry mode.
    public static let adaptive = RetryPolicy(mode: .adaptive)
    /// One attempt, never a retry.
    public static let none = RetryPolicy(maximumAttempts: 1, retryQuota: nil)

    /// The standard mode with another number of attempts.
    public static func standard(maximumAttempts: Int) -> RetryPolicy {
        RetryPolicy(maximumAttempts: maximumAttempts)
    }

    /// The tokens a retry after this failure costs.
    func cost(throttled: Bool) -> Int { throttled ? throttlingRetryCost : retryCost }

    /// The wait before retry number `retry` (1 for the first retry): the jittered, capped exponential backoff, raised
    /// towards a server's `retryAfter` by at most ``maximumRetryAfterExtension``.
    func delay(beforeRetry retry: Int, throttled: Bool, retryAfter: Duration?, random: Double) -> Duration {
        let base = throttled ? throttlingBaseDelay : transientBaseDelay
        let backoff = Backoff(base: base, cap: maximumBackoff).delay(beforeRetry: retry, jitter: random)
        guard let retryAfter else { return backoff }
        return max(backoff, min(retryAfter, backoff + maximumRetryAfterExtension))
    }

    /// The policy the environment and the profile configure (`AWS_MAX_ATTEMPTS` / `max_attempts`, `AWS_RETRY_MODE`
    /// / `retry_mode`; the environment wins), `fallback` where they say nothing. `legacy` is read as `standard`.
    ///
    /// - Throws: ``InvalidValueError`` naming the variable or setting, its value and the rule.
    public static func fromEnvironment(
        _ environment: [String: String], profile: [String: String]?, fallback: RetryPolicy = .standard
    ) throws(InvalidValueError) -> RetryPolicy {
        var policy = fallback
        let attempts =
            environment["AWS_MAX_ATTEMPTS"].map { ("AWS_MAX_ATTEMPTS", $0) }
            ?? profile?["max_attempts"].map { ("max_attempts", $0) }
        if let (field, text) = attempts, !text.isEmpty {
            guard let value = Int(ASCII.trimmed(text)), value >= 1 else {
                throw InvalidValueError(
                    .invalidConfiguration, field: field, value: text, reason: "not a number of attempts",
                    rule: "a whole number, at least 1 (1: no retries)")
            }
            policy.maximumAttempts = value
        }
        let mode =
            environment["AWS_RETRY_MODE"].map { ("AWS_RETRY_MODE", $0) }
            ?? profile?["retry_mode"].map { ("retry_mode", $0) }
        if let (field, text) = mode, !text.isEmpty {
            switch ASCII.trimmed(text).lowercased() {
            case "standard", "legacy": policy.mode = .standard
            case "adaptive": policy.mode = .adaptive
            default:
                throw InvalidValueError(
                    .invalidConfiguration, field: field, value: text, reason: "not a retry mode",
                    rule: "standard, adaptive or legacy (read as standard)")
            }
        }
        return policy
    }
}

/// The shared token bucket of the standard retry mode.
final class RetryQuota: Sendable {
    private let tokens: Mutex<Int>
    let capacity: Int?

    init(capacity: Int?) {
        self.capacity = capacity
        self.tokens = Mutex(capacity ?? 0)
    }

    /// Takes `cost` tokens; returns false (taking nothing) when the bucket is too low.
    func acquire(_ cost: Int) -> Bool {
        guard capacity != nil else { return true }
        return tokens.withLock { tokens in
            guard tokens >= cost else { return false }
            tokens -= cost
            return true
        }
    }

    /// Returns tokens after a success, never above the capacity.
    func release(_ amount: Int) {
        guard let capacity else { return }
        tokens.withLock { $0 = min(capacity, $0 + amount) }
    }
}
