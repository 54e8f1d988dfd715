import EventInvokeConfigTestSupport
import Foundation
import Testing

/// Runs the built `eic` executable (it sits beside the test bundle) and captures its output.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL { ProcessRunner.builtProduct("eic") }

    /// Runs `eic`. A given environment is completed so that no run reads the machine's `~/.aws` or reaches the
    /// instance metadata service: `HOME` points nowhere and IMDS is off unless the test sets them.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let isolated = environment.map { environment in
            ["HOME": "/nonexistent/eic-tests-home", "AWS_EC2_METADATA_DISABLED": "true"].merging(environment) { $1 }
        }
        let result = try ProcessRunner.run(executable, arguments, environment: isolated)
        return Result(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
    }
}
