public import EventInvokeConfigARN

/// Where the records of successful and failed asynchronous invocations go.
///
/// At least one half is set in a configuration you build: an empty destination block cannot be built (in Terraform it causes a perpetual diff,
/// because the service stores nothing and the next plan sees the block again). An S3 bucket is accepted only as
/// the on-failure destination, as in the service.
public struct DestinationConfig: Sendable, Hashable {
    /// The destination for records of successful invocations.
    public let onSuccess: Destination?
    /// The destination for records of failed invocations.
    public let onFailure: Destination?

    /// Creates a destination configuration.
    ///
    /// - Throws: ``InvalidValueError`` with code `emptyDestinationConfig` when both are `nil`, or
    ///   `invalidDestination` for an S3 bucket on success.
    public init(onSuccess: Destination?, onFailure: Destination?) throws(InvalidValueError) {
        guard onSuccess != nil || onFailure != nil else { throw DestinationConfig.empty }
        if let onSuccess, onSuccess.kind == .s3Bucket { throw DestinationConfig.s3OnSuccess(onSuccess) }
        if let reason = onSuccess?.unsupportedReason ?? onFailure?.unsupportedReason { throw reason }
        self.onSuccess = onSuccess
        self.onFailure = onFailure
    }

    /// A destination configuration the service returned, kept as it is: no half needs to be set, and a destination
    /// in a half where this library would not send it (an S3 bucket on success) keeps its text with
    /// ``Destination/unsupportedReason`` set.
    public init(receivedOnSuccess onSuccess: Destination?, onFailure: Destination?) {
        if let onSuccess, onSuccess.unsupportedReason == nil, onSuccess.kind == .s3Bucket {
            self.onSuccess = onSuccess.unsupported(DestinationConfig.s3OnSuccess(onSuccess))
        } else {
            self.onSuccess = onSuccess
        }
        self.onFailure = onFailure
    }

    static let empty = InvalidValueError(
        .emptyDestinationConfig, field: "DestinationConfig", value: "{}",
        reason: "neither OnSuccess nor OnFailure is set",
        rule: "set at least one destination, or leave DestinationConfig out entirely")

    static func s3OnSuccess(_ destination: Destination) -> InvalidValueError {
        InvalidValueError(
            .invalidDestination, field: "DestinationConfig.OnSuccess.Destination", value: destination.description,
            reason: "S3 buckets can only receive records of failed invocations",
            rule: "OnSuccess may be an SQS queue, SNS topic, Lambda function or EventBridge event bus")
    }

    /// The reason this library would not send these destinations, if one of them is unsupported.
    public var unsupportedReason: InvalidValueError? {
        onSuccess?.unsupportedReason ?? onFailure?.unsupportedReason
    }

    /// Whether neither half is set (possible only for a received configuration).
    public var isEmpty: Bool { onSuccess == nil && onFailure == nil }

    /// Creates a destination configuration from ARNs.
    ///
    /// - Throws: ``InvalidValueError`` for a malformed or unsupported ARN (naming the half it was meant for), or as
    ///   ``init(onSuccess:onFailure:)-(Destination?,Destination?)``.
    public init(onSuccessARN: String? = nil, onFailureARN: String? = nil) throws(InvalidValueError) {
        try self.init(
            onSuccess: onSuccessARN.map { arn throws(InvalidValueError) in
                try Destination(arn, field: "DestinationConfig.OnSuccess.Destination")
            },
            onFailure: onFailureARN.map { arn throws(InvalidValueError) in
                try Destination(arn, field: "DestinationConfig.OnFailure.Destination")
            })
    }

    /// The set destinations with the API's name for their half (`OnSuccess`, `OnFailure`).
    public var destinations: [(half: String, destination: Destination)] {
        var result: [(String, Destination)] = []
        if let onSuccess { result.append(("OnSuccess", onSuccess)) }
        if let onFailure { result.append(("OnFailure", onFailure)) }
        return result
    }
}
