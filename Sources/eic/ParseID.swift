import ArgumentParser
import EventInvokeConfigARN

/// `eic parse-id ID`: parse a function reference or Terraform import ID and print its parts.
struct ParseID: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-id",
        abstract: "Parse a function name, ARN, partial ARN or Terraform import ID and print its parts.",
        discussion: """
            Accepts NAME, NAME:QUALIFIER, ACCOUNT:function:NAME[:QUALIFIER] and \
            arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]. Invalid input prints the error on \
            standard error and exits with status 252.
            """
    )

    @Argument(help: "The ID to parse.")
    var id: String

    @Option(help: "Output format: json or table.")
    var output: OutputFormat = .json

    func run() async throws {
        let parsed: ImportID
        do {
            parsed = try ImportID(id)
        } catch {
            printError("eic: \(error)")
            throw ExitCode(CommandFailure.invalidInputStatus)
        }
        let function = parsed.function
        let fields: [(String, String?)] = [
            ("functionName", parsed.functionName),
            ("qualifier", parsed.qualifier?.rawValue),
            ("id", parsed.id),
            ("name", function.name),
            ("partition", function.partition?.name),
            ("region", function.region?.name),
            ("accountId", function.accountID?.digits),
        ]
        try await reportingLostOutput {
            switch output {
            case .json: try writeOutput(JSONOutput.object(fields))
            case .table: try writeOutput(JSONOutput.table(fields))
            }
        }
    }
}
