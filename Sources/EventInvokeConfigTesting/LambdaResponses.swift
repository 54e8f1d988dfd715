import EventInvokeConfigSigV4
import EventInvokeConfigTransport
import Foundation
import HTTPTypes

/// Responses shaped like Lambda's: `X-Amzn-ErrorType`, `x-amzn-RequestId`, `{"Type":"User","Message":…}`.
struct LambdaError: Error {
    var status: Int
    var type: String
    var message: String
    var retryAfter: Int?
    var reason: String?

    static func notFound(_ message: String) -> LambdaError {
        LambdaError(status: 404, type: "ResourceNotFoundException", message: message)
    }

    static func invalidParameter(_ message: String) -> LambdaError {
        LambdaError(status: 400, type: "InvalidParameterValueException", message: message)
    }

    static func validation(_ message: String) -> LambdaError {
        LambdaError(status: 400, type: "ValidationException", message: message)
    }

    static func forbidden(_ type: String, _ message: String) -> LambdaError {
        LambdaError(status: 403, type: type, message: message)
    }

    func response(requestID: String) -> TransportResponse {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.lambdaErrorType] = type
        fields[.amznRequestID] = requestID
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        var object: [String: String] = ["Type": status >= 500 ? "Service" : "User", "Message": message]
        if let reason { object["Reason"] = reason }
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return TransportResponse(head: HTTPResponse(status: .init(code: status), headerFields: fields), body: body)
    }
}

func successResponse(status: Int, body: Data, requestID: String) -> TransportResponse {
    var fields = HTTPFields()
    fields.reserveCapacity(2)
    if !body.isEmpty { fields.append(jsonContentType) }
    fields.append(HTTPField(name: .amznRequestID, value: requestID))
    // The heads of the two success statuses are built once; a response copies one and sets only its fields.
    var head = status == 200 ? okHead : status == 204 ? noContentHead : HTTPResponse(status: .init(code: status))
    head.headerFields = fields
    return TransportResponse(head: head, body: body)
}

let okHead = HTTPResponse(status: .ok)
let noContentHead = HTTPResponse(status: .noContent)

/// Validated once, copied into every JSON response.
let jsonContentType = HTTPField(name: .contentType, value: "application/json")

extension HTTPField.Name {
    // Built once: a name parsed from a string per response costs more than the rest of the head.
    static let lambdaErrorType = known("X-Amzn-ErrorType")
}
