public import Foundation

/// A running `eic-local` (the executable built beside the test bundle) on a free 127.0.0.1 port, stopped with
/// SIGINT by ``stop()``, which returns its exit status.
public final class LocalLambdaServer: @unchecked Sendable {
    let process: Process
    /// The port it listens on.
    public let port: Int
    /// `http://127.0.0.1:PORT`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// The built `eic-local` beside the running test binary.
    public static var executable: URL { ProcessRunner.builtProduct("eic-local") }

    /// Starts `eic-local --port 0` with these extra arguments and waits for the line that names its port.
    public static func start(
        _ arguments: [String] = [], environment: [String: String]? = nil
    ) throws
        -> LocalLambdaServer
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--port", "0"] + arguments
        if let environment { process.environment = environment }
        let text = try ProcessRunner.startServer(process).line
        guard let port = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            ProcessRunner.wait(for: process, timeout: .zero)
            throw ProcessRunner.Failure(description: "eic-local printed no port: \(text)")
        }
        return LocalLambdaServer(process: process, port: port)
    }

    /// Sends SIGINT (Ctrl-C) and waits for the process to end; returns its exit status, or -1 when it was still
    /// running 30 s later and had to be killed.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.interrupt() }
        guard ProcessRunner.wait(for: process, timeout: .seconds(30)) else { return -1 }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
