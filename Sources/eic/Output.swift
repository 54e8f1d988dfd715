import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Output formats of the commands: JSON as the AWS CLI prints it, or a table for people. (The AWS CLI's
/// tab-separated `text` is not offered: nothing here would parse it, and a look-alike would mislead scripts.)
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json
    case table
}

/// A failed write to standard output (a full disk, a closed pipe): the output is lost, so the command fails.
struct OutputError: Error {
    let errno: Int32
}

/// Writes text and a newline to standard output, all of it or an ``OutputError``.
func writeOutput(_ text: String) throws {
    var line = text + "\n"
    let failure: Int32? = line.withUTF8 { buffer -> Int32? in
        var offset = 0
        while offset < buffer.count {
            let written = write(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
    if let failure { throw OutputError(errno: failure) }
}

/// Runs a command's body and turns a lost output into status 255 with a message on standard error.
func reportingLostOutput(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as OutputError {
        printError("eic: cannot write the output: \(String(cString: strerror(error.errno)))")
        throw ExitCode(CommandFailure.otherErrorStatus)
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    printErrorRaw(message + "\n")
}

/// Writes text to standard error as it is (a prompt, a progress line that `\r` rewrites).
func printErrorRaw(_ text: String) {
    var line = text
    line.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

/// JSON output: every `--output json` is written by `JSONSerialization` (pretty-printed, keys sorted, `/` not
/// escaped), never by string concatenation.
enum JSONOutput {
    /// The JSON text of an object made of dictionaries, arrays, strings, numbers, booleans and `NSNull`.
    static func render(_ object: Any) -> String {
        do {
            let data = try JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        } catch {
            preconditionFailure("eic built an object JSONSerialization cannot write: \(error)")
        }
    }

    /// The same fields as a two-column table for `--output table`, `nil` as `-`.
    static func table(_ fields: [(String, String?)]) -> String {
        let width = fields.map(\.0.count).max() ?? 0
        return fields.map { key, value in key.padding(toLength: width) + "  " + (value ?? "-") }
            .joined(separator: "\n")
    }

    /// An object of optional strings, `nil` as `null`.
    static func object(_ fields: [(String, String?)]) -> String {
        render(Dictionary(fields.map { ($0.0, $0.1.map { $0 as Any } ?? NSNull()) }, uniquingKeysWith: { $1 }))
    }
}

extension String {
    /// Pads with spaces on the right to `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
