import EventInvokeConfigCore
import Foundation

/// Lambda's control-plane quota as the emulator enforces it: a token bucket per emulator (one account in one region)
/// refilled at `rate` requests per second and holding at most one second of them; a request finding it empty is
/// refused with 429 `TooManyRequestsException` (`Rate exceeded`, `Reason: CallerRateLimitExceeded`, `Retry-After`
/// in whole seconds until a token is back).
struct RequestQuota {
    private var bucket: TokenBucket

    init(rate: Double) {
        bucket = TokenBucket(rate: rate, capacity: rate, tokens: rate)
    }

    /// Takes a token at `now`; the seconds to wait (at least 1) when there is none.
    mutating func take(at now: Date) -> Int? {
        bucket.take(at: now.timeIntervalSinceReferenceDate).map { max(1, Int($0.rounded(.up))) }
    }
}

extension InMemoryLambda {
    /// Lambda's own figures (Lambda quotas, "Control plane API request rate"): 15 requests per second for the
    /// control-plane operations together, per account and region, and 100 per second for `GetFunction`.
    public static let controlPlaneQuota = 15.0
    /// `GetFunction`'s own quota: 100 requests per second.
    public static let getFunctionQuota = 100.0

    /// Enforces Lambda's request-rate quota: at most `controlPlane` requests per second for every operation but
    /// `GetFunction` together, and `getFunction` for `GetFunction`; `nil` lifts a limit. Over it, requests are
    /// answered as Lambda answers them: 429 `TooManyRequestsException`, `Rate exceeded`, `Reason`
    /// `CallerRateLimitExceeded`, `Retry-After` in seconds.
    public func limitRequestRate(
        controlPlane: Double? = InMemoryLambda.controlPlaneQuota, getFunction: Double? = InMemoryLambda.getFunctionQuota
    ) {
        controlPlaneQuota = controlPlane.map(RequestQuota.init(rate:))
        getFunctionQuota = getFunction.map(RequestQuota.init(rate:))
    }

    /// Takes the request's token; the 429 Lambda answers when there is none.
    func checkQuota(_ operation: Operation) throws {
        let now = clock()
        let wait: Int?
        if operation == .getFunction {
            wait = getFunctionQuota?.take(at: now)
        } else {
            wait = controlPlaneQuota?.take(at: now)
        }
        guard let wait else { return }
        throttledRequests += 1
        throw LambdaError.throttled(retryAfter: wait)
    }

    /// How many requests the quota refused (see ``limitRequestRate(controlPlane:getFunction:)``).
    public var throttledRequestCount: Int { throttledRequests }
}
