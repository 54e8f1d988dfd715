import EventInvokeConfigKit
import Foundation

/// A transport that sends nothing: it captures the signed request and stops the client with it.
struct DryRunTransport: HTTPTransport {
    /// The captured request, thrown out of the client.
    struct Captured: Error {
        let request: TransportRequest

        /// Method, URL, headers (session token redacted) and body as JSON.
        var json: String {
            let headers = request.head.headerFields.map { field -> String in
                let value = field.name.canonicalName == "x-amz-security-token" ? "<redacted>" : field.value
                return "        \(JSONText.string(field.name.canonicalName)): \(JSONText.string(value))"
            }
            let body = String(decoding: request.body, as: UTF8.self)
            return """
                {
                    "operation": \(JSONText.string(request.operation)),
                    "method": \(JSONText.string(request.head.method.rawValue)),
                    "url": \(JSONText.string(request.url)),
                    "headers": {
                \(headers.joined(separator: ",\n"))
                    },
                    "body": \(JSONText.string(body))
                }
                """
        }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        throw Captured(request: request)
    }
}
