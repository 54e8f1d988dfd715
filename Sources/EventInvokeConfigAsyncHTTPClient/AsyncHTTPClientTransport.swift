// Compiled only with the package trait `AsyncHTTPClientTransport` (on by default). Without it this module is empty
// and the package neither fetches nor builds AsyncHTTPClient or SwiftNIO.
#if AsyncHTTPClientTransport
public import AsyncHTTPClient
public import EventInvokeConfigTransport
import HTTPTypes
public import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An ``HTTPTransport`` over AsyncHTTPClient (SwiftNIO), on your application's event loops.
///
/// **It never follows a redirect.** AsyncHTTPClient decides whether to follow redirects from the `HTTPClient`'s
/// configuration, which cannot be changed per request, and on a redirect to another host it removes only
/// `Authorization`, `Cookie`, `Origin` and `Proxy-Authorization`: a session token, an SSO bearer token or an
/// instance metadata token would go wherever a `3xx` points. So the transport sends through an `HTTPClient` of its
/// own whose redirect configuration is `.disallow`, on the event loop group of the client you pass (no new threads)
/// or with the `HTTPClient.Configuration` you give (proxy, TLS, timeouts: everything but redirects is yours). A
/// `3xx` answer comes back as it is, and the client reports it as an error naming the status and the `Location`.
///
/// Create one transport and share it: each owns one connection pool, shut down when the last copy is released.
/// The client you pass is never used to send and never shut down.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// Settings of the transport.
    public struct Configuration: Sendable {
        /// The timeout used when a request sets none.
        public var defaultTimeout: Duration
        /// Creates a configuration.
        public init(defaultTimeout: Duration = .seconds(60)) {
            self.defaultTimeout = defaultTimeout
        }
    }

    /// The transport's own client: redirects disallowed; shut down when the last transport holding it goes.
    private final class OwnedClient: Sendable {
        let client: HTTPClient

        init(eventLoopGroup: any EventLoopGroup, configuration: HTTPClient.Configuration) {
            var configuration = configuration
            configuration.redirectConfiguration = .disallow
            client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
        }

        deinit { _ = client.shutdown() }
    }

    private let owned: OwnedClient
    private let configuration: Configuration

    /// Creates a transport on the event loops of `client` (by default the process-wide `HTTPClient.shared`), with
    /// AsyncHTTPClient's default settings and redirects disallowed.
    public init(client: HTTPClient = .shared, configuration: Configuration = Configuration()) {
        self.init(
            eventLoopGroup: client.eventLoopGroup, clientConfiguration: HTTPClient.Configuration(),
            configuration: configuration)
    }

    /// Creates a transport with your AsyncHTTPClient settings (proxy, TLS, connection pool, timeouts) on
    /// `eventLoopGroup`; `clientConfiguration.redirectConfiguration` is replaced by `.disallow`.
    public init(
        eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup,
        clientConfiguration: HTTPClient.Configuration, configuration: Configuration = Configuration()
    ) {
        self.owned = OwnedClient(eventLoopGroup: eventLoopGroup, configuration: clientConfiguration)
        self.configuration = configuration
    }

    /// Sends the request with AsyncHTTPClient.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let url = request.url
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: request.head.method.rawValue)
        outgoing.headers.reserveCapacity(request.head.headerFields.count + 2)
        for field in request.head.headerFields {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        if !request.body.isEmpty {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let timeout = request.timeout ?? configuration.defaultTimeout
        // Only errors name the request; build the text then, not per request.
        var target: String { "\(request.head.method) \(request.url)" }
        do {
            let response = try await owned.client.execute(outgoing, timeout: .init(timeout))
            var fields = HTTPFields()
            fields.reserveCapacity(response.headers.count)
            for header in response.headers {
                guard let name = AsyncHTTPClientTransport.fieldName(header.name) else { continue }
                fields.append(HTTPField(name: name, value: header.value))
            }
            let limit = request.maximumResponseBytes ?? TransportRequest.defaultMaximumResponseBytes
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                throw TransportError(
                    .responseTooLarge, "\(target) answered with \(length) bytes, more than the limit of \(limit)")
            }
            let buffer: ByteBuffer
            do {
                buffer = try await response.body.collect(upTo: limit)
            } catch is NIOTooManyBytesError {
                throw TransportError(
                    .responseTooLarge, "\(target) answered with more than the limit of \(limit) bytes")
            }
            return TransportResponse(
                head: HTTPResponse(status: .init(code: Int(response.status.code)), headerFields: fields),
                body: AsyncHTTPClientTransport.data(buffer))
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                throw TransportError(.timeout, "\(target) timed out", underlying: error)
            case .cancelled:
                throw TransportError(.cancelled, "\(target) was cancelled", underlying: error)
            case .invalidURL, .emptyHost, .emptyScheme:
                throw TransportError(.invalidRequest, "\(target): \(error)", underlying: error)
            default:
                if Task.isCancelled { throw TransportError(.cancelled, "\(target) was cancelled", underlying: error) }
                throw TransportError(.connectionFailed, "\(target) failed: \(error)", underlying: error)
            }
        } catch let error as TransportError {
            throw error
        } catch is CancellationError {
            throw TransportError(.cancelled, "\(target) was cancelled")
        } catch {
            if Task.isCancelled { throw TransportError(.cancelled, "\(target) was cancelled") }
            throw TransportError(.connectionFailed, "\(target) failed: \(error)")
        }
    }
}

extension AsyncHTTPClientTransport {
    /// The readable bytes of `buffer`, copied once. `Data(buffer.readableBytesView)` would take Foundation's generic
    /// sequence initialiser, which starts with a dynamic cast of the view (a protocol conformance lookup per
    /// response).
    static func data(_ buffer: ByteBuffer) -> Data {
        buffer.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return Data() }
            return Data(bytes: base, count: bytes.count)
        }
    }

    /// The names Lambda always sends, spelled as it sends them, map to prebuilt names; anything else is parsed
    /// (and skipped when it is not a valid field name).
    static func fieldName(_ name: String) -> HTTPField.Name? {
        switch name {
        case "x-amzn-RequestId": .amznRequestID
        case "Content-Type", "content-type": .contentType
        case "Content-Length", "content-length": .contentLength
        case "Date", "date": .date
        case "Connection", "connection": .connection
        default: HTTPField.Name(name)
        }
    }
}

#endif
