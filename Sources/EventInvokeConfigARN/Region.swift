/// An AWS region name such as `us-east-1`, `us-gov-west-1`, `us-isob-east-1` or `eusc-de-east-1`.
///
/// The name is checked for shape only (`xx(-gov|-iso[a-z]?)?-name-N`, or `eusc-xx-name-N`), so regions launched
/// after this library was released are accepted.
public struct Region: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The region name, e.g. `eu-west-1`.
    public let name: String

    /// Validates a region name.
    ///
    /// - Throws: ``ValidationError`` with code ``ValidationError/Code/invalidRegion``.
    @inlinable
    public init(_ name: some StringProtocol, field: String = "region") throws(ValidationError) {
        try self.init(checking: String(name), field: field)
    }

    @usableFromInline
    init(checking name: String, field: String) throws(ValidationError) {
        guard Region.hasRegionShape(name) else {
            throw ValidationError(
                .invalidRegion, field: field, value: String(name),
                reason: name.isEmpty ? "the region is empty" : "not an AWS region name",
                rule:
                    "lower-case xx(-gov|-iso[a-z]?)?-name-N, e.g. us-east-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1"
            )
        }
        self.name = name
    }

    /// A name the caller has already checked.
    package init(unchecked name: String) { self.name = name }

    /// The partition this region's name belongs to, if any known partition claims it.
    public var partition: Partition? { Partition.owning(regionNamed: name) }

    /// Whether the text has the shape of a region name.
    static func hasRegionShape(_ text: some StringProtocol) -> Bool {
        withUTF8Bytes(String(text)) { hasRegionShape(bytes: $0) }
    }

    package static func hasRegionShape(bytes: UnsafeRawBufferPointer) -> Bool {
        // Region names are short; anything longer is not one. Checked here, so that every caller — the full
        // parsers and the one-pass ones — applies the same bound.
        guard bytes.count <= 40 else { return false }
        // The `-`-separated groups as slices, collected without allocating (a region has at most five).
        return withUnsafeTemporaryAllocation(of: Slice<UnsafeRawBufferPointer>.self, capacity: 6) { storage in
            var count = 0
            var start = 0
            var index = 0
            while index <= bytes.count {
                if index == bytes.count || bytes[index] == UInt8(ascii: "-") {
                    guard count < 6 else { return false }
                    storage.initializeElement(at: count, to: bytes[start..<index])
                    count += 1
                    start = index + 1
                }
                index += 1
            }
            return hasRegionShape(groups: UnsafeBufferPointer(rebasing: storage[0..<count]))
        }
    }

    private static func hasRegionShape(groups: UnsafeBufferPointer<Slice<UnsafeRawBufferPointer>>) -> Bool {
        // eusc-de-east-1 has a four-letter first group and a two-letter second one.
        var index = groups.startIndex
        let first = groups[index]
        guard first.count == 2 || (first.count == 4 && UnsafeRawBufferPointer(rebasing: first).equals("eusc")) else {
            return false
        }
        guard first.allSatisfy(isLowerLetter) else { return false }
        index += 1
        if first.count == 4 {
            guard index < groups.endIndex, groups[index].count == 2, groups[index].allSatisfy(isLowerLetter) else {
                return false
            }
            index += 1
        } else if index < groups.endIndex {
            let group = groups[index]
            let bytes = UnsafeRawBufferPointer(rebasing: group)
            let isGov = bytes.equals("gov")
            let isISO =
                bytes.hasPrefix("iso")
                && (bytes.count == 3 || (bytes.count == 4 && isLowerLetter(bytes[3])))
            // A -gov/-iso group must be followed by the name and the number; otherwise it is the name itself.
            if (isGov || isISO) && groups.endIndex - index >= 3 { index += 1 }
        }
        // name group then digits group, and nothing after.
        guard groups.endIndex - index == 2 else { return false }
        let nameGroup = groups[index]
        let numberGroup = groups[index + 1]
        return !nameGroup.isEmpty && nameGroup.allSatisfy(isLowerLetter)
            && !numberGroup.isEmpty && numberGroup.count <= 2 && numberGroup.allSatisfy(isDigit)
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
    /// - Throws: ``ValidationError`` with code ``ValidationError/Code/invalidAccountID``.
    @inlinable
    public init(_ digits: some StringProtocol, field: String = "account ID") throws(ValidationError) {
        try self.init(checking: String(digits), field: field)
    }

    @usableFromInline
    init(checking digits: String, field: String) throws(ValidationError) {
        guard AccountID.isAccountID(digits) else {
            throw ValidationError(
                .invalidAccountID, field: field, value: String(digits),
                reason: digits.isEmpty ? "the account ID is empty" : "not a 12-digit account ID",
                rule: "exactly 12 digits 0-9")
        }
        self.digits = digits
    }

    /// Digits the caller has already checked.
    init(unchecked digits: String) { self.digits = digits }

    /// Whether the bytes are twelve digits.
    package static func isAccountID(bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count == 12 && bytes.allSatisfy(isDigit)
    }

    static func isAccountID(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy(isDigit)
    }

    /// The twelve digits.
    public var description: String { digits }

    /// Orders by the textual value.
    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.digits < rhs.digits }
}

@inline(__always) func isLowerLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
@inline(__always) func isNameByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || isLowerLetter(byte) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x2D || byte == 0x5F
}
