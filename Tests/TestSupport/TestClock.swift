public import Foundation
import Synchronization

/// A settable wall clock for the tests (the emulator's, the client's, the credential cache's and the lifecycle's
/// clocks are `() -> Date`): it moves only when a test advances it.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// A clock at `start` (by default 2026-11-28 12:00:00 UTC).
    public init(start: Date = Date(timeIntervalSince1970: 1_795_867_200)) { current = Mutex(start) }

    /// The current time.
    public var date: Date { current.withLock { $0 } }

    /// The current time, as a `() -> Date` clock reads it.
    public func now() -> Date { date }

    /// Moves the clock on by `seconds` (back when negative).
    public func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// Moves the clock on by `duration`.
    public func advance(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        advance(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
