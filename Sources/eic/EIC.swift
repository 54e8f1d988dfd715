import ArgumentParser
import EventInvokeConfigCore

/// The `eic` command-line tool: manage Lambda event invoke configs, parse import IDs, sign requests.
///
/// Exit statuses follow the AWS CLI: 0 success, 252 a usage or input error (nothing sent), 253 an invalid
/// environment or configuration, 254 an error response from the service, 255 anything else (network, lost output).
@main
struct EIC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eic",
        abstract: "Manage the asynchronous invocation settings of AWS Lambda functions.",
        version: PackageVersion.current,
        subcommands: [
            Demo.self, PutCommand.self, UpdateCommand.self, GetCommand.self, DeleteCommand.self, ListCommand.self,
            PlanCommand.self, ApplyCommand.self, ShowCommand.self, ImportCommand.self,
            Whoami.self, ParseID.self,
            Sign.self,
        ]
    )

    /// Parses and runs the command; every usage error (an unknown, missing, repeated or malformed option, a value
    /// the option's type cannot hold) exits 252, as the AWS CLI's do, instead of the argument parser's 64.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let repeated = repeatedOption(in: arguments) {
            printError("eic: the option \(repeated) is given more than once")
            Self.exit(withError: ExitCode(CommandFailure.invalidInputStatus))
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code != .success && code != .failure && !(error is ExitCode) {
                printError(fullMessage(for: error))
                Self.exit(withError: ExitCode(CommandFailure.invalidInputStatus))
            }
            Self.exit(withError: error)
        }
    }

    /// The first `--option` that appears twice before `--` (a value is never mistaken for an option: the value
    /// after an option that takes one is skipped by the parser's own rules only, so a repeated name is enough).
    static func repeatedOption(in arguments: [String]) -> String? {
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.prefix { $0 != "=" })
            if name == "--debug" || name == "--help" { continue }
            if !seen.insert(name).inserted { return name }
        }
        return nil
    }
}
