import EventInvokeConfigKit
import Foundation
import HTTPTypes

/// A transport that sends nothing: it captures the signed request and stops the client with it.
struct DryRunTransport: HTTPTransport {
    /// The captured request, thrown out of the client.
    struct Captured: Error {
        let request: TransportRequest

        /// Method, URL, headers (session token redacted) and body as JSON.
        var json: String {
            var headers: [String: String] = [:]
            for field in request.head.headerFields {
                let name = field.name.canonicalName
                let value = name == "x-amz-security-token" ? "<redacted>" : field.value
                headers[name] = headers[name].map { $0 + ", " + value } ?? value
            }
            return JSONOutput.render([
                "operation": request.operation, "method": request.head.method.rawValue, "url": request.url,
                "headers": headers, "body": String(decoding: request.body, as: UTF8.self),
            ])
        }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        throw Captured(request: request)
    }
}
