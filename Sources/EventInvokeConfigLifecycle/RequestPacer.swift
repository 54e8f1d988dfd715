import EventInvokeConfigCore
import Foundation
import Synchronization

/// A client-side request-rate limit shared by every call of a plan or an apply: requests are spaced at least
/// `1/rate` seconds apart (a token bucket of depth one), so no window of one second ever holds more than `rate`
/// requests, and a long run reaches the rate. Time and waiting are injected, so tests run on a virtual clock.
final class RequestPacer: Sendable {
    private let interval: Double?
    private let clock: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void
    /// The earliest time the next request may start.
    private let nextSlot = Mutex<Date?>(nil)

    /// A pacer of `rate` requests per second; `nil` for no limit.
    init(
        rate: Double?, clock: @escaping @Sendable () -> Date,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        interval = rate.flatMap { $0 > 0 ? 1 / $0 : nil }
        self.clock = clock
        self.sleep = sleep
    }

    /// Waits for the next slot (reserving it at once, so concurrent callers queue in order).
    func acquire() async throws {
        guard let interval else { return }
        let now = clock()
        let slot = nextSlot.withLock { next -> Date in
            let slot = max(now, next ?? now)
            next = slot.addingTimeInterval(interval)
            return slot
        }
        let wait = slot.timeIntervalSince(now)
        if wait > 0 { try await sleep(.seconds(clamping: wait)) }
    }
}
