import HTTPTypes
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A transport for tests: answers from a queue of scripted outcomes or from a handler, and records every request.
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
        var requests: [TransportRequest] = []
    }

    private let state: Mutex<State>
    private let handler: (@Sendable (TransportRequest) async throws -> TransportResponse)?

    /// A transport that answers with `outcomes` in order, then fails with `connectionFailed` once they run out.
    public init(_ outcomes: [Outcome]) {
        self.state = Mutex(State(queue: outcomes))
        self.handler = nil
    }

    /// A transport that answers every request with `handler`.
    public init(handler: @escaping @Sendable (TransportRequest) async throws -> TransportResponse) {
        self.state = Mutex(State(queue: []))
        self.handler = handler
    }

    /// Every request sent since the start or the last ``removeAllRequests()``, in order.
    public var requests: [TransportRequest] { state.withLock { $0.requests } }

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
