public import Foundation

/// A moto server for integration tests: started on a free 127.0.0.1 port by `Tests/Scripts/moto_server.py`,
/// bootstrapped by `moto_setup.py` (role, function `demo-fn`, version 1, alias `live`), stopped by ``stop()``.
///
/// Tests that start one are enabled by ``Prerequisites/moto``.
public final class MotoServer: @unchecked Sendable {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts")

    /// `Tests/Scripts`, where the Python helpers the tests run live.
    public static var scriptsDirectory: URL { scripts }

    typealias Failure = ProcessRunner.Failure

    let process: Process
    let stdin: Pipe
    /// The port moto listens on, on 127.0.0.1.
    public let port: Int
    /// The ARN of `demo-fn`.
    public let functionARN: String
    /// `http://127.0.0.1:PORT`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, stdin: Pipe, port: Int, functionARN: String) {
        self.process = process
        self.stdin = stdin
        self.port = port
        self.functionARN = functionARN
    }

    /// Starts moto, waits until it answers, and creates the test function. The blocking process I/O runs on a
    /// thread of its own, so it never occupies the (two-thread) concurrency pool.
    public static func start() async throws -> MotoServer {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try startBlocking() })
            }
            thread.start()
        }
    }

    private static func startBlocking() throws -> MotoServer {
        guard Prerequisites.moto.isInstalled else {
            throw Failure(description: "python3 with moto[server] and boto3 is required")
        }
        let (process, port, input) = try ProcessRunner.startScript("moto_server.py")
        let setup: Data
        do {
            setup = try ProcessRunner.python([
                scripts.appendingPathComponent("moto_setup.py").path, "http://127.0.0.1:\(port)",
            ])
        } catch {
            process.terminate()
            throw Failure(description: "moto_setup.py failed: \(error)")
        }
        guard let object = try JSONSerialization.jsonObject(with: setup) as? [String: Any],
            let arn = object["functionArn"] as? String
        else {
            process.terminate()
            throw Failure(description: "moto_setup.py printed no function ARN")
        }
        return MotoServer(process: process, stdin: input, port: port, functionARN: arn)
    }

    /// Stops the server: closing its standard input makes it exit (see `moto_server.py`). `waitUntilExit` is not
    /// used because it never returns for a process launched from a thread that has ended.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
    }

    deinit { stop() }
}
