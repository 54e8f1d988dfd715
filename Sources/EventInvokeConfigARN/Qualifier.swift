/// Which version of a function a request is about: `$LATEST`, `$LATEST.PUBLISHED`, a published version or an alias.
///
/// A reference without a qualifier is modelled as `Qualifier?` being `nil`; the service then uses `$LATEST`.
/// Each kind is its own case, and the payloads are validated types, so an alias that is all digits or a version
/// with a letter cannot be built.
public enum Qualifier: Sendable, Hashable, CustomStringConvertible {
    /// `$LATEST`, the unpublished code and configuration.
    case latest
    /// `$LATEST.PUBLISHED`, the most recently published version.
    case latestPublished
    /// A published version number such as `1` or `42`.
    case version(Version)
    /// An alias such as `live` or `blue-green_2`.
    case alias(Alias)

    /// The field name used in error messages.
    static let field = "Qualifier"
    static let rule =
        "$LATEST, $LATEST.PUBLISHED, a version number (digits) or an alias ([a-zA-Z0-9-_], 1-128 characters, "
        + "not all digits)"

    /// Parses a qualifier as it appears after the function name or in the `Qualifier` query parameter.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/invalidQualifier`` or
    ///   ``InvalidValueError/Code/empty``.
    public init(_ text: some StringProtocol) throws(InvalidValueError) {
        try self.init(text, field: Qualifier.field)
    }

    init(_ text: some StringProtocol, field: String) throws(InvalidValueError) {
        if text == "$LATEST" {
            self = .latest
        } else if text == "$LATEST.PUBLISHED" {
            self = .latestPublished
        } else if !text.isEmpty, text.utf8.allSatisfy(ASCII.isDigit) {
            self = .version(try Version(text, field: field))
        } else {
            self = .alias(try Alias(text, field: field))
        }
    }

    /// The qualifier as the API spells it (`$LATEST`, `7`, `live`).
    public var rawValue: String {
        switch self {
        case .latest: "$LATEST"
        case .latestPublished: "$LATEST.PUBLISHED"
        case .version(let version): version.number
        case .alias(let alias): alias.name
        }
    }

    /// The qualifier as the API spells it.
    public var description: String { rawValue }
}

/// A published function version: one or more digits, at most 128.
public struct Version: Sendable, Hashable, CustomStringConvertible {
    /// The version number as the API spells it.
    public let number: String

    /// Validates a version number given as text.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/invalidQualifier``.
    public init(_ text: some StringProtocol) throws(InvalidValueError) {
        try self.init(text, field: Qualifier.field)
    }

    /// A version from a positive integer.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/outOfRange`` when `number` < 1.
    public init(_ number: Int) throws(InvalidValueError) {
        guard number >= 1 else {
            throw InvalidValueError(
                .outOfRange, field: Qualifier.field, value: String(number),
                reason: "published versions start at 1", rule: "a version number >= 1")
        }
        self.number = String(number)
    }

    init(_ text: some StringProtocol, field: String) throws(InvalidValueError) {
        guard !text.isEmpty, text.utf8.count <= 128, text.utf8.allSatisfy(ASCII.isDigit) else {
            throw InvalidValueError(
                .invalidQualifier, field: field, value: String(text),
                reason: "not a version number", rule: "digits 0-9, 1-128 characters")
        }
        self.number = String(text)
    }

    /// The version number.
    public var description: String { number }
}

/// A function alias name: `[a-zA-Z0-9-_]`, 1–128 characters, not all digits (that would be a version).
public struct Alias: Sendable, Hashable, CustomStringConvertible {
    /// The alias name.
    public let name: String

    /// Validates an alias name.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/invalidQualifier``,
    ///   ``InvalidValueError/Code/empty`` or ``InvalidValueError/Code/tooLong``.
    public init(_ name: some StringProtocol) throws(InvalidValueError) {
        try self.init(name, field: Qualifier.field)
    }

    init(_ text: some StringProtocol, field: String) throws(InvalidValueError) {
        let value = String(text)
        if text.isEmpty {
            throw InvalidValueError(
                .empty, field: field, value: value, reason: "the qualifier is empty", rule: Qualifier.rule)
        }
        if text.utf8.count > 128 {
            throw InvalidValueError(
                .tooLong, field: field, value: value,
                reason: "the alias is \(text.utf8.count) characters long", rule: Qualifier.rule)
        }
        if text.first == "$" {
            throw InvalidValueError(
                .invalidQualifier, field: field, value: value,
                reason: "only $LATEST and $LATEST.PUBLISHED may start with $", rule: Qualifier.rule)
        }
        if !text.utf8.allSatisfy(ASCII.isNameByte),
            let bad = text.first(where: { !($0.isASCII && $0.utf8.allSatisfy(ASCII.isNameByte)) })
        {
            throw InvalidValueError(
                .invalidQualifier, field: field, value: value, offendingPart: String(bad),
                reason: "the alias contains the character \(InvalidValueError.quote(String(bad)))", rule: Qualifier.rule
            )
        }
        if text.utf8.allSatisfy(ASCII.isDigit) {
            throw InvalidValueError(
                .invalidQualifier, field: field, value: value,
                reason: "an alias cannot be all digits (that is a version number)", rule: Qualifier.rule)
        }
        self.name = value
    }

    /// The alias name.
    public var description: String { name }
}
