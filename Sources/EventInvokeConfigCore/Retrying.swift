/// Exponential backoff: the wait before the n-th retry is `min(base × 2^(n−1), cap)`, scaled by a jitter factor.
/// The one backoff rule of the package: the client's retry modes, the lifecycle's wait for IAM propagation and the
/// credential providers' retries all compute their waits here.
package struct Backoff: Sendable, Hashable {
    /// The wait before the first retry (before jitter).
    package var base: Duration
    /// The longest wait, applied before jitter.
    package var cap: Duration

    package init(base: Duration, cap: Duration) {
        self.base = base
        self.cap = cap
    }

    /// No wait at all.
    package static let none = Backoff(base: .zero, cap: .zero)

    /// The wait before retry number `retry` (1 for the first), times `jitter` (clamped to 0...1).
    package func delay(beforeRetry retry: Int, jitter: Double = 1) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        return min(base * (1 << exponent), cap) * min(max(jitter, 0), 1)
    }
}

/// Runs `attempt` (given its number, from 1) until its outcome is final: `shouldRetry` says no, `maximumAttempts`
/// were made, or the next wait would not fit (`mayWait`); between attempts it sleeps the backoff's delay. Returns
/// the last success, or throws the last error. The one retry loop of the package's helpers; the client's standard
/// and adaptive modes add their token buckets and clock-skew handling around the same ``Backoff``.
package func retrying<Output, Failure: Error>(
    maximumAttempts: Int = .max, backoff: Backoff, mayWait: (Duration) -> Bool = { _ in true },
    sleep: (Duration) async throws(Failure) -> Void, shouldRetry: (Result<Output, Failure>) -> Bool,
    _ attempt: (Int) async throws(Failure) -> Output
) async throws(Failure) -> Output {
    var number = 0
    while true {
        number += 1
        let outcome: Result<Output, Failure>
        do throws(Failure) {
            outcome = .success(try await attempt(number))
        } catch {
            outcome = .failure(error)
        }
        guard number < maximumAttempts, shouldRetry(outcome) else { return try outcome.get() }
        let delay = backoff.delay(beforeRetry: number)
        guard mayWait(delay) else { return try outcome.get() }
        if delay > .zero { try await sleep(delay) }
    }
}
