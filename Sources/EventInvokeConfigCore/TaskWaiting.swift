import Synchronization

/// Waits for `task`'s value, for at most `limit` (no limit when `nil`), in a way the waiting task can leave: when
/// the waiter is cancelled it throws `CancellationError` at once, and when the limit passes it returns `nil` at once,
/// while `task` itself runs on (others may be waiting for it; cancel it yourself if nobody else is).
///
/// A task group cannot do this: it returns only once every child has ended, and a child that ignores cancellation
/// (a blocking read, a process) would hold the caller past its deadline.
package func value<Output: Sendable>(
    of task: Task<Output, any Error>, within limit: Duration? = nil
) async throws -> Output? {
    let waiter = Waiter<Output>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Output?, any Error>) in
            waiter.install(continuation)
            Task { waiter.finish(with: await task.result.map { Optional($0) }) }
            if let limit {
                waiter.timer = Task {
                    try await Task.sleep(for: limit)
                    waiter.finish(with: .success(nil))
                }
            }
        }
    } onCancel: {
        waiter.finish(with: .failure(CancellationError()))
    }
}

/// The one continuation of ``value(of:within:)`` and the first outcome to arrive for it.
private final class Waiter<Output: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Output?, any Error>?
        var outcome: Result<Output?, any Error>?
        var timer: Task<Void, any Error>?
    }

    private let state = Mutex(State())

    /// The timer of the limit, cancelled once an outcome arrives.
    var timer: Task<Void, any Error>? {
        get { state.withLock { $0.timer } }
        set {
            let finished = state.withLock { state in
                state.timer = newValue
                return state.outcome != nil
            }
            if finished { newValue?.cancel() }
        }
    }

    /// Keeps the continuation, or resumes it at once when an outcome (a cancellation) came first.
    func install(_ continuation: CheckedContinuation<Output?, any Error>) {
        let early = state.withLock { state -> Result<Output?, any Error>? in
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// The first outcome wins; later ones are dropped.
    func finish(with outcome: Result<Output?, any Error>) {
        let (continuation, timer) = state.withLock {
            state -> (CheckedContinuation<Output?, any Error>?, Task<Void, any Error>?) in
            guard state.outcome == nil else { return (nil, nil) }
            state.outcome = outcome
            defer { state.continuation = nil }
            return (state.continuation, state.timer)
        }
        timer?.cancel()
        continuation?.resume(with: outcome)
    }
}
