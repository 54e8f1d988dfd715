import Synchronization

/// When and how long to wait before retrying a failed attempt.
///
/// ``standard`` is the AWS SDKs' "standard" retry mode: at most 3 attempts; the n-th retry waits
/// `random[0,1) × min(2^(n−1) × 1 s, 20 s)`; a `Retry-After` from the service replaces that delay but is capped at
/// 20 s; every retry spends tokens from a bucket of 500 shared by all operations of a client (5 a retry, 10 after a
/// timeout, refunded on success; a first-try success adds 1), so a failing service is not hammered.
/// Retried: throttling error types and 429, 500/502/503/504, connection failures and timeouts.
public struct RetryPolicy: Sendable {
    /// The most attempts per operation, including the first (1 means no retries).
    public var maximumAttempts: Int
    /// The base of the exponential backoff.
    public var baseDelay: Duration
    /// The longest single wait, also the cap on `Retry-After`.
    public var maximumBackoff: Duration
    /// The size of the retry token bucket; `nil` disables the bucket.
    public var retryQuota: Int?
    /// Tokens a retry costs.
    public var retryCost: Int
    /// Tokens a retry after a timeout costs.
    public var timeoutRetryCost: Int
    /// Tokens a first-try success adds back.
    public var successIncrement: Int

    /// Creates a policy.
    public init(
        maximumAttempts: Int = 3, baseDelay: Duration = .seconds(1), maximumBackoff: Duration = .seconds(20),
        retryQuota: Int? = 500, retryCost: Int = 5, timeoutRetryCost: Int = 10, successIncrement: Int = 1
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumBackoff = maximumBackoff
        self.retryQuota = retryQuota
        self.retryCost = retryCost
        self.timeoutRetryCost = timeoutRetryCost
        self.successIncrement = successIncrement
    }

    /// The AWS "standard" retry mode.
    public static let standard = RetryPolicy()
    /// One attempt, never a retry.
    public static let none = RetryPolicy(maximumAttempts: 1, retryQuota: nil)

    /// The standard mode with another number of attempts.
    public static func standard(maximumAttempts: Int) -> RetryPolicy {
        RetryPolicy(maximumAttempts: maximumAttempts)
    }

    /// The wait before retry number `retry` (1 for the first retry).
    func delay(beforeRetry retry: Int, retryAfter: Duration?, random: Double) -> Duration {
        if let retryAfter { return min(retryAfter, maximumBackoff) }
        return Backoff(base: baseDelay, cap: maximumBackoff).delay(beforeRetry: retry, jitter: random)
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
