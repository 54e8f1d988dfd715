public import EventInvokeConfigTransport
import EventInvokeConfigURLSession

#if AsyncHTTPClientTransport
import AsyncHTTPClient
import EventInvokeConfigAsyncHTTPClient
#endif

/// The transports a test runs over: URLSession always, AsyncHTTPClient when the package trait is on.
public enum TransportKind: String, CaseIterable, Sendable {
    /// `URLSessionTransport`.
    case urlSession = "URLSession"
    #if AsyncHTTPClientTransport
    /// `AsyncHTTPClientTransport` on the shared `HTTPClient`.
    case asyncHTTPClient = "AsyncHTTPClient"
    #endif

    /// A new transport of this kind.
    public func make() -> any HTTPTransport {
        switch self {
        case .urlSession: URLSessionTransport()
        #if AsyncHTTPClientTransport
        case .asyncHTTPClient: AsyncHTTPClientTransport(client: .shared)
        #endif
        }
    }
}
