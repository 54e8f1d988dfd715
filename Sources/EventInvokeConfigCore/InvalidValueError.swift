/// The error every parser and every validating initialiser in this package throws.
///
/// An `InvalidValueError` always says which field was wrong, what value it held, which part of that value broke
/// which rule, and, where one can be derived, what was probably meant:
///
/// ```
/// invalid FunctionName "arn:aws:us-east-1:123456789012:function:my_function": the ARN has no service segment
/// (offending part: "us-east-1"); rule: arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER];
/// did you mean "arn:aws:lambda:us-east-1:123456789012:function:my_function"?
/// ```
///
/// Match on ``code`` to react programmatically; the set of codes can grow without breaking your code because
/// ``Code`` is a struct, not an enum.
public struct InvalidValueError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of rule was broken. Extensible: new codes may be added in minor releases.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The value is empty where something is required.
        public static let empty = Code("empty")
        /// The value is longer than the service allows.
        public static let tooLong = Code("tooLong")
        /// A character outside the allowed set.
        public static let invalidCharacter = Code("invalidCharacter")
        /// The text is not an ARN of the form `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
        public static let malformedARN = Code("malformedARN")
        /// The partition is not one this library knows.
        public static let invalidPartition = Code("invalidPartition")
        /// The region does not have the shape of an AWS region, or belongs to another partition.
        public static let invalidRegion = Code("invalidRegion")
        /// The account ID is not 12 digits.
        public static let invalidAccountID = Code("invalidAccountID")
        /// The function name breaks the service's naming rules.
        public static let invalidFunctionName = Code("invalidFunctionName")
        /// The qualifier is not `$LATEST`, `$LATEST.PUBLISHED`, a version number or an alias name.
        public static let invalidQualifier = Code("invalidQualifier")
        /// A qualifier was given both inside the reference and separately, and the two differ.
        public static let qualifierConflict = Code("qualifierConflict")
        /// The ARN names another AWS service than the one expected.
        public static let wrongService = Code("wrongService")
        /// The ARN names another resource type than the one expected (a layer instead of a function, say).
        public static let wrongResourceType = Code("wrongResourceType")
        /// The text has more `:`-separated segments than the form allows.
        public static let unexpectedSegment = Code("unexpectedSegment")
        /// A number outside its allowed range.
        public static let outOfRange = Code("outOfRange")
        /// A destination ARN the service does not accept for this slot.
        public static let invalidDestination = Code("invalidDestination")
        /// A function configured as its own destination.
        public static let selfDestination = Code("selfDestination")
        /// A `DestinationConfig` with neither an on-success nor an on-failure destination.
        public static let emptyDestinationConfig = Code("emptyDestinationConfig")
        /// A client configuration that cannot work (no region, FIPS with a custom endpoint, a malformed URL).
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A request that would set nothing (a Put or Update with no settings).
        public static let noSettings = Code("noSettings")

        /// The code's name, stable and safe to use as a metric label.
        public var description: String { name }
    }

    /// What kind of rule was broken.
    public var code: Code
    /// The API field the value was meant for, e.g. `FunctionName`, `Qualifier`,
    /// `DestinationConfig.OnFailure.Destination`.
    public var field: String
    /// The whole value as given.
    public var value: String
    /// The part of ``value`` that broke the rule, when it is narrower than the whole value.
    public var offendingPart: String?
    /// What was wrong, in words.
    public var reason: String
    /// The rule the value must follow.
    public var rule: String
    /// A corrected value, when one can be derived with confidence.
    public var suggestion: String?

    /// Creates an error. Library users rarely need this; it is public so that wrappers can re-throw with context.
    public init(
        _ code: Code,
        field: String,
        value: String,
        offendingPart: String? = nil,
        reason: String,
        rule: String,
        suggestion: String? = nil
    ) {
        self.code = code
        self.field = field
        self.value = value
        self.offendingPart = offendingPart
        self.reason = reason
        self.rule = rule
        self.suggestion = suggestion
    }

    /// One line naming the field, the value, the offending part, the rule and any suggestion.
    public var description: String {
        var text = "invalid \(field) \(quoted(value)): \(reason)"
        if let offendingPart, offendingPart != value {
            text += " (offending part: \(quoted(offendingPart)))"
        }
        text += "; rule: \(rule)"
        if let suggestion {
            text += "; did you mean \(quoted(suggestion))?"
        }
        return text
    }

    /// The same as ``description`` prefixed with the code.
    public var debugDescription: String { "InvalidValueError(\(code)): \(description)" }

    /// Returns a copy that names another field (for example when a reference is parsed for a destination).
    public func forField(_ field: String) -> InvalidValueError {
        var copy = self
        copy.field = field
        return copy
    }
}

extension InvalidValueError {
    /// Quotes a user-supplied value for an error message: escapes quotes, backslashes and control characters and
    /// cuts values longer than 300 characters, so that one bad input cannot forge or flood a log line.
    public static func quote(_ value: String) -> String { quoted(value) }
}

private func quoted(_ value: String) -> String { DisplayText.quoted(value) }
