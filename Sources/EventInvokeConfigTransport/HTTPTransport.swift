public import EventInvokeConfigCore
public import HTTPTypes

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Sends one HTTP request and returns the response: the only thing the client needs from a network stack.
///
/// Conformers map their own failures to ``TransportError`` (connection refused, timeout, cancellation) and return
/// every HTTP response — including 4xx and 5xx — as a ``TransportResponse``; interpreting status codes is the
/// client's job. The method takes one struct, so fields can be added to ``TransportRequest`` without breaking any
/// conformer.
///
/// A conformer must end promptly when its task is cancelled, including a task cancelled before `send` is called:
/// the client's attempt timeout (``HTTPTransport/send(_:within:)``) works by cancelling the transfer and waiting for
/// it to end, so a transport that ignores cancellation holds its caller past the deadline. The URLSession and
/// AsyncHTTPClient transports are tested for it.
///
/// ## Writing a test transport
/// A transport is a `Sendable` value with one async method, so a closure-backed one is a few lines:
///
/// ```swift
/// struct CannedTransport: HTTPTransport {
///     func send(_ request: TransportRequest) async throws -> TransportResponse {
///         TransportResponse(head: HTTPResponse(status: .ok), body: Data(#"{"FunctionArn":…}"#.utf8))
///     }
/// }
/// ```
///
/// `ScriptedTransport` (in `EventInvokeConfigTesting`) ships ready-made: queued responses or a handler, and a log
/// of what was sent.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns the response, whatever its status.
    ///
    /// - Throws: ``TransportError`` when no response was received (or `CancellationError`).
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// One request to send.
public struct TransportRequest: Sendable {
    /// Method, scheme, authority, path (with query) and header fields, fully signed.
    public var head: HTTPRequest
    /// The body; empty for none.
    public var body: Data
    /// The longest the whole exchange may take; `nil` for the transport's default.
    public var timeout: Duration?
    /// The largest response body to read; a larger one fails with ``TransportError/Code/responseTooLarge`` and the
    /// rest is not read. `nil` for the transport's default.
    public var maximumResponseBytes: Int?
    /// The API operation, e.g. `GetFunctionEventInvokeConfig`, for logs, metrics and test assertions.
    public var operation: String

    /// Creates a request.
    public init(
        head: HTTPRequest, body: Data = Data(), timeout: Duration? = nil, maximumResponseBytes: Int? = nil,
        operation: String = ""
    ) {
        self.head = head
        self.body = body
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
        self.operation = operation
    }

    /// The response-body limit transports apply when a request sets none (4 MiB; Lambda's answers to these
    /// operations are a few kilobytes).
    public static let defaultMaximumResponseBytes = 4 << 20

    /// `scheme://authority/path?query`, as the transport should send it (the path is already percent-encoded).
    public var url: String {
        let scheme = head.scheme ?? "https"
        let authority = head.authority ?? ""
        let path = head.path ?? "/"
        var url = ""
        url.reserveCapacity(scheme.utf8.count + 3 + authority.utf8.count + path.utf8.count)
        url += scheme
        url += "://"
        url += authority
        url += path
        return url
    }
}

/// One response received.
public struct TransportResponse: Sendable {
    /// Status and header fields.
    public var head: HTTPResponse
    /// The body; empty for none.
    public var body: Data

    /// Creates a response.
    public init(head: HTTPResponse, body: Data = Data()) {
        self.head = head
        self.body = body
    }

    /// A response with a status, optional headers and a body.
    public init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: String = "") {
        self.init(head: HTTPResponse(status: status, headerFields: headers), body: Data(body.utf8))
    }
}

extension TransportRequest: RedactedDescription {
    /// The operation, method, URL and header fields, with credential-bearing fields (`Authorization`,
    /// `X-Amz-Security-Token`, the SSO and instance metadata tokens) redacted; the body's size only.
    public var description: String {
        let fields = head.headerFields.map { field in
            "\(field.name): \(Redaction.isSecretHeader(field.name.rawName) ? Redaction.placeholder : field.value)"
        }
        return "TransportRequest(\(operation): \(head.method) \(url), [\(fields.joined(separator: ", "))], "
            + "body: \(body.count) bytes)"
    }

}
