public import EventInvokeConfigTransport
import HTTPTypes
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A transport for tests: answers from a queue of scripted outcomes or from a handler, and records the requests
/// (the most recent ``defaultRequestLogLimit`` unless you choose another limit).
///
/// ```swift
/// let transport = ScriptedTransport([
///     .response(TransportResponse(status: .tooManyRequests, headers: [.retryAfter: "1"])),
///     .response(TransportResponse(status: .ok, body: json)),
/// ])
/// // … run the client …
/// #expect(transport.requests.count == 2)
/// ```
public final class ScriptedTransport: HTTPTransport {
    /// One scripted outcome.
    public enum Outcome: Sendable {
        /// Answer with this response.
        case response(TransportResponse)
        /// Fail with this error.
        case failure(TransportError)
    }

    private struct State {
        var queue: [Outcome]
        var requests: RequestLog<TransportRequest>
    }

    /// How many requests a transport remembers unless told otherwise (10,000): enough for any assertion, bounded
    /// so a long benchmark or suite does not keep every request alive.
    public static let defaultRequestLogLimit = RequestLog<TransportRequest>.defaultLimit

    private let state: Mutex<State>
    private let handler: (@Sendable (TransportRequest) async throws -> TransportResponse)?

    /// A transport that answers with `outcomes` in order, then fails with `connectionFailed` once they run out.
    ///
    /// - Parameter requestLogLimit: how many of the most recent requests ``requests`` keeps (at least 1).
    public init(_ outcomes: [Outcome], requestLogLimit: Int = ScriptedTransport.defaultRequestLogLimit) {
        self.state = Mutex(State(queue: outcomes, requests: RequestLog(limit: requestLogLimit)))
        self.handler = nil
    }

    /// A transport that answers every request with `handler`.
    ///
    /// - Parameter requestLogLimit: how many of the most recent requests ``requests`` keeps (at least 1).
    public init(
        requestLogLimit: Int = ScriptedTransport.defaultRequestLogLimit,
        handler: @escaping @Sendable (TransportRequest) async throws -> TransportResponse
    ) {
        self.state = Mutex(State(queue: [], requests: RequestLog(limit: requestLogLimit)))
        self.handler = handler
    }

    /// The requests sent since the start or the last ``removeAllRequests()``, oldest first: all of them, or the most
    /// recent `requestLogLimit` when more were sent (``requestCount`` still counts every one).
    public var requests: [TransportRequest] { state.withLock { $0.requests.entries } }

    /// How many requests were sent since the start or the last ``removeAllRequests()``, including those the log no
    /// longer keeps.
    public var requestCount: Int { state.withLock { $0.requests.totalCount } }

    /// Forgets the recorded requests; queued outcomes stay.
    public func removeAllRequests() { state.withLock { $0.requests.removeAll() } }

    /// Adds outcomes to the end of the queue.
    public func enqueue(_ outcomes: Outcome...) { state.withLock { $0.queue += outcomes } }

    /// Records the request and answers it.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let next: Outcome? = state.withLock { state in
            state.requests.append(request)
            return state.queue.isEmpty ? nil : state.queue.removeFirst()
        }
        switch next {
        case .response(let response)?: return response
        case .failure(let error)?: throw error
        case nil:
            guard let handler else {
                throw TransportError(
                    .connectionFailed, "ScriptedTransport has no outcome left for \(request.head.method) \(request.url)"
                )
            }
            return try await handler(request)
        }
    }
}
