import EventInvokeConfigTransport

/// A failure the emulator injects into upcoming requests.
public struct Fault: Sendable {
    enum Kind: Sendable {
        case throttle(retryAfterSeconds: Int)
        case serviceError(status: Int)
        case conflict
        case dropConnection
    }

    let kind: Kind
    var remaining: Int
    let operation: String?

    /// Answer 429 `TooManyRequestsException` with `Retry-After`.
    public static func throttle(_ count: Int = 1, retryAfterSeconds: Int = 1, operation: String? = nil) -> Fault {
        Fault(kind: .throttle(retryAfterSeconds: retryAfterSeconds), remaining: count, operation: operation)
    }

    /// Answer a 5xx `ServiceException` (500 by default; 502, 503 and 504 also retryable).
    public static func serviceError(_ count: Int = 1, status: Int = 500, operation: String? = nil) -> Fault {
        Fault(kind: .serviceError(status: status), remaining: count, operation: operation)
    }

    /// Answer 409 `ResourceConflictException` with Lambda's text ("The operation cannot be performed at this time.
    /// An update is in progress for resource: ARN"), as Lambda does while another update is in progress. Only
    /// operations that can return it take it (Put, Update and Delete of a config, and the control-plane writes):
    /// a Get or List passes a queued conflict by and it waits for the next write.
    public static func conflict(_ count: Int = 1, operation: String? = nil) -> Fault {
        Fault(kind: .conflict, remaining: count, operation: operation)
    }

    /// Fail with `TransportError(.connectionFailed)`: the connection dropped before any response.
    public static func dropConnection(_ count: Int = 1, operation: String? = nil) -> Fault {
        Fault(kind: .dropConnection, remaining: count, operation: operation)
    }
}

extension InMemoryLambda {
    /// Queues faults for the next matching requests (each fault applies to `count` requests, in order).
    public func inject(_ faults: Fault...) {
        self.faults += faults
    }

    /// Delays every answer by `latency` (task cancellation ends the wait).
    public func setLatency(_ latency: Duration) {
        self.latency = latency
    }

    /// Takes the next fault that applies to `operation`, if any.
    func takeFault(for operation: Operation) -> Fault.Kind? {
        guard
            let index = faults.firstIndex(where: { fault in
                if case .conflict = fault.kind, !operation.canConflict { return false }
                return fault.operation == nil || fault.operation == operation.rawValue
            })
        else { return nil }
        let kind = faults[index].kind
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return kind
    }
}
