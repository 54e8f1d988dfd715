public import EventInvokeConfigARN

/// Where Lambda sends the record of an asynchronous invocation: an SQS queue, an SNS topic, a Lambda function,
/// an EventBridge event bus, or (for failures only) an S3 bucket.
///
/// The ARN is checked when the destination is built with ``init(_:field:)``: its service must be one of the five,
/// its resource must have that service's shape, and the whole ARN is at most 350 characters. FIFO queues and topics
/// are refused: Lambda stores them, but it cannot deliver to them (the failures only show in the
/// `DestinationDeliveryFailures` metric), so sending one is a mistake this library stops before it is made. Kafka
/// URIs are refused because they are destinations of event source mappings.
///
/// What the service *returns* is read leniently (``init(received:)``): a config someone else created may hold a FIFO
/// queue, a `kafka://` URI or a service this library does not know. Such a destination keeps its text, has
/// ``unsupportedReason`` set, and is refused only if you try to send it back.
public struct Destination: Sendable, Hashable, CustomStringConvertible {
    /// The kind of resource a destination is.
    public enum Kind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// A standard SQS queue.
        case sqsQueue
        /// A standard SNS topic.
        case snsTopic
        /// A Lambda function, optionally qualified.
        case lambdaFunction
        /// An EventBridge event bus.
        case eventBus
        /// An S3 bucket; on-failure only.
        case s3Bucket

        /// The ARN service namespace.
        public var service: String {
            switch self {
            case .sqsQueue: "sqs"
            case .snsTopic: "sns"
            case .lambdaFunction: "lambda"
            case .eventBus: "events"
            case .s3Bucket: "s3"
            }
        }

        /// The IAM action the function's execution role needs to deliver records to this kind of destination.
        public var requiredIAMAction: String {
            switch self {
            case .sqsQueue: "sqs:SendMessage"
            case .snsTopic: "sns:Publish"
            case .lambdaFunction: "lambda:InvokeFunction"
            case .eventBus: "events:PutEvents"
            case .s3Bucket: "s3:PutObject"
            }
        }

        /// A short human name, e.g. `SQS queue`.
        public var description: String {
            switch self {
            case .sqsQueue: "SQS queue"
            case .snsTopic: "SNS topic"
            case .lambdaFunction: "Lambda function"
            case .eventBus: "EventBridge event bus"
            case .s3Bucket: "S3 bucket"
            }
        }

