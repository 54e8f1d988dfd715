/// A reference to a Lambda function, exactly as the Lambda API's `FunctionName` parameter accepts it, plus the
/// optional qualifier (version or alias) that may be appended to it.
///
/// Every form the API takes parses:
///
/// | form | example |
/// |---|---|
/// | name | `my-function`, `my-function:v1` |
/// | partial ARN | `123456789012:function:my-function`, `…:my-function:7` |
/// | ARN | `arn:aws:lambda:us-west-2:123456789012:function:my-function`, `…:my-function:$LATEST` |
///
/// The form is kept, so ``functionName`` renders the reference the way it was given; ``description`` adds the
/// qualifier back. Limits are the service model's: a name is `[a-zA-Z0-9-_]`, 1–64 characters; the whole value is
/// at most 256 characters; the account is 12 digits; the region has the shape of a region of the partition.
public struct FunctionReference: Sendable, Hashable, CustomStringConvertible {
    /// How the function was named.
    public enum Form: Sendable, Hashable {
        /// The bare name, resolved by the service against the caller's account and the client's region.
        case name
        /// `ACCOUNT:function:NAME`: the account is given, the region is the client's.
        case partialARN(accountID: AccountID)
        /// `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME`.
        case arn(partition: Partition, region: Region, accountID: AccountID)
    }

    /// How the function was named.
    public let form: Form
    /// The function's name, without account, region or qualifier.
    public let name: String
    /// The version or alias, or `nil` for the unqualified function (which the service treats as `$LATEST`).
    public let qualifier: Qualifier?

    static let field = "FunctionName"
    static let maximumLength = 256
    static let nameRule = "a function name is [a-zA-Z0-9-_], 1-64 characters"
    static let formRule =
        "NAME, ACCOUNT:function:NAME or arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME, optionally followed by "
        + ":QUALIFIER"
    static let arnRule = "arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]"

    /// Creates a reference from validated parts.
    ///
    /// - Throws: ``InvalidValueError`` when `name` breaks the naming rules.
    public init(name: some StringProtocol, qualifier: Qualifier? = nil, form: Form = .name) throws(InvalidValueError) {
        let name = String(name)
        try FunctionReference.validateName(name, in: name, field: FunctionReference.field)
        self.init(form: form, name: name, qualifier: qualifier)
        try checkTotalLength(field: FunctionReference.field)
    }

    /// Creates a reference from a name validated earlier (by the caller's own rules) and validated parts: only the
    /// total length is checked. For the in-memory Lambda, which names functions it created itself.
    /// The unqualified ARN of a function named `name`, for comparisons only (the name is not checked): the in-memory
    /// Lambda asks whether a destination denotes one of its functions.
    package init(name: String, partition: Partition, region: Region, accountID: AccountID) {
        self.init(form: .arn(partition: partition, region: region, accountID: accountID), name: name, qualifier: nil)
    }

    package init(validatedName name: String, qualifier: Qualifier?, form: Form) throws(InvalidValueError) {
        self.init(form: form, name: name, qualifier: qualifier)
        try checkTotalLength(field: FunctionReference.field)
    }

    /// Parses any form the Lambda API accepts for `FunctionName`, with an optional trailing qualifier.
    ///
    /// - Parameters:
    ///   - text: the reference.
    ///   - field: the field name used in error messages (`FunctionName` by default).
    /// - Throws: ``InvalidValueError`` naming the input, the offending part and the rule. An ARN of another service
    ///   or resource type says what it is; an ARN missing its `lambda` segment gets the corrected ARN as
    ///   ``InvalidValueError/suggestion``.
    public init(_ text: some StringProtocol, field: String = "FunctionName") throws(InvalidValueError) {
        let value = String(text)
        guard !value.isEmpty else {
            throw InvalidValueError(
                .empty, field: field, value: value, reason: "the function name is empty",
                rule: FunctionReference.formRule)
        }
        guard value.utf8.count <= FunctionReference.maximumLength else {
            throw InvalidValueError(
                .tooLong, field: field, value: value,
                reason: "the value is \(value.utf8.count) characters long",
                rule: "at most \(FunctionReference.maximumLength) characters including ARN prefix and qualifier")
        }
        if value.hasPrefix("arn:") {
            self = try FunctionReference.parseARN(value, field: field)
            return
        }
        let segments = colonSegments(value)
        if (AccountID.isAccountID(segments[0]) && segments.count > 1)
            || (segments.count > 2 && segments[1] == "function")
        {
            self = try FunctionReference.parsePartial(value, segments, field: field)
        } else if segments.count > 2, Region.hasRegionShape(segments[0]) {
            // `us-east-1:123456789012:function:x`: a region without the arn prefix.
            let partition = Partition.owning(regionNamed: segments[0]) ?? .aws
            throw InvalidValueError(
                .malformedARN, field: field, value: value, offendingPart: String(segments[0]),
                reason: "a region can only be given in a full ARN", rule: FunctionReference.formRule,
                suggestion: "arn:\(partition.name):lambda:\(value)")
        } else {
            try FunctionReference.validateName(segments[0], in: value, field: field)
            guard segments.count <= 2 else {
                throw InvalidValueError(
                    .unexpectedSegment, field: field, value: value, offendingPart: String(segments[2]),
                    reason: "a function name can be followed by one qualifier only", rule: FunctionReference.formRule)
            }
            self.init(
                form: .name, name: String(segments[0]),
                qualifier: segments.count == 2
                    ? try FunctionReference.qualifier(segments[1], in: value, field: field) : nil)
        }
    }

