import EventInvokeConfigARN
import EventInvokeConfigTransport
import Foundation
import HTTPTypes

/// Turns an error response into an ``EventInvokeConfigError``, whatever its body looks like.
enum ErrorResponse {
    static func requestID(_ headers: HTTPFields) -> String? {
        headers.value(named: "x-amzn-requestid") ?? headers.value(named: "x-amz-request-id")
    }

    /// Parses `Retry-After` given in seconds (the form Lambda uses); an HTTP-date form is ignored.
    static func retryAfter(_ headers: HTTPFields) -> Duration? {
        guard let value = headers[.retryAfter]?.trimmingSpaces, let seconds = Double(value), seconds >= 0,
            seconds.isFinite
        else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    static func decode(
        _ response: TransportResponse, operation: String, destinations: [Destination]
    ) -> EventInvokeConfigError {
        let status = response.head.status.code
        var errorType: String?
        if let header = response.head.headerFields.value(named: "x-amzn-errortype") {
            errorType = String(header.prefix { $0 != ":" }).trimmingSpaces
        }
        var message: String?
        var throttleReason: String?
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            if errorType == nil || errorType?.isEmpty == true {
                let raw = (object["__type"] ?? object["code"] ?? object["Code"]) as? String
                errorType = raw.map { String($0.split(separator: "#").last ?? Substring($0)) }
                    .map { String($0.prefix { $0 != ":" }) }
            }
            message = (object["message"] ?? object["Message"] ?? object["errorMessage"]) as? String
            throttleReason = object["Reason"] as? String
        } else if !response.body.isEmpty {
            message = "non-JSON error body: " + String(decoding: response.body.prefix(512), as: UTF8.self)
        }
        // Everything that came from the network is made safe to print once, here: a message, type or reason with
        // escape sequences (colour, window title, screen clear, bell, newlines) never reaches a terminal or a log.
        message = message.map { DisplayText.escaped($0, limit: 2048) }
        errorType = errorType.map { DisplayText.escaped($0, limit: 128) }
        throttleReason = throttleReason.map { DisplayText.escaped($0, limit: 128) }
        if errorType?.isEmpty == true { errorType = nil }
        let code = classify(errorType: errorType, status: status)
        var finalMessage = message ?? "HTTP \(status) \(response.head.status.reasonPhrase) with no error message"
        if let throttleReason, code == .throttled { finalMessage += " (reason: \(throttleReason))" }
        var error = EventInvokeConfigError(
            code, operation: operation, message: finalMessage, errorType: errorType, statusCode: status,
            requestID: requestID(response.head.headerFields), retryAfter: retryAfter(response.head.headerFields))
        if code == .invalidParameter,
            (finalMessage.contains("destination") && finalMessage.contains("invalid"))
                || finalMessage.contains("does not have permissions")
        {
            error.iamHint = iamHint(message: finalMessage, destinations: destinations)
        }
        return error
    }

    static func classify(errorType: String?, status: Int) -> EventInvokeConfigError.Code {
        switch errorType {
        case "InvalidParameterValueException", "ValidationException", "InvalidRequestContentException":
            return .invalidParameter
        case "ResourceNotFoundException": return .resourceNotFound
        case "ResourceConflictException", "ResourceInUseException": return .resourceConflict
        case let type? where RetryPolicy.throttlingErrorTypes.contains(type): return .throttled
        case "AccessDeniedException", "AccessDenied", "MissingAuthenticationTokenException": return .accessDenied
        case "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignatureException",
            "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture":
            return .invalidSignature
        case "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException":
            return .unrecognizedClient
        case "ServiceException", "InternalError", "InternalFailure", "ServiceUnavailable": return .service
        default:
            switch status {
            case 429: return .throttled
            case 404: return .resourceNotFound
            case 409: return .resourceConflict
            case 403: return .accessDenied
            case 500...599: return .service
            default: return .unknown
            }
        }
    }

    /// Names the IAM action the execution role needs for the destination the message (or the request) names.
    static func iamHint(message: String, destinations: [Destination]) -> String? {
        let mentioned = message.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "'" || $0 == "\"" })
            .first { $0.hasPrefix("arn:") }
            .flatMap { try? Destination(String($0.hasSuffix(".") ? $0.dropLast() : $0)) }
        guard let destination = mentioned ?? (destinations.count == 1 ? destinations.first : nil),
            let kind = destination.kind
        else {
            let actions = destinations.compactMap(\.kind?.requiredIAMAction)
            guard !actions.isEmpty else { return nil }
            return "the function's execution role probably lacks one of " + actions.joined(separator: ", ")
                + " on its destinations, or a destination does not exist"
        }
        return "the function's execution role probably lacks \(kind.requiredIAMAction) on "
            + "\(destination), or that \(kind) does not exist"
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }

}
