import EventInvokeConfigARN
import EventInvokeConfigCredentials
public import Foundation
import Synchronization

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything it wrote to standard output.
    public var stdout: Data
    /// Everything it wrote to standard error.
    public var stderr: Data

    /// Standard output as UTF-8 text.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs helper processes for the tests (python3 scripts, the built `eic`), the one way all test targets do it.
///
/// Tests run in parallel, so children are started from several threads at once. Foundation's `Process` closes the
/// parent's descriptors in the child only up to the highest one open when it prepares the launch, so a pipe made
/// by another thread just then would leak into the child, and whoever reads that pipe to its end would wait for
/// the unrelated child too (for ever, if it is a server that outlives the test). So every launch here makes its
/// pipes and starts its process under one lock, with the pipe ends marked close-on-exec, and every wait is
/// bounded: a hung child fails its test instead of holding the run.
public enum ProcessRunner {
    /// A process that could not be started or ended with a non-zero status where one was required.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the process's standard error.
        public let description: String

        /// Creates a failure.
        public init(description: String) { self.description = description }
    }

    /// The pipes ``launch(_:stdin:stdout:stderr:)`` made.
    public struct Pipes {
        /// The child's standard input, when asked for.
        public var stdin: Pipe?
        /// The child's standard output, when asked for.
        public var stdout: Pipe?
        /// The child's standard error, when asked for.
        public var stderr: Pipe?
    }

    private static let launching = NSLock()

    /// Starts `process` with a pipe for each stream asked for (a stream not asked for keeps what the caller set),
    /// the pipes made and the process started under the launch lock.
    public static func launch(
        _ process: Process, stdin: Bool = false, stdout: Bool = false, stderr: Bool = false
    ) throws -> Pipes {
        try launching.withLock {
            let pipes = Pipes(
                stdin: stdin ? .closedOnExec() : nil, stdout: stdout ? .closedOnExec() : nil,
                stderr: stderr ? .closedOnExec() : nil)
            if let pipe = pipes.stdin { process.standardInput = pipe }
            if let pipe = pipes.stdout { process.standardOutput = pipe }
            if let pipe = pipes.stderr { process.standardError = pipe }
            try process.run()
            return pipes
        }
    }

    /// Waits for `process` to end, at most `timeout`; a process still running then is killed. Returns whether it
    /// ended by itself. (Polls `isRunning`: `waitUntilExit` never returns for a process started from a thread that
    /// has ended.)
    @discardableResult
    public static func wait(for process: Process, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(5_000) }
        guard process.isRunning else { return true }
        kill(process.processIdentifier, SIGKILL)
        let killed = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < killed { usleep(5_000) }
        return false
    }

    /// Runs `executable` with `arguments` to completion and captures both outputs, read on threads of their own
    /// so a large output cannot fill a pipe and block the child; with `standardOutput`, the child writes there
    /// instead and the result's `stdout` is empty. A child still running after `timeout` is killed (its status
    /// then shows the signal).
    ///
    /// - Throws: ``Failure`` when the child cannot start, or when its output is still open 10 s after it was
    ///   killed (a grandchild holding the pipe).
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
        standardOutput: FileHandle? = nil, timeout: Duration = .seconds(180)
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        if let standardOutput { process.standardOutput = standardOutput }
        let pipes = try launch(process, stdout: standardOutput == nil, stderr: true)
        let readers = PipeReaders([pipes.stdout?.fileHandleForReading, pipes.stderr?.fileHandleForReading])
        var ended = readers.wait(until: .now() + timeout.inSeconds)
        wait(for: process, timeout: ended ? timeout : .zero)
        if !ended { ended = readers.wait(until: .now() + 10) }
        guard ended else {
            throw Failure(
                description: "\(executable.lastPathComponent) \(arguments): its output is still open after it ended")
        }
        let data = readers.data
        return ProcessResult(status: process.terminationStatus, stdout: data[0], stderr: data[1])
    }

    /// ``run(_:_:environment:standardOutput:timeout:)`` on a thread of its own, so a long child (Terraform) never
    /// holds one of the few threads of Swift's cooperative pool that every other test needs.
    public static func runDetached(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
        timeout: Duration = .seconds(180)
    ) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try run(executable, arguments, environment: environment, timeout: timeout) })
            }
        }
    }

    /// Starts a server process (its standard error discarded) and returns it with the first line it prints on
    /// standard output, which names where it listens, and its standard input pipe when `stdin` is true (a server
    /// that exits when its input closes). The process is killed if it prints nothing within `timeout`.
    public static func startServer(
        _ process: Process, stdin: Bool = false, timeout: Duration = .seconds(60)
    ) throws -> (line: String, stdin: Pipe?) {
        process.standardError = FileHandle.nullDevice
        if !stdin { process.standardInput = FileHandle.nullDevice }
        let pipes = try launch(process, stdin: stdin, stdout: true)
        guard let output = pipes.stdout?.fileHandleForReading else { return ("", pipes.stdin) }
        let first = FirstLine()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var line = Data()
            while true {
                let byte = output.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { break }
                line.append(byte)
            }
            first.value.withLock { $0 = line }
            done.signal()
        }
        if done.wait(timeout: .now() + timeout.inSeconds) == .timedOut {
            wait(for: process, timeout: .zero)
            _ = done.wait(timeout: .now() + 10)
        }
        let line = String(decoding: first.value.withLock { $0 }, as: UTF8.self)
        if line.isEmpty { wait(for: process, timeout: .zero) }
        return (line, pipes.stdin)
    }

    /// Starts a server script of `Tests/Scripts` with `python3`: one that prints its port first, serves 127.0.0.1
    /// (or `::1`) and exits when its standard input closes. Returns the process, the port and that input.
    public static func startScript(
        _ script: String, _ arguments: [String] = []
    ) throws -> (
        process: Process, port: Int, stdin: Pipe
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", MotoServer.scriptsDirectory.appendingPathComponent(script).path] + arguments
        let (line, stdin) = try startServer(process, stdin: true)
        guard let port = Int(line), let stdin else {
            wait(for: process, timeout: .zero)
            throw Failure(description: "\(script) \(arguments) printed no port")
        }
        return (process, port, stdin)
    }

    /// An executable product of this package, built beside the running test binary (on Darwin the tests run
    /// inside an .xctest bundle, whose products directory is a few levels up).
    public static func builtProduct(_ name: String) -> URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS"
            || directory.lastPathComponent == "Contents"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent(name)
    }

    /// Runs `python3` (found on `PATH`) with `arguments`; a non-zero status throws ``Failure`` with its stderr.
    public static func python(_ arguments: [String]) throws -> Data {
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "python3 \(arguments.joined(separator: " ")) failed: \(result.stderrText)")
        }
        return result.stdout
    }
}

/// The first line a server printed, written by its reader thread.
private final class FirstLine: Sendable {
    let value = Mutex(Data())
}
