/// The client's one table of what an error response means: for each AWS error type, the error code it maps to,
/// whether it is retried (and as what), and whether it may be a clock skew. The client's retry loop, its skew
/// correction, the IAM hint and the lifecycle's propagation wait all read their answers here.
enum ErrorClassification {
    /// Why an error may succeed on retry.
    enum Retry {
        /// "Slow down": a throttling error.
        case throttling
        /// "Try again": a transient failure of the service.
        case transient
    }

    /// How sure an error is to be caused by a wrong request time.
    enum Skew {
        /// The error says the request time was wrong.
        case definite
        /// A signature error, which a wrong request time can cause.
        case possible
    }

    struct Entry {
        /// The code; `nil` where the status decides (the type is known for its retry or skew meaning only).
        var code: EventInvokeConfigError.Code?
        var retry: Retry?
        var skew: Skew?

        init(_ code: EventInvokeConfigError.Code?, retry: Retry? = nil, skew: Skew? = nil) {
            self.code = code
            self.retry = retry
            self.skew = skew
        }
    }

    /// Every error type the client knows, as the AWS SDKs classify them.
    static let table: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ types: [String], _ entry: Entry) { for type in types { table[type] = entry } }
        add(
            ["InvalidParameterValueException", "ValidationException", "InvalidRequestContentException"],
            Entry(.invalidParameter))
        add(["ResourceNotFoundException"], Entry(.resourceNotFound))
        add(["ResourceConflictException", "ResourceInUseException"], Entry(.resourceConflict))
        add(
            [
                "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                "TooManyRequestsException", "ProvisionedThroughputExceededException",
                "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
                "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
                "EC2ThrottledException",
            ], Entry(.throttled, retry: .throttling))
        add(["AccessDeniedException", "AccessDenied", "MissingAuthenticationTokenException"], Entry(.accessDenied))
        add(["InvalidSignatureException", "SignatureDoesNotMatch"], Entry(.invalidSignature, skew: .possible))
        add(["AuthFailure", "InvalidSignature"], Entry(nil, skew: .possible))
        add(["IncompleteSignatureException"], Entry(.invalidSignature))
        add(
            ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"],
            Entry(.invalidSignature, skew: .definite))
        add(
            ["UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException"], Entry(.unrecognizedClient)
        )
        add(["ServiceException", "InternalFailure", "ServiceUnavailable"], Entry(.service))
        add(["InternalError"], Entry(.service, retry: .transient))
        add(["RequestTimeout", "RequestTimeoutException"], Entry(nil, retry: .transient))
        return table
    }()

    /// HTTP statuses retried whatever the error type.
    static let transientStatusCodes: Set<Int> = [500, 502, 503, 504]

    /// The code of an error response: by its type when the table knows it, else by its status.
    static func code(errorType: String?, status: Int) -> EventInvokeConfigError.Code {
        if let errorType, let code = table[errorType]?.code { return code }
        switch status {
        case 429: return .throttled
        case 404: return .resourceNotFound
        case 409: return .resourceConflict
        case 403: return .accessDenied
        case 500...599: return .service
        default: return .unknown
        }
    }

    /// Whether an error may succeed on retry: throttling and transient types, 429 and 500/502/503/504, and every
    /// failure to get a response (connection, timeout).
    static func isRetryable(_ error: EventInvokeConfigError) -> Bool {
        switch error.code {
        case .throttled, .transport, .timeout: return true
        default: break
        }
        if let type = error.errorType, table[type]?.retry != nil { return true }
        if let status = error.statusCode { return status == 429 || transientStatusCodes.contains(status) }
        return false
    }

    /// Whether the error type may come from a wrong request time.
    static func mayBeClockSkew(_ errorType: String?) -> Bool {
        errorType.flatMap { table[$0]?.skew } != nil
    }

    /// Whether Lambda refused a destination, or the execution role's permission on it: "The destination ARN … is
    /// invalid." or "… does not have permissions to call …" (the texts the Terraform provider waits on while IAM
    /// propagates).
    static func isDestinationRefusal(code: EventInvokeConfigError.Code, message: String) -> Bool {
        code == .invalidParameter
            && (message.contains("destination ARN") || message.contains("does not have permissions"))
    }
}

extension EventInvokeConfigError {
    /// Whether the client retries this error (throttling, transient service errors, connection failures and
    /// timeouts), as the AWS SDKs' retry modes classify it.
    public var isRetryable: Bool { ErrorClassification.isRetryable(self) }

    /// Whether Lambda refused a destination or the execution role's permission on one ("The destination ARN … is
    /// invalid.", "… does not have permissions …"): right after the role or the destination was created, IAM may
    /// not have propagated yet, and the same request succeeds a little later. ``iamHint`` names the permission.
    public var isDestinationRefusal: Bool {
        ErrorClassification.isDestinationRefusal(code: code, message: message)
    }
}
