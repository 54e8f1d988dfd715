import ArgumentParser

/// The `eic` command-line tool: manage Lambda event invoke configs, parse import IDs, sign requests.
@main
struct EIC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eic",
        abstract: "Manage the asynchronous invocation settings of AWS Lambda functions.",
        subcommands: [
            Demo.self, PutCommand.self, UpdateCommand.self, GetCommand.self, DeleteCommand.self, ListCommand.self,
            ParseID.self,
            Sign.self,
        ]
    )
}
