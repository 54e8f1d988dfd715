/// The error every client operation throws (besides `CancellationError`).
///
/// ``code`` says what kind of failure it was; the other fields carry what the service said: its error type
/// (`ResourceNotFoundException`), message, HTTP status, request ID and `Retry-After`. Validation failures before
/// anything was sent have code ``Code/validation`` and carry the ``InvalidValueError``.
public struct EventInvokeConfigError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure. Extensible: new codes may be added in minor releases.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The input was invalid and nothing was sent (see ``EventInvokeConfigError/invalidValue``).
        public static let validation = Code("validation")
        /// 400 `InvalidParameterValueException`: the service rejected a value (often a destination).
        public static let invalidParameter = Code("invalidParameter")
        /// 404 `ResourceNotFoundException`: no such function, version, alias or config.
        public static let resourceNotFound = Code("resourceNotFound")
        /// 409 `ResourceConflictException`: a concurrent change is in progress.
        public static let resourceConflict = Code("resourceConflict")
        /// 429 or a throttling error type: too many requests (see ``EventInvokeConfigError/retryAfter``).
        public static let throttled = Code("throttled")
        /// 403 `AccessDeniedException`: the caller may not perform the operation.
        public static let accessDenied = Code("accessDenied")
        /// 403 `InvalidSignatureException` and friends: the signature, date or scope was rejected.
        public static let invalidSignature = Code("invalidSignature")
        /// 403 `UnrecognizedClientException`: the access key is unknown.
        public static let unrecognizedClient = Code("unrecognizedClient")
        /// 5xx `ServiceException`: the service failed.
        public static let service = Code("service")
        /// No response: the connection failed (see ``EventInvokeConfigError/underlying``).
        public static let transport = Code("transport")
        /// No response within the timeout.
        public static let timeout = Code("timeout")
        /// A response that cannot be understood (malformed JSON, out-of-range values).
        public static let invalidResponse = Code("invalidResponse")
        /// No credentials could be obtained.
        public static let credentials = Code("credentials")
        /// An error response of a type this library does not know.
        public static let unknown = Code("unknown")

        /// The stable name, safe as a metric label.
        public var description: String { name }
    }

    /// What kind of failure.
    public var code: Code
    /// The API operation, e.g. `PutFunctionEventInvokeConfig`.
    public var operation: String
    /// The service's error type without namespace, e.g. `ResourceNotFoundException`.
    public var errorType: String?
    /// The service's message, or ours.
    public var message: String
    /// The HTTP status, when a response arrived.
    public var statusCode: Int?
    /// The `x-amzn-RequestId` of the response, for AWS support.
    public var requestID: String?
    /// How long the service asked us to wait (`Retry-After`).
    public var retryAfter: Duration?
    /// For "The destination ARN … is invalid": the IAM permission the function's execution role probably lacks.
    public var iamHint: String?
    /// The validation failure, for code ``Code/validation``.
    public var invalidValue: InvalidValueError?
    /// The lower-level error (transport, decoding, credentials).
    public var underlying: (any Error & Sendable)?
    /// How many attempts were made.
    public var attempts: Int

    /// Creates an error.
    public init(
        _ code: Code, operation: String, message: String, errorType: String? = nil, statusCode: Int? = nil,
        requestID: String? = nil, retryAfter: Duration? = nil, iamHint: String? = nil,
        invalidValue: InvalidValueError? = nil, underlying: (any Error & Sendable)? = nil, attempts: Int = 0
    ) {
        self.code = code
        self.operation = operation
        self.errorType = errorType
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
        self.retryAfter = retryAfter
        self.iamHint = iamHint
        self.invalidValue = invalidValue
        self.underlying = underlying
        self.attempts = attempts
    }

    /// One line: operation, error type or code, message, status, request ID and hint.
    public var description: String {
        var text = "\(operation): \(errorType ?? code.description): \(message)"
        var details: [String] = []
        if let statusCode { details.append("HTTP \(statusCode)") }
        if let requestID { details.append("request id \(requestID)") }
        if let retryAfter { details.append("retry after \(retryAfter)") }
        if attempts > 1 { details.append("\(attempts) attempts") }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        if let iamHint { text += "; hint: \(iamHint)" }
        return text
    }
}
