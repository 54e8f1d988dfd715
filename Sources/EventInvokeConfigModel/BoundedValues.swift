public import EventInvokeConfigARN

/// How many times Lambda retries a failed asynchronous invocation: 0, 1 or 2. The service default is 2.
public struct MaximumRetryAttempts: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The allowed range.
    public static let range: ClosedRange<Int> = 0...2
    /// No retries.
    public static let zero = MaximumRetryAttempts(unchecked: 0)
    /// One retry.
    public static let one = MaximumRetryAttempts(unchecked: 1)
    /// Two retries, the service default.
    public static let two = MaximumRetryAttempts(unchecked: 2)

    /// The number of retries.
    public let value: Int

    /// Validates a retry count.
    ///
    /// - Throws: ``InvalidValueError`` with code `outOfRange` and field `MaximumRetryAttempts` outside 0...2.
    public init(_ value: Int) throws(InvalidValueError) {
        guard MaximumRetryAttempts.range.contains(value) else {
            throw InvalidValueError(
                .outOfRange, field: "MaximumRetryAttempts", value: String(value),
                reason: "\(value) is outside the allowed range", rule: "an integer from 0 to 2")
        }
        self.value = value
    }

    private init(unchecked value: Int) { self.value = value }

    /// The number as text.
    public var description: String { String(value) }

    /// Orders by value.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

/// The longest time Lambda keeps an asynchronous event before dropping it: 60 to 21,600 seconds (6 hours,
/// the service default).
public struct MaximumEventAge: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The allowed range in seconds.
    public static let range: ClosedRange<Int> = 60...21_600
    /// One minute, the shortest allowed.
    public static let minimum = MaximumEventAge(unchecked: 60)
    /// Six hours, the longest allowed and the service default.
    public static let maximum = MaximumEventAge(unchecked: 21_600)

    /// The age in whole seconds.
    public let seconds: Int

    /// Validates an age in seconds.
    ///
    /// - Throws: ``InvalidValueError`` with code `outOfRange` and field `MaximumEventAgeInSeconds` outside 60...21600.
    public init(seconds: Int) throws(InvalidValueError) {
        guard MaximumEventAge.range.contains(seconds) else {
            throw InvalidValueError(
                .outOfRange, field: "MaximumEventAgeInSeconds", value: String(seconds),
                reason: "\(seconds) seconds is outside the allowed range",
                rule: "an integer from 60 to 21600 seconds (1 minute to 6 hours)")
        }
        self.seconds = seconds
    }

    /// Validates an age given as a `Duration`; it must be a whole number of seconds.
    ///
    /// - Throws: ``InvalidValueError`` with code `outOfRange`, or `invalidCharacter` for a fractional duration.
    public init(_ duration: Duration) throws(InvalidValueError) {
        let (seconds, attoseconds) = duration.components
        guard attoseconds == 0 else {
            throw InvalidValueError(
                .outOfRange, field: "MaximumEventAgeInSeconds", value: "\(duration)",
                reason: "the age has a fractional second", rule: "a whole number of seconds from 60 to 21600")
        }
        guard let whole = Int(exactly: seconds) else {
            throw InvalidValueError(
                .outOfRange, field: "MaximumEventAgeInSeconds", value: "\(duration)",
                reason: "the age is outside the allowed range", rule: "an integer from 60 to 21600 seconds")
        }
        try self.init(seconds: whole)
    }

    private init(unchecked seconds: Int) { self.seconds = seconds }

    /// The age as a `Duration`.
    public var duration: Duration { .seconds(seconds) }

    /// The age in seconds, e.g. `3600s`.
    public var description: String { "\(seconds)s" }

    /// Orders by value.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.seconds < rhs.seconds }
}
