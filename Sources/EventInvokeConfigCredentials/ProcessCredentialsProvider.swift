import EventInvokeConfigARN
import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
import Foundation

/// Credentials printed by a command (`credential_process`): JSON with `Version: 1`, `AccessKeyId`,
/// `SecretAccessKey`, optional `SessionToken` and `Expiration`.
///
/// The command runs through `/bin/sh -c` with the process's environment. A non-zero exit, output that is not such
/// a document, or a timeout is a ``CredentialsError`` that shows the command and its standard error (shortened),
/// never its standard output (which holds the credentials).
public struct ProcessCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    /// The command line.
    public let command: String
    /// The longest the command may run before it is killed.
    public let timeout: Duration

    /// Creates a provider for a command line.
    public init(command: String, timeout: Duration = .seconds(60)) {
        self.command = command
        self.timeout = timeout
    }

    /// Runs the command and reads its credentials.
    ///
    /// - Throws: ``CredentialsError`` with code `providerFailed`.
    public func credentials() async throws -> Credentials {
        let provider = "credential_process"
        let outcome = try await run()
        let quotedCommand = DisplayText.quoted(command, limit: 200)
        let stderr = String(decoding: outcome.stderr.suffix(2_000), as: UTF8.self)
        let stderrNote = stderr.isEmpty ? "" : "; its standard error: " + DisplayText.quoted(stderr, limit: 1_000)
        if outcome.timedOut {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "\(quotedCommand) did not finish within \(timeout) and was stopped\(stderrNote)")
        }
        guard outcome.status == 0 else {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "\(quotedCommand) exited with status \(outcome.status)\(stderrNote)")
        }
        // One decoding of the output: the version is checked before the keys, so that any other output is
        // reported as "not version 1" without a word of it.
        guard let document = try? JSONDecoder().decode(CredentialDocument.self, from: outcome.stdout),
            document.version == 1
        else {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "\(quotedCommand) printed no JSON object with \"Version\": 1 "
                    + "(\(outcome.stdout.count) bytes of output, not shown: they may hold credentials)\(stderrNote)")
        }
        do {
            return try document.credentials(provider: provider)
        } catch {
            var error = error
            error.message = "\(quotedCommand): " + error.message
            throw error
        }
    }

    private struct Outcome: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var timedOut: Bool
    }

    /// Runs the command on threads of its own (reading both pipes to the end, so a chatty command cannot block on a
    /// full pipe), never on the concurrency pool.
    private func run() async throws -> Outcome {
        let command = self.command
        let seconds = timeout.inSeconds
        return try await withCheckedThrowingContinuation { continuation in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            // Close-on-exec, so that a process the application starts meanwhile does not inherit these pipes (and
            // hold them open, keeping the reads below from ending); the child gets its copies through dup2.
            let output = Pipe.closedOnExec()
            let errors = Pipe.closedOnExec()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                continuation.resume(
                    throwing: CredentialsError(
                        .providerFailed, provider: "credential_process",
                        message: "cannot start /bin/sh for \(DisplayText.quoted(command, limit: 200)): \(error)"))
                return
            }
            let readers = PipeReaders([output.fileHandleForReading, errors.fileHandleForReading])
            Thread.detachNewThread {
                guard readers.wait(until: .now() + seconds) else {
                    // The shell and everything it started: Process makes the child the leader of a process group of
                    // its own (checked, so that the caller's own group is never signalled).
                    let pid = process.processIdentifier
                    if getpgid(pid) == pid { kill(-pid, SIGKILL) } else { kill(pid, SIGKILL) }
                    continuation.resume(
                        returning: Outcome(status: -1, stdout: Data(), stderr: readers.data[1], timedOut: true))
                    return
                }
                process.waitUntilExit()
                let data = readers.data
                continuation.resume(
                    returning: Outcome(
                        status: process.terminationStatus, stdout: data[0], stderr: data[1], timedOut: false))
            }
        }
    }

    /// Names the command; never its output.
    public var description: String {
        let program = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        return "ProcessCredentialsProvider(\(DisplayText.quoted(program, limit: 200)) …)"
    }
}

extension ProcessCredentialsProvider: RedactedDescription {}
