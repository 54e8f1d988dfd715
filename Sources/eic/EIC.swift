import ArgumentParser

/// The `eic` command-line tool: manage Lambda event invoke configs, parse import IDs, sign requests.
@main
struct EIC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eic",
        abstract: "Manage the asynchronous invocation settings of AWS Lambda functions.",
        subcommands: [ParseID.self, Sign.self]
    )
}
