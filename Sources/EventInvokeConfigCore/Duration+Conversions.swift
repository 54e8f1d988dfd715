extension Duration {
    /// The duration in seconds as a `Double`, for `Date` arithmetic and `TimeInterval` APIs.
    package var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in whole nanoseconds, truncated, and clamped to `Int64`'s range where it does not fit (as
    /// SwiftNIO's `TimeAmount(_:)` converts), for APIs that count nanoseconds.
    package var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let whole = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let sum = whole.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000)
        if whole.overflow || sum.overflow { return seconds < 0 ? .min : .max }
        return sum.partialValue
    }

    /// The duration in whole milliseconds, truncated and clamped like ``nanosecondsClamped``.
    package var millisecondsClamped: Int64 { nanosecondsClamped / 1_000_000 }

    /// A duration of `seconds` (a `TimeInterval`, or a number read from outside such as `Retry-After`), rounded
    /// to the nanosecond; NaN is zero, and anything beyond about ±292 years (infinities too) is clamped there, so
    /// the conversion never traps.
    package static func seconds(clamping seconds: Double) -> Duration {
        guard !seconds.isNaN else { return .zero }
        let nanoseconds = (seconds * 1e9).rounded()
        guard abs(nanoseconds) < 9.2e18 else { return .nanoseconds(nanoseconds < 0 ? -Int64(9.2e18) : Int64(9.2e18)) }
        return .nanoseconds(Int64(nanoseconds))
    }
}
