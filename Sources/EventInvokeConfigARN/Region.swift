/// An AWS region name such as `us-east-1`, `us-gov-west-1`, `us-isob-east-1` or `eusc-de-east-1`.
///
/// The name is checked for shape only (`xx(-gov|-iso[a-z]?)?-name-N`, or `eusc-xx-name-N`), so regions launched
/// after this library was released are accepted.
public struct Region: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The region name, e.g. `eu-west-1`.
    public let name: String

    /// Validates a region name.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/invalidRegion``.
    public init(_ name: some StringProtocol, field: String = "region") throws(InvalidValueError) {
        let name = String(name)
        guard Region.hasRegionShape(name) else {
            throw InvalidValueError(
                .invalidRegion, field: field, value: String(name),
                reason: name.isEmpty ? "the region is empty" : "not an AWS region name",
                rule:
                    "lower-case xx(-gov|-iso[a-z]?)?-name-N, e.g. us-east-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1"
            )
        }
        self.name = name
    }

    /// The partition this region's name belongs to, if any known partition claims it.
    public var partition: Partition? { Partition.owning(regionNamed: name) }

    /// Whether the text has the shape of a region name: `xx[-gov|-iso[a-z]]-name-N` or `eusc-xx-name-N`, lower-case
    /// letters, at most 40 characters (every parser of the package applies this one rule).
    static func hasRegionShape(_ text: some StringProtocol) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        var groups = Array(text.utf8).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)[...]
        let letters = { (group: ArraySlice<UInt8>) in !group.isEmpty && group.allSatisfy(ASCII.isLowerLetter) }
        guard let first = groups.popFirst(), letters(first) else { return false }
        if first.elementsEqual("eusc".utf8) {
            // eusc-de-east-1: a four-letter first group and a two-letter second one.
            guard let second = groups.popFirst(), second.count == 2, letters(second) else { return false }
        } else {
            guard first.count == 2 else { return false }
            // A -gov/-iso[a-z] group is followed by the name and the number; otherwise it is the name itself.
            if groups.count >= 3, let next = groups.first,
                next.elementsEqual("gov".utf8)
                    || (next.starts(with: "iso".utf8) && next.count <= 4 && next.allSatisfy(ASCII.isLowerLetter))
            {
                groups.removeFirst()
            }
        }
        guard groups.count == 2, let name = groups.first, let number = groups.last else { return false }
        return letters(name) && !number.isEmpty && number.count <= 2 && number.allSatisfy(ASCII.isDigit)
    }

    /// The region name.
    public var description: String { name }

    /// Orders by the textual value.
    public static func < (lhs: Region, rhs: Region) -> Bool { lhs.name < rhs.name }
}

/// A 12-digit AWS account ID.
public struct AccountID: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The twelve digits.
    public let digits: String

    /// Validates an account ID.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/invalidAccountID``.
    public init(_ digits: some StringProtocol, field: String = "account ID") throws(InvalidValueError) {
        let digits = String(digits)
        guard AccountID.isAccountID(digits) else {
            throw InvalidValueError(
                .invalidAccountID, field: field, value: String(digits),
                reason: digits.isEmpty ? "the account ID is empty" : "not a 12-digit account ID",
                rule: "exactly 12 digits 0-9")
        }
        self.digits = digits
    }

    static func isAccountID(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy(ASCII.isDigit)
    }

    /// The twelve digits.
    public var description: String { digits }

    /// Orders by the textual value.
    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.digits < rhs.digits }
}
