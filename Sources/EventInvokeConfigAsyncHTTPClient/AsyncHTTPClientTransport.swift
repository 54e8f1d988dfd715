// Compiled only with the package trait `AsyncHTTPClientTransport` (on by default). Without it this module is empty
// and the package neither fetches nor builds AsyncHTTPClient or SwiftNIO.
#if AsyncHTTPClientTransport
public import AsyncHTTPClient
public import EventInvokeConfigTransport
import HTTPTypes
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An ``HTTPTransport`` over AsyncHTTPClient (SwiftNIO). Pass your application's `HTTPClient`; the transport does
/// not own it and never shuts it down.
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

    private let client: HTTPClient
    private let configuration: Configuration

    /// Creates a transport over `client` (by default the process-wide `HTTPClient.shared`).
    public init(client: HTTPClient = .shared, configuration: Configuration = Configuration()) {
        self.client = client
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
            let response = try await client.execute(outgoing, timeout: .init(timeout))
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
