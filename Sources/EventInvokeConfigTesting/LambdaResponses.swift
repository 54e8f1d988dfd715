import EventInvokeConfigSigV4
import EventInvokeConfigTransport
import Foundation
import HTTPTypes

/// An error answer shaped as Lambda shapes it: the type in `X-Amzn-ErrorType`, and a body whose keys depend on the
/// type (Lambda is not uniform): `{"Type":"User","Message":…}` for `ResourceNotFoundException`,
/// `{"Type":"User","message":…}` for `InvalidParameterValueException` and most others, `{"message":…}` alone for a
/// `ValidationException` and the signature errors.
struct LambdaError: Error {
    /// Which keys the body carries.
    enum BodyStyle {
        /// `Type` and `Message`.
        case typeAndCapitalMessage
        /// `Type` and `message`.
        case typeAndMessage
        /// `message` only.
        case messageOnly
    }

    var status: Int
    var type: String
    var message: String
    var style: BodyStyle = .typeAndMessage
    var retryAfter: Int?
    var reason: String?

    static func notFound(_ message: String) -> LambdaError {
        LambdaError(status: 404, type: "ResourceNotFoundException", message: message, style: .typeAndCapitalMessage)
    }

    static func invalidParameter(_ message: String) -> LambdaError {
        LambdaError(status: 400, type: "InvalidParameterValueException", message: message)
    }

    static func validation(_ message: String) -> LambdaError {
        LambdaError(status: 400, type: "ValidationException", message: message, style: .messageOnly)
    }

    /// A request Lambda cannot read: a body that is not JSON of the operation's members, a malformed escape.
    static func invalidContent(_ message: String) -> LambdaError {
        LambdaError(status: 400, type: "InvalidRequestContentException", message: message)
    }

    static func forbidden(_ type: String, _ message: String) -> LambdaError {
        LambdaError(status: 403, type: type, message: message, style: .messageOnly)
    }

    /// An internal failure: 500 `ServiceException`, whose body carries `Message` as the service model spells it.
    static func service(_ message: String) -> LambdaError {
        LambdaError(status: 500, type: "ServiceException", message: message, style: .typeAndCapitalMessage)
    }

    /// A write whose `RevisionId` is not the resource's current one.
    static func preconditionFailed(_ message: String) -> LambdaError {
        LambdaError(status: 412, type: "PreconditionFailedException", message: message)
    }

    /// Lambda's answer over its request-rate quota: 429 `TooManyRequestsException`, `Rate exceeded`,
    /// `Reason: CallerRateLimitExceeded`, `Retry-After` in seconds.
    static func throttled(retryAfter seconds: Int) -> LambdaError {
        LambdaError(
            status: 429, type: "TooManyRequestsException", message: "Rate exceeded", retryAfter: seconds,
            reason: "CallerRateLimitExceeded")
    }

    static func conflict(_ message: String) -> LambdaError {
        LambdaError(status: 409, type: "ResourceConflictException", message: message)
    }

    func response(requestID: String) -> TransportResponse {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.lambdaErrorType] = type
        fields[.amznRequestID] = requestID
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        var object: [String: String] = [:]
        switch style {
        case .typeAndCapitalMessage:
            object = ["Type": status >= 500 ? "Service" : "User", "Message": message]
        case .typeAndMessage:
            object = ["Type": status >= 500 ? "Service" : "User", "message": message]
        case .messageOnly:
            object = ["message": message]
        }
        if let reason { object["Reason"] = reason }
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return TransportResponse(head: HTTPResponse(status: .init(code: status), headerFields: fields), body: body)
    }
}

/// A success answer: the body (JSON, or empty for 204) and Lambda's request id.
func successResponse(status: Int, body: Data, requestID: String) -> TransportResponse {
    var fields = HTTPFields()
    if !body.isEmpty { fields[.contentType] = "application/json" }
    fields[.amznRequestID] = requestID
    return TransportResponse(head: HTTPResponse(status: .init(code: status), headerFields: fields), body: body)
}

extension HTTPField.Name {
    static let lambdaErrorType = known("X-Amzn-ErrorType")
}