        init?(service: some StringProtocol) {
            guard let kind = Kind.allCases.first(where: { $0.service == service }) else { return nil }
            self = kind
        }
    }

    /// The destination's ARN; `nil` only for a received destination that is not an ARN (a `kafka://` URI).
    public let arn: ARN?
    /// What kind of resource it is; `nil` only for a received destination of no kind Lambda documents (another
    /// service, or not an ARN).
    public let kind: Kind?
    /// The ARN as given (parsing proved it equal to `arn.description`).
    private let text: String
    /// Why this library would refuse to send this destination; `nil` for every destination built by
    /// ``init(_:field:)``, set on received ones that break its rules (a FIFO queue, a Kafka URI, another service).
    public let unsupportedReason: InvalidValueError?

    /// Equal text, kind and ARN, and both supported or both not (the reasons' wording does not count).
    public static func == (lhs: Destination, rhs: Destination) -> Bool {
        lhs.text == rhs.text && lhs.kind == rhs.kind && lhs.arn == rhs.arn
            && (lhs.unsupportedReason == nil) == (rhs.unsupportedReason == nil)
    }

    /// Hashes the text and kind.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(kind)
    }

    /// The longest destination ARN the service accepts.
    public static let maximumLength = 350
    static let rule =
        "the ARN of a standard SQS queue, a standard SNS topic, a Lambda function, an EventBridge event bus, "
        + "or (on failure only) an S3 bucket; at most 350 characters"

    /// Parses and checks a destination ARN.
    ///
    /// - Parameters:
    ///   - text: the ARN.
    ///   - field: the field name used in error messages.
    /// - Throws: ``InvalidValueError`` with code `invalidDestination` (or `empty`/`tooLong`/`malformedARN`) that says
    ///   what the ARN is and what was expected.
    public init(_ text: some StringProtocol, field: String = "Destination") throws(InvalidValueError) {
        let value = String(text)
        func failure(
            _ reason: String, part: String? = nil, code: InvalidValueError.Code = .invalidDestination
        )
            -> InvalidValueError
        {
            InvalidValueError(
                code, field: field, value: value, offendingPart: part, reason: reason, rule: Destination.rule)
        }
        if value.isEmpty { throw failure("the destination is empty", code: .empty) }
        if value.utf8.count > Destination.maximumLength {
            throw failure("the destination is \(value.utf8.count) characters long", code: .tooLong)
        }
        if value.hasPrefix("kafka://") {
            throw failure(
                "Kafka topics are destinations of event source mappings, not of asynchronous invocation",
                part: "kafka://")
        }
        let arn: ARN
        do { arn = try ARN(value, field: field) } catch { throw error.forField(field) }
        let partition = try Partition(arn.partition, field: field)
        guard let kind = Kind(service: arn.service) else {
            throw failure(
                "this is an ARN of the \(InvalidValueError.quote(arn.service)) service, which cannot be an asynchronous invocation "
                    + "destination", part: arn.service)
        }
        if kind == .s3Bucket {
            guard arn.region.isEmpty, arn.accountID.isEmpty else {
                throw failure(
                    "an S3 bucket ARN has empty region and account segments (arn:aws:s3:::BUCKET)",
                    part: arn.region.isEmpty ? arn.accountID : arn.region)
            }
            try Destination.checkBucketName(arn.resource, failure: failure)
        } else {
            let region = try Region(arn.region, field: field)
            if let owner = region.partition, owner != partition {
                throw failure(
                    "region \(region.name) belongs to partition \(owner.name), not \(partition.name)",
                    part: region.name)
            }
            _ = try AccountID(arn.accountID, field: field)
        }
        switch kind {
        case .sqsQueue:
            try Destination.checkQueueOrTopic(arn.resource, what: "queue", limit: 80, failure: failure)
        case .snsTopic:
            try Destination.checkQueueOrTopic(arn.resource, what: "topic", limit: 256, failure: failure)
        case .lambdaFunction:
            _ = try FunctionReference(value, field: field)
        case .eventBus:
            let prefix = "event-bus/"
            guard arn.resource.hasPrefix(prefix) else {
                throw failure(
                    "an EventBridge destination must be an event bus (resource event-bus/NAME), not "
                        + InvalidValueError.quote(String(arn.resourceType)), part: arn.resource)
            }
            let bus = arn.resource.dropFirst(prefix.count)
            guard !bus.isEmpty, bus.utf8.count <= 256,
                bus.utf8.allSatisfy({ ASCII.isNameByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") })
            else {
                throw failure("the event bus name must be [A-Za-z0-9._/-], 1-256 characters", part: String(bus))
            }
        case .s3Bucket:
            break
        }
        self.init(arn: arn, kind: kind, text: value, unsupportedReason: nil)
    }

    /// Reads a destination the service returned, whatever it is: one that passes ``init(_:field:)`` is that
    /// destination; anything else keeps its text, its ARN and kind where they can be read, and the reason this
    /// library would not send it (``unsupportedReason``).
    ///
    /// - Parameters:
    ///   - text: the destination as received (not empty: an empty destination is an unset half).
    ///   - field: the field name used in ``unsupportedReason``.
    public init(received text: String, field: String = "Destination") {
        do {
            self = try Destination(text, field: field)
        } catch {
            let arn = try? ARN(text, field: field)
            self.init(
                arn: arn, kind: arn.flatMap { Kind(service: $0.service) }, text: text, unsupportedReason: error)
        }
    }

    /// This destination with ``unsupportedReason`` set (a received destination placed where it is not allowed).
    func unsupported(_ reason: InvalidValueError) -> Destination {
        Destination(arn: arn, kind: kind, text: text, unsupportedReason: reason)
    }

    private init(arn: ARN?, kind: Kind?, text: String, unsupportedReason: InvalidValueError?) {
        self.arn = arn
        self.kind = kind
        self.text = text
        self.unsupportedReason = unsupportedReason
    }

    /// For a Lambda function destination, the function it names.
    public var function: FunctionReference? {
        guard kind == .lambdaFunction else { return nil }
        return try? FunctionReference(text)
    }

    /// The destination ARN.
    public var description: String { text }

    private static func checkQueueOrTopic(
        _ name: String, what: String, limit: Int,
        failure: (String, String?, InvalidValueError.Code) -> InvalidValueError
    ) throws(InvalidValueError) {
        if name.hasSuffix(".fifo") {
            throw failure(
                "Lambda accepts a FIFO \(what) as a destination but cannot deliver to it (failures show only in the "
                    + "DestinationDeliveryFailures metric); use a standard \(what)", name, .invalidDestination)
        }
        guard !name.isEmpty, name.utf8.count <= limit, name.utf8.allSatisfy(ASCII.isNameByte) else {
            throw failure("the \(what) name must be [A-Za-z0-9_-], 1-\(limit) characters", name, .invalidDestination)
        }
    }

    private static func checkBucketName(
        _ name: String, failure: (String, String?, InvalidValueError.Code) -> InvalidValueError
    ) throws(InvalidValueError) {
        let bytes = name.utf8
        let edgeOK = { (byte: UInt8?) in byte.map { ASCII.isLowerLetter($0) || ASCII.isDigit($0) } ?? false }
        guard (3...63).contains(bytes.count), edgeOK(bytes.first), edgeOK(bytes.last),
            bytes.allSatisfy({
                ASCII.isLowerLetter($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
            })
        else {
            throw failure(
                "an S3 bucket name is 3-63 characters of [a-z0-9.-], starting and ending with a letter or digit",
                name, .invalidDestination)
        }
    }
}