    /// Parses the qualifier segment of `value`; an error quotes the whole value and names the segment as the
    /// offending part (an error quoting only the segment, `""` for `name:`, would read as if that were the input).
    static func qualifier(
        _ segment: some StringProtocol, in value: String, field: String
    ) throws(InvalidValueError) -> Qualifier {
        do {
            return try Qualifier(String(segment), field: field)
        } catch {
            var whole = error
            whole.value = value
            whole.offendingPart = segment.isEmpty ? nil : String(segment)
            throw whole
        }
    }

    /// Parses a reference and merges a qualifier given separately (the API's `Qualifier` parameter).
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/qualifierConflict`` when both carry a
    ///   qualifier and the two differ, ``InvalidValueError/Code/empty`` for an empty `qualifier` (`nil` means
    ///   none), or any parse error of either part.
    public init(_ text: some StringProtocol, qualifier: String?) throws(InvalidValueError) {
        let parsed = try FunctionReference(text)
        // An explicitly empty qualifier is refused (code `empty`), never read as "unqualified": a script's
        // `--qualifier "$Q"` with an unset `Q` must not act on `$LATEST`.
        guard let qualifier else {
            self = parsed
            return
        }
        let separate = try Qualifier(qualifier)
        if let embedded = parsed.qualifier, embedded != separate {
            throw InvalidValueError(
                .qualifierConflict, field: Qualifier.field, value: qualifier,
                reason: "the function name \(InvalidValueError.quote(String(text))) already carries the qualifier "
                    + "\(InvalidValueError.quote(embedded.rawValue))",
                rule: "a qualifier given both in the function name and separately must be the same")
        }
        self = parsed.qualified(separate)
    }

    /// The API's `FunctionName` without the qualifier, in the form it was given
    /// (`my-function`, `123456789012:function:my-function`, `arn:aws:lambda:…:function:my-function`).
    public var functionName: String { rendered(withQualifier: false) }

    /// The reference with its qualifier, in the form it was given.
    public var description: String { rendered(withQualifier: true) }

    private func rendered(withQualifier: Bool) -> String {
        let prefix =
            switch form {
            case .name: ""
            case .partialARN(let account): "\(account.digits):function:"
            case .arn(let partition, let region, let account):
                "arn:\(partition.name):lambda:\(region.name):\(account.digits):function:"
            }
        guard withQualifier, let qualifier else { return prefix + name }
        return prefix + name + ":" + qualifier.rawValue
    }

    /// The partition, when the form carries it.
    public var partition: Partition? {
        if case .arn(let partition, _, _) = form { partition } else { nil }
    }

    /// The region, when the form carries it.
    public var region: Region? {
        if case .arn(_, let region, _) = form { region } else { nil }
    }

    /// The account, when the form carries it.
    public var accountID: AccountID? {
        switch form {
        case .name: nil
        case .partialARN(let account): account
        case .arn(_, _, let account): account
        }
    }

    /// The same function with another qualifier (`nil` for unqualified).
    public func qualified(_ qualifier: Qualifier?) -> FunctionReference {
        FunctionReference(form: form, name: name, qualifier: qualifier)
    }

    /// The same function without a qualifier.
    public var unqualified: FunctionReference { qualified(nil) }

    /// The full ARN of this function, filling in what the form lacks from the given defaults.
    public func arn(partition: Partition? = nil, region: Region, accountID: AccountID) -> FunctionReference {
        switch form {
        case .arn: return self
        case .partialARN(let account):
            let partition = partition ?? region.partition ?? .aws
            return FunctionReference(
                form: .arn(partition: partition, region: region, accountID: account), name: name, qualifier: qualifier)
        case .name:
            let partition = partition ?? region.partition ?? .aws
            return FunctionReference(
                form: .arn(partition: partition, region: region, accountID: accountID), name: name,
                qualifier: qualifier)
        }
    }

    /// Whether two references can denote the same function (same name, and same account, region and partition
    /// where both carry them). The qualifier is not compared.
    public func mayReferToSameFunction(as other: FunctionReference) -> Bool {
        guard name == other.name else { return false }
        if let a = accountID, let b = other.accountID, a != b { return false }
        if let a = region, let b = other.region, a != b { return false }
        if let a = partition, let b = other.partition, a != b { return false }
        return true
    }

    init(form: Form, name: String, qualifier: Qualifier?) {
        self.form = form
        self.name = name
        self.qualifier = qualifier
    }

