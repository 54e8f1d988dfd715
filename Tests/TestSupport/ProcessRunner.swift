public import Foundation

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
public enum ProcessRunner {
    /// A process that could not be started or ended with a non-zero status where one was required.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the process's standard error.
        public let description: String

        /// Creates a failure.
        public init(description: String) { self.description = description }
    }

    /// Runs `executable` with `arguments` to completion and captures both outputs. Both pipes are drained before
    /// waiting, so a large output cannot fill a pipe and block the child. A child still running after `timeout` is
    /// killed (its status then shows the signal), so a hung child fails its test instead of holding one of the
    /// test process's threads for ever.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
        timeout: Duration = .seconds(180)
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (seconds, attoseconds) = timeout.components
        DispatchQueue.global().asyncAfter(
            deadline: .now() + Double(seconds) + Double(attoseconds) / 1e18
        ) { [process] in
            if process.isRunning { process.terminate() }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: outData, stderr: errData)
    }

    /// Starts a server process (its standard error discarded) and returns it with the first line it prints on
    /// standard output, which names where it listens; `stdin`, when given, becomes its standard input (a server
    /// that exits when its input closes). The process is terminated if it prints nothing.
    public static func startServer(
        _ process: Process, stdin: Pipe? = nil
    ) throws -> String {
        let output = Pipe()
        process.standardOutput = output
        if let stdin { process.standardInput = stdin }
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        if line.isEmpty { process.terminate() }
        return String(decoding: line, as: UTF8.self)
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
