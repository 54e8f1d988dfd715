import EventInvokeConfigARN
import EventInvokeConfigKit
import Foundation
import Synchronization

extension Lifecycle {
    /// What applying a plan did, per target.
    public struct Report: Sendable {
        /// One target's outcome.
        public struct Result: Sendable {
            /// What happened.
            public enum Outcome: Sendable {
                /// Created, updated or deleted as planned, and confirmed by reading it back.
                case applied
                /// Nothing to do.
                case unchanged
                /// The change failed; the error says why.
                case failed(any Error & Sendable)
                /// Not attempted: the run was cancelled first.
                case notAttempted
            }

            /// The planned change.
            public var change: Plan.Change
            /// What happened.
            public var outcome: Outcome
            /// Calls made for the target, retries included.
            public var attempts: Int

            /// Whether the target failed.
            public var failed: Bool {
                if case .failed = outcome { return true }
                return false
            }
        }

        /// Every target's result, in plan order.
        public var results: [Result]

        /// Whether every change was applied (or had nothing to do).
        public var succeeded: Bool {
            results.allSatisfy {
                switch $0.outcome {
                case .applied, .unchanged: true
                default: false
                }
            }
        }

        /// How many targets were applied, failed and not attempted.
        public var counts: (applied: Int, failed: Int, notAttempted: Int) {
            var counts = (applied: 0, failed: 0, notAttempted: 0)
            for result in results {
                switch result.outcome {
                case .applied: counts.applied += 1
                case .failed: counts.failed += 1
                case .notAttempted: counts.notAttempted += 1
                case .unchanged: break
                }
            }
            return counts
        }
    }

    /// Carries out a plan: Put for create and update (its answer, the stored config, confirms the change), Delete
    /// for delete (a config already gone is done). A Put refused while IAM is still propagating a new destination or permission, and a 409
    /// conflict, are retried with backoff for ``Options/propagationWindow``; other errors fail that target only. One
    /// failure never stops the others; cancellation stops starting new changes and reports the rest as not
    /// attempted.
    public func apply(_ plan: Plan) async -> Report {
        let changes = plan.changes
        let total = changes.count
        let started = options.clock()
        let tally = Mutex((done: 0, failed: 0))
        let results = try? await forEach(changes) { change -> Report.Result in
            let result = await traced("EventInvokeConfig.apply", target: change.name) {
                await applyOne(change)
            }
            let (done, failed) = tally.withLock { tally in
                tally.done += 1
                if result.failed { tally.failed += 1 }
                return (tally.done, tally.failed)
            }
            let elapsed = max(options.clock().timeIntervalSince(started), 1e-9)
            let live = client as? LambdaEventInvokeConfigClient
            options.progress?(
                Progress(
                    done: done, total: total, failed: failed, rate: Double(done) / elapsed,
                    throttled: live?.throttledResponses ?? 0, sendRate: live?.rateLimiter?.sendRate))
            return result
        }
        return Report(
            results: results ?? changes.map { Report.Result(change: $0, outcome: .notAttempted, attempts: 0) })
    }

    func applyOne(_ change: Plan.Change) async -> Report.Result {
        if Task.isCancelled { return Report.Result(change: change, outcome: .notAttempted, attempts: 0) }
        var attempts = 0
        do {
            switch change.action {
            case .noOp:
                return Report.Result(change: change, outcome: .unchanged, attempts: 0)
            case .create, .update:
                guard let desired = change.desired else {
                    return Report.Result(change: change, outcome: .unchanged, attempts: 0)
                }
                // Put answers with the stored config: that answer is the read-back.
                var stored: EventInvokeConfig?
                try await retryingPropagation(attempts: &attempts) {
                    stored = try await client.put(desired, for: change.function).config
                }
                guard stored == desired else {
                    throw LifecycleError(
                        target: change.name, message: "the config Put answered with differs from the one sent")
                }
            case .delete:
                try await retryingPropagation(attempts: &attempts) {
                    do {
                        try await client.delete(change.function)
                    } catch let error as EventInvokeConfigError where error.code == .resourceNotFound {
                        // Already gone: what a delete wants.
                    }
                }
            }
            return Report.Result(change: change, outcome: .applied, attempts: attempts)
        } catch is CancellationError {
            return Report.Result(change: change, outcome: .notAttempted, attempts: attempts)
        } catch let error as EventInvokeConfigError {
            return Report.Result(change: change, outcome: .failed(error), attempts: attempts)
        } catch let error as LifecycleError {
            return Report.Result(change: change, outcome: .failed(error), attempts: attempts)
        } catch {
            return Report.Result(
                change: change, outcome: .failed(LifecycleError(target: change.name, message: "\(error)")),
                attempts: attempts)
        }
    }

    /// Runs a write, retrying while the error says IAM has not propagated yet or another update is in progress,
    /// until the propagation window has passed (1 s, 2 s, 4 s … capped at 10 s between tries).
    func retryingPropagation(attempts: inout Int, _ write: () async throws -> Void) async throws {
        let deadline = options.clock().addingTimeInterval(options.propagationWindow.inSeconds)
        try await retrying(
            backoff: Backoff(base: .seconds(1), cap: .seconds(10)),
            mayWait: { options.clock().addingTimeInterval($0.inSeconds) <= deadline }, sleep: options.sleep,
            shouldRetry: { outcome in
                guard case .failure(let error as EventInvokeConfigError) = outcome else { return false }
                return Self.isPropagating(error)
            }
        ) { _ in
            try Task.checkCancellation()
            try await pacer.acquire()
            attempts += 1
            try await write()
        }
    }

    /// IAM propagation ("The destination ARN … is invalid.", "… does not have permissions …", as the Terraform
    /// provider matches them) or a conflict with an update in progress.
    static func isPropagating(_ error: EventInvokeConfigError) -> Bool {
        error.code == .resourceConflict || error.isDestinationRefusal
    }
}

/// A lifecycle step that failed for a reason of its own (not an error of the service).
public struct LifecycleError: Error, Sendable, CustomStringConvertible {
    /// The target (entry name).
    public var target: String
    /// What went wrong.
    public var message: String

    /// `target: message`.
    public var description: String { "\(target): \(message)" }
}
