/// A generic Amazon Resource Name: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
///
/// Parsing checks the structure only (the `arn` prefix, six segments, a non-empty partition, service and
/// resource); region and account may be empty, as they are for S3 buckets. Typed wrappers such as
/// ``FunctionReference`` add the rules of their service on top. The resource keeps any further `:` and `/`.
public struct ARN: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The partition segment, e.g. `aws`.
    public var partition: String
    /// The service namespace, e.g. `lambda`, `sqs`.
    public var service: String
    /// The region segment; empty for global resources.
    public var region: String
    /// The account segment; empty for some resources (S3 buckets).
    public var accountID: String
    /// Everything after the fifth `:`, e.g. `function:my-function:live` or `event-bus/default`.
    public var resource: String

    /// The longest text accepted, a guard against pathological input (the service's own limits are smaller).
    static let maximumLength = 2048

    /// Creates an ARN from its parts without validation.
    public init(partition: String, service: String, region: String, accountID: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.accountID = accountID
        self.resource = resource
    }

    /// Parses the structure of an ARN.
    ///
    /// - Parameters:
    ///   - text: the ARN.
    ///   - field: the field name used in error messages.
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/malformedARN`` (or `empty`/`tooLong`).
    public init(_ text: some StringProtocol, field: String = "ARN") throws(InvalidValueError) {
        let value = String(text)
        let rule = "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"
        guard !value.isEmpty else {
            throw InvalidValueError(.empty, field: field, value: value, reason: "the ARN is empty", rule: rule)
        }
        guard value.utf8.count <= ARN.maximumLength else {
            throw InvalidValueError(
                .tooLong, field: field, value: value,
                reason: "the ARN is \(value.utf8.count) bytes long", rule: "at most \(ARN.maximumLength) bytes")
        }
        let parts = colonSegments(value, maxSplits: 5)
        guard parts[0] == "arn" else {
            throw InvalidValueError(
                .malformedARN, field: field, value: value, offendingPart: String(parts[0]),
                reason: "an ARN starts with \"arn:\"", rule: rule)
        }
        guard parts.count == 6 else {
            throw InvalidValueError(
                .malformedARN, field: field, value: value,
                reason: "an ARN has six ':'-separated segments, this has \(parts.count)", rule: rule)
        }
        for index in [1, 2, 5] where parts[index].isEmpty {
            let name = index == 1 ? "partition" : index == 2 ? "service" : "resource"
            throw InvalidValueError(
                .malformedARN, field: field, value: value, reason: "the \(name) segment is empty", rule: rule)
        }
        self.init(
            partition: String(parts[1]), service: String(parts[2]), region: String(parts[3]),
            accountID: String(parts[4]), resource: String(parts[5]))
    }

    /// The resource type: the resource up to its first `:` or `/` (`function`, `event-bus`, `layer`), or the
    /// whole resource when it has neither (an SQS queue name, an S3 bucket name).
    public var resourceType: Substring {
        resource.prefix(while: { $0 != ":" && $0 != "/" })
    }

    /// The rendered ARN.
    public var description: String { "arn:\(partition):\(service):\(region):\(accountID):\(resource)" }

    /// Orders by the textual value.
    public static func < (lhs: ARN, rhs: ARN) -> Bool { lhs.description < rhs.description }
}

/// Splits at `:` by UTF-8 bytes (`:` is ASCII, so no grapheme breaking is needed), keeping empty segments.
func colonSegments(_ text: String, maxSplits: Int = .max) -> [Substring] {
    var segments: [Substring] = []
    segments.reserveCapacity(8)
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    while index != utf8.endIndex {
        if utf8[index] == UInt8(ascii: ":") && segments.count < maxSplits {
            segments.append(text[start..<index])
            start = utf8.index(after: index)
        }
        index = utf8.index(after: index)
    }
    segments.append(text[start...])
    return segments
}