    private func checkTotalLength(field: String) throws(InvalidValueError) {
        let length = description.utf8.count
        guard length <= FunctionReference.maximumLength else {
            throw InvalidValueError(
                .tooLong, field: field, value: description, reason: "the value is \(length) characters long",
                rule: "at most \(FunctionReference.maximumLength) characters including ARN prefix and qualifier")
        }
    }

    static func validateName(_ name: some StringProtocol, in value: String, field: String) throws(InvalidValueError) {
        if name.isEmpty {
            throw InvalidValueError(
                .empty, field: field, value: value, reason: "the function name is empty",
                rule: FunctionReference.nameRule)
        }
        if name.utf8.count > 64 {
            throw InvalidValueError(
                .tooLong, field: field, value: value, offendingPart: String(name),
                reason: "the function name is \(name.utf8.count) characters long", rule: FunctionReference.nameRule)
        }
        if !name.utf8.allSatisfy(ASCII.isNameByte),
            let bad = name.first(where: { !($0.isASCII && $0.utf8.allSatisfy(ASCII.isNameByte)) })
        {
            throw InvalidValueError(
                .invalidFunctionName, field: field, value: value, offendingPart: String(name),
                reason: "the function name contains the character \(InvalidValueError.quote(String(bad)))",
                rule: FunctionReference.nameRule)
        }
    }

    private static func parsePartial(
        _ value: String, _ segments: [Substring], field: String
    ) throws(InvalidValueError) -> FunctionReference {
        let account = try AccountID(segments[0], field: field)
        guard segments.count >= 3, segments[1] == "function" else {
            throw InvalidValueError(
                .malformedARN, field: field, value: value,
                offendingPart: segments.count > 1 ? String(segments[1]) : nil,
                reason: "a partial ARN is ACCOUNT:function:NAME", rule: FunctionReference.formRule)
        }
        try validateName(segments[2], in: value, field: field)
        guard segments.count <= 4 else {
            throw InvalidValueError(
                .unexpectedSegment, field: field, value: value, offendingPart: String(segments[4]),
                reason: "a partial ARN can be followed by one qualifier only", rule: FunctionReference.formRule)
        }
        let qualifier =
            segments.count == 4 ? try FunctionReference.qualifier(segments[3], in: value, field: field) : nil
        return FunctionReference(form: .partialARN(accountID: account), name: String(segments[2]), qualifier: qualifier)
    }

    static func parseARN(_ value: String, field: String) throws(InvalidValueError) -> FunctionReference {
        let segments = colonSegments(value)
        // The resource docs' own example drops the service: arn:aws:us-east-1:123456789012:function:my_function.
        if segments.count >= 5, Region.hasRegionShape(segments[2]), AccountID.isAccountID(segments[3]) {
            var fixed = segments.map(String.init)
            fixed.insert("lambda", at: 2)
            throw InvalidValueError(
                .malformedARN, field: field, value: value, offendingPart: String(segments[2]),
                reason: "the ARN has no service segment: \(InvalidValueError.quote(String(segments[2]))) is a region",
                rule: arnRule, suggestion: fixed.joined(separator: ":"))
        }
        let arn = try ARN(value, field: field)
        let partition = try Partition(arn.partition, field: field)
        guard arn.service == "lambda" else {
            throw InvalidValueError(
                .wrongService, field: field, value: value, offendingPart: arn.service,
                reason:
                    "this is an ARN of the \(InvalidValueError.quote(arn.service)) service, not a Lambda function ARN",
                rule: arnRule)
        }
        let region = try Region(arn.region, field: field)
        if let owner = region.partition, owner != partition {
            throw InvalidValueError(
                .invalidRegion, field: field, value: value, offendingPart: region.name,
                reason: "region \(region.name) belongs to partition \(owner.name), not \(partition.name)",
                rule: arnRule,
                suggestion: "arn:\(owner.name):" + segments.dropFirst(2).joined(separator: ":"))
        }
        let account = try AccountID(arn.accountID, field: field)
        let resource = segments[5...]
        guard resource.first == "function" else {
            let type = arn.resourceType
            throw InvalidValueError(
                .wrongResourceType, field: field, value: value, offendingPart: String(type),
                reason: "this is a Lambda \(InvalidValueError.quote(String(type))) ARN, not a function ARN "
                    + "(expected resource type \"function\")",
                rule: arnRule)
        }
        guard resource.count >= 2 else {
            throw InvalidValueError(
                .malformedARN, field: field, value: value, reason: "the ARN ends before the function name",
                rule: arnRule)
        }
        let name = resource[resource.startIndex + 1]
        try validateName(name, in: value, field: field)
        guard resource.count <= 3 else {
            throw InvalidValueError(
                .unexpectedSegment, field: field, value: value,
                offendingPart: String(resource[resource.startIndex + 3]),
                reason: "a function ARN can be followed by one qualifier only", rule: arnRule)
        }
        let qualifier =
            resource.count == 3
            ? try FunctionReference.qualifier(resource[resource.startIndex + 2], in: value, field: field) : nil
        return FunctionReference(
            form: .arn(partition: partition, region: region, accountID: account), name: String(name),
            qualifier: qualifier)
    }
}
