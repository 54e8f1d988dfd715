import EventInvokeConfigCore
public import EventInvokeConfigTransport
import Foundation
import HTTPTypes
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An ``HTTPTransport`` over Foundation's `URLSession` (libcurl on Linux). Needs no extra package.
///
/// Redirects are not followed: an AWS API answers directly, and a redirect would carry a signature to another host.
/// Every transport shares one ephemeral `URLSession` (no cookies, no cache) that lives as long as the process, so
/// making transports is cheap and none has a session to invalidate. The body is read as it arrives and the
/// transfer is cancelled as soon as it passes the request's ``TransportRequest/maximumResponseBytes``.
///
/// On Linux, FoundationNetworking cannot reach a host written as an IPv6 literal (`http://[::1]:8080`): it fails
/// every such request with `NSURLErrorBadURL` (swift-corelibs-foundation issue 5496, fixed after Swift 6.3). This
/// transport refuses those URLs up front with a ``TransportError`` that says so; use a host name, or
/// `AsyncHTTPClientTransport`, which reaches IPv6 literals.
public struct URLSessionTransport: HTTPTransport {
    /// Settings of the session.
    public struct Configuration: Sendable {
        /// The timeout used when a request sets none.
        public var defaultTimeout: Duration
        /// Creates a configuration.
        public init(defaultTimeout: Duration = .seconds(60)) { self.defaultTimeout = defaultTimeout }
    }

    /// The delegate of the shared session: it refuses redirects and collects each task's body.
    private static let transfers = Transfers()

    /// The session every transport uses.
    private static let session: URLSession = {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.urlCache = nil
        return URLSession(configuration: sessionConfiguration, delegate: transfers, delegateQueue: nil)
    }()

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
        #if !canImport(Darwin)
        if request.head.authority?.hasPrefix("[") == true {
            throw TransportError(
                .invalidRequest,
                "\(request.head.method) \(request.url): URLSession on Linux cannot reach an IPv6 literal host "
                    + "(swift-corelibs-foundation issue 5496); use a host name or AsyncHTTPClientTransport")
        }
        #endif
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.head.method.rawValue
        let timeout = request.timeout ?? configuration.defaultTimeout
        urlRequest.timeoutInterval = timeout.inSeconds
        for field in request.head.headerFields {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        if !request.body.isEmpty || request.head.method == .put || request.head.method == .post {
            urlRequest.httpBody = request.body
        }
        let task = Self.session.dataTask(with: urlRequest)
        let limit = request.maximumResponseBytes ?? TransportRequest.defaultMaximumResponseBytes
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    Self.transfers.start(task, limit: limit, continuation: continuation)
                }
            } onCancel: {
                Self.transfers.finish(task, with: CancellationError())
            }
        } catch let error as TransportError {
            throw TransportError(error.code, "\(request.head.method) \(request.url) \(error.message)")
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

/// The session's delegate: refuses redirects (a signed request never goes to another host) and collects each data
/// task's body up to its limit, resuming the task's caller when the task ends.
private final class Transfers: NSObject, URLSessionDataDelegate, Sendable {
    /// One running task: what it has received and who waits for it.
    private struct Transfer {
        var limit: Int
        var data = Data()
        var response: URLResponse?
        var continuation: CheckedContinuation<(Data, URLResponse), any Error>
    }

    private let running = Mutex<[Int: Transfer]>([:])

    /// Registers the transfer and resumes its task, unless the calling Swift task is already cancelled: then the
    /// data task is never resumed and the caller gets a `CancellationError` at once. The check is made under the
    /// lock ``finish(_:with:)`` takes, so a cancellation handler that ran before the transfer was registered (and
    /// so found nothing to end) cannot leave the caller waiting for ever.
    func start(
        _ task: URLSessionDataTask, limit: Int, continuation: CheckedContinuation<(Data, URLResponse), any Error>
    ) {
        let registered = running.withLock { transfers -> Bool in
            guard !Task.isCancelled else { return false }
            transfers[task.taskIdentifier] = Transfer(limit: limit, continuation: continuation)
            return true
        }
        guard registered else {
            task.cancel()
            continuation.resume(throwing: CancellationError())
            return
        }
        task.resume()
    }

    /// Ends a transfer now: its caller is resumed with `error` at once (not when, or if, the cancelled task
    /// reports its end), and the task is cancelled. Later callbacks of the task find nothing to do. A transfer
    /// not registered yet is left to ``start(_:limit:continuation:)``, which sees the cancellation.
    func finish(_ task: URLSessionTask, with error: any Error) {
        let transfer = running.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        transfer?.continuation.resume(throwing: error)
        task.cancel()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let limit = running.withLock { transfers -> Int? in
            transfers[dataTask.taskIdentifier]?.response = response
            return transfers[dataTask.taskIdentifier]?.limit
        }
        if let limit, response.expectedContentLength > Int64(limit) {
            completionHandler(.cancel)
            finish(
                dataTask,
                with: TransportError(
                    .responseTooLarge,
                    "answered with \(response.expectedContentLength) bytes, more than the limit of \(limit)"))
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = running.withLock { transfers -> Int? in
            guard var transfer = transfers[dataTask.taskIdentifier] else { return nil }
            guard transfer.data.count + data.count <= transfer.limit else { return transfer.limit }
            transfer.data.append(data)
            transfers[dataTask.taskIdentifier] = transfer
            return nil
        }
        if let limit = over {
            finish(
                dataTask, with: TransportError(.responseTooLarge, "answered with more than the limit of \(limit) bytes")
            )
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let transfer = running.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let error {
            transfer.continuation.resume(throwing: error)
        } else if let response = transfer.response ?? task.response {
            transfer.continuation.resume(returning: (transfer.data, response))
        } else {
            transfer.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
