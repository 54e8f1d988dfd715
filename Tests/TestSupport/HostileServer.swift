public import Foundation

/// `Tests/Scripts/hostile_server.py` in one of its modes (a server that misbehaves on purpose), or another server
/// script there, on a free loopback port, stopped by ``stop()`` (or when the test process ends: it exits when its
/// standard input closes).
public final class HostileServer: @unchecked Sendable {
    let process: Process
    let stdin: Pipe
    /// The port.
    public let port: Int
    /// `http://127.0.0.1:PORT`, or `http://[::1]:PORT` for an IPv6 server.
    public let endpoint: String

    private init(process: Process, stdin: Pipe, port: Int, endpoint: String) {
        self.process = process
        self.stdin = stdin
        self.port = port
        self.endpoint = endpoint
    }

    /// Starts the server in `mode` (see the script) and waits for its port.
    public static func start(_ mode: String, ipv6: Bool = false) throws -> HostileServer {
        try start(script: "hostile_server.py", [mode] + (ipv6 ? ["--ipv6"] : []), ipv6: ipv6)
    }

    /// Starts another server script of `Tests/Scripts` that prints its port first and serves 127.0.0.1 (or
    /// `::1`) until its standard input closes, e.g. `credentials_server.py`.
    public static func start(script: String, _ arguments: [String] = [], ipv6: Bool = false) throws -> HostileServer {
        let (process, port, input) = try ProcessRunner.startScript(script, arguments)
        return HostileServer(
            process: process, stdin: input, port: port,
            endpoint: ipv6 ? "http://[::1]:\(port)" : "http://127.0.0.1:\(port)")
    }

    /// How many requests the server received (asked over a connection of its own).
    public func requestCount() throws -> Int {
        let output = try control("/__count")
        return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The body of a request to one of the script's control paths (`/__count`, `/__log`, `/__fail?count=N`),
    /// sent by Python's urllib over a connection of its own, so the client under test is not involved.
    public func control(_ path: String, method: String = "GET") throws -> Data {
        try ProcessRunner.python([
            "-c",
            "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen(urllib.request.Request(sys.argv[1], "
                + "method=sys.argv[2]), timeout=10).read().decode())",
            endpoint + path, method,
        ])
    }

    /// A loopback port nothing listens on (bound and released at once).
    public static func freeLoopbackPort() -> Int {
        let output = try? ProcessRunner.python([
            "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        return Int(String(decoding: output ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            ?? 9
    }

    /// Stops the server (closing its input, then SIGTERM) and waits for it, at most 10 s before killing it.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        ProcessRunner.wait(for: process, timeout: .seconds(10))
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
