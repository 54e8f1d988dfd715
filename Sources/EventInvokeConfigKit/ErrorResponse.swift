import EventInvokeConfigARN
import EventInvokeConfigTransport
import Foundation
import HTTPTypes

/// Turns an error response into an ``EventInvokeConfigError``, whatever its body looks like.
enum ErrorResponse {
    static func requestID(_ headers: HTTPFields) -> String? {
        headers.value(named: "x-amzn-requestid") ?? headers.value(named: "x-amz-request-id")
    }

    /// The wait the server asks for: `x-amz-retry-after` in whole milliseconds (the 2026 retry behaviour's header),
    /// else `Retry-After` in seconds (the form Lambda's 429 carries); a malformed or negative value, or an HTTP-date
    /// form, is ignored.
    static func retryAfter(_ headers: HTTPFields) -> Duration? {
        if let value = headers.value(named: "x-amz-retry-after") {
            guard let milliseconds = Int(ASCII.trimmed(value)), milliseconds >= 0 else { return nil }
            return .milliseconds(milliseconds)
        }
        guard let value = headers[.retryAfter], let seconds = Double(ASCII.trimmed(value)), seconds >= 0,
            seconds.isFinite
        else { return nil }
        return .seconds(clamping: seconds)
    }

    static func decode(
        _ response: TransportResponse, operation: String, destinations: [Destination]
    ) -> EventInvokeConfigError {
        let status = response.head.status.code
        if (300..<400).contains(status) { return redirect(response, operation: operation) }
        var errorType: String?
        if let header = response.head.headerFields.value(named: "x-amzn-errortype") {
            errorType = String(ASCII.trimmed(header.prefix { $0 != ":" }))
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
        let code = ErrorClassification.code(errorType: errorType, status: status)
        var finalMessage = message ?? "HTTP \(status) \(response.head.status.reasonPhrase) with no error message"
        if let throttleReason, code == .throttled { finalMessage += " (reason: \(throttleReason))" }
        var error = EventInvokeConfigError(
            code, operation: operation, message: finalMessage, errorType: errorType, statusCode: status,
            requestID: requestID(response.head.headerFields), retryAfter: retryAfter(response.head.headerFields))
        if error.isDestinationRefusal {
            error.iamHint = iamHint(message: finalMessage, destinations: destinations)
        }
        return error
    }

    /// A `3xx` answer: no transport follows it (AWS APIs answer directly, and the request's credentials would go
    /// with it), so it is an error naming the status and where it pointed; it is not retried.
    static func redirect(_ response: TransportResponse, operation: String) -> EventInvokeConfigError {
        let status = response.head.status.code
        let location = response.head.headerFields[.location]
        let target = location.map { URLParts($0)?.authority ?? $0 }.map { DisplayText.quoted($0, limit: 200) }
        return EventInvokeConfigError(
            .invalidResponse, operation: operation,
            message: "HTTP \(status) redirect to \(target ?? "no Location") was not followed: AWS APIs answer "
                + "directly, and a redirect would carry the request's credentials to another host",
            statusCode: status, requestID: requestID(response.head.headerFields))
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
