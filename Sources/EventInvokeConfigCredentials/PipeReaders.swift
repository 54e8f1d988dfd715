package import Foundation

extension Pipe {
    /// A pipe whose two ends are closed in any program the process executes (a child gets its copy of an end
    /// through `Process`'s dup2, which is not close-on-exec), so a process started meanwhile elsewhere in the
    /// application cannot inherit it and hold it open.
    package static func closedOnExec() -> Pipe {
        let pipe = Pipe()
        for handle in [pipe.fileHandleForReading, pipe.fileHandleForWriting] {
            _ = fcntl(handle.fileDescriptor, F_SETFD, FD_CLOEXEC)
        }
        return pipe
    }
}

/// Reads a child's pipes to their ends, each on a thread of its own (so a child that fills one pipe is never
/// blocked while another is read), and lets the caller wait for them with a deadline. Used by
/// `credential_process` and by the tests' process runner.
package final class PipeReaders: @unchecked Sendable {
    private let lock = NSLock()
    private var contents: [Data]
    private var ended = 0
    private let endings = DispatchSemaphore(value: 0)

    /// Starts one reader thread for each handle; a `nil` handle (a stream not piped) counts as read, and empty.
    package init(_ handles: [FileHandle?]) {
        contents = Array(repeating: Data(), count: handles.count)
        ended = handles.count { $0 == nil }
        for (index, handle) in handles.enumerated() {
            guard let handle else { continue }
            Thread.detachNewThread { [self] in
                let data = handle.readDataToEndOfFile()
                lock.withLock {
                    contents[index] = data
                    ended += 1
                }
                endings.signal()
            }
        }
    }

    /// Waits until every pipe has reached its end, or `deadline` passes; returns whether all have.
    package func wait(until deadline: DispatchTime) -> Bool {
        while lock.withLock({ ended < contents.count }) {
            guard endings.wait(timeout: deadline) == .success else { return lock.withLock { ended == contents.count } }
        }
        return true
    }

    /// What each pipe held, in the order of the handles; empty for a pipe that has not reached its end.
    package var data: [Data] { lock.withLock { contents } }
}
