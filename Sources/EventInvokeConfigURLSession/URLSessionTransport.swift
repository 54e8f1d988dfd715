public import EventInvokeConfigTransport
import Foundation
import HTTPTypes

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An ``HTTPTransport`` over Foundation's `URLSession` (libcurl on Linux). Needs no extra package.
///
/// Redirects are not followed: an AWS API answers directly, and a redirect would carry a signature to another host.
/// Every transport shares one ephemeral `URLSession` (no cookies, no cache) that lives as long as the process, so
/// making transports is cheap and none has a session to invalidate.
public struct URLSessionTransport: HTTPTransport {
    /// Settings of the session.
    public struct Configuration: Sendable {
        /// The timeout used when a request sets none.
        public var defaultTimeout: Duration
        /// Creates a configuration.
        public init(defaultTimeout: Duration = .seconds(60)) { self.defaultTimeout = defaultTimeout }
    }

    /// The session every transport uses.
    private static let session: URLSession = {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.urlCache = nil
        return URLSession(configuration: sessionConfiguration, delegate: NoRedirects(), delegateQueue: nil)
    }()

    private var session: URLSession { Self.session }
    private let configuration: Configuration

    /// Creates a transport on the shared session.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Sends the request with `URLSession`.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: request.url) else {
            throw TransportError(.invalidRequest, "cannot form a URL from \(request.url)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.head.method.rawValue
        let timeout = request.timeout ?? configuration.defaultTimeout
        let (seconds, attoseconds) = timeout.components
        urlRequest.timeoutInterval = Double(seconds) + Double(attoseconds) / 1e18
        for field in request.head.headerFields {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        if !request.body.isEmpty || request.head.method == .put || request.head.method == .post {
            urlRequest.httpBody = request.body
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            throw Self.map(error, request: request)
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(.invalidResponse, "\(request.url) answered with a non-HTTP response")
        }
        var fields = HTTPFields()
        for (key, value) in http.allHeaderFields {
            guard let key = key as? String, let name = HTTPField.Name(key), let value = value as? String else {
                continue
            }
            fields.append(HTTPField(name: name, value: value))
        }
        return TransportResponse(
            head: HTTPResponse(status: .init(code: http.statusCode), headerFields: fields), body: data)
    }

    static func map(_ error: any Error, request: TransportRequest) -> any Error {
        if error is CancellationError || Task.isCancelled {
            return TransportError(.cancelled, "\(request.head.method) \(request.url) was cancelled")
        }
        let target = "\(request.head.method) \(request.url)"
        guard let urlError = error as? URLError else {
            return TransportError(.connectionFailed, "\(target) failed: \(error)")
        }
        switch urlError.code {
        case .timedOut:
            return TransportError(.timeout, "\(target) timed out", underlying: urlError)
        case .cancelled:
            return TransportError(.cancelled, "\(target) was cancelled", underlying: urlError)
        case .badURL, .unsupportedURL:
            return TransportError(.invalidRequest, "\(target): \(urlError.localizedDescription)", underlying: urlError)
        case .badServerResponse, .cannotParseResponse:
            return TransportError(.invalidResponse, "\(target): \(urlError.localizedDescription)", underlying: urlError)
        default:
            return TransportError(
                .connectionFailed, "\(target) failed: \(urlError.localizedDescription)", underlying: urlError)
        }
    }
}

/// Refuses redirects so a signed request never goes to another host.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
