import ArgumentParser
import EventInvokeConfigKit
import EventInvokeConfigLifecycle
import EventInvokeConfigTesting
import Foundation

/// `eic demo`: the whole lifecycle on the embedded in-memory Lambda. No credentials, no network.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the event-invoke-config lifecycle against the embedded in-memory Lambda (no AWS needed).",
        discussion: """
            Sets up the five configurations of the Terraform resource documentation, reads them back, lists them, \
            imports them by every import-ID form, shows a validation error and a refused destination, deletes \
            everything, then plans and applies a desired state in Terraform JSON, changes it out of band and plans \
            the drift. Requests go through the real client: encoded, SigV4-signed and verified by the emulator.
            """)

    @Option(help: "Output format: table (default) or json.")
    var output: OutputFormat = .table

    func run() async throws {
        let report: DemoReport
        do {
            report = try await DemoScenario.run()
        } catch {
            printError("eic demo failed: \(error)")
            throw ExitCode(1)
        }
        try await reportingLostOutput { try writeOutput(output == .json ? report.json : report.text) }
    }
}

/// The demo's steps, written against the public API as a user would write them.
enum DemoScenario {
    static let queue = "arn:aws:sqs:us-east-1:123456789012:example-dlq"
    static let topic = "arn:aws:sns:us-east-1:123456789012:example-events"
    static let unknownQueue = "arn:aws:sqs:us-east-1:123456789012:not-created-yet"

    static func run() async throws -> DemoReport {
        var report = DemoReport()
        let lambda = InMemoryLambda()
        await lambda.verifySignatures()
        await lambda.registerDestinations([queue, topic])
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                environment: [:]),
            transport: InMemoryTransport(lambda))
        let myFunction = try await lambda.seedFunction("my_function", versions: 1, aliases: ["production": 1])
        try await lambda.seedFunction("orders")
        try await lambda.seedFunction("payments")

        // The five examples of the Terraform resource documentation.
        let examples: [(String, FunctionReference, EventInvokeConfig)] = [
            (
                "destination configuration", try FunctionReference("orders"),
                EventInvokeConfig(destinationConfig: try DestinationConfig(onSuccessARN: topic, onFailureARN: queue))
            ),
            (
                "error handling", try FunctionReference("payments"),
                EventInvokeConfig(maximumRetryAttempts: .zero, maximumEventAge: .minimum)
            ),
            (
                "alias qualifier", myFunction.qualified(.alias(try Alias("production"))),
                EventInvokeConfig(maximumRetryAttempts: .one)
            ),
            (
                "$LATEST", myFunction.qualified(.latest),
                EventInvokeConfig(maximumEventAge: try MaximumEventAge(seconds: 3600))
            ),
            (
                "published version", myFunction.qualified(.version(try Version(1))),
                EventInvokeConfig(
                    maximumRetryAttempts: .two, destinationConfig: try DestinationConfig(onFailureARN: queue))
            ),
        ]
        var rows: [[String]] = []
        for (title, function, config) in examples {
            let record = try await client.put(config, for: function)
            rows.append([title, ImportID(function).id] + DemoReport.settings(record))
        }
        report.add("1. put (the five Terraform examples)", header: ["example", "id"] + DemoReport.settingsHeader, rows)

        rows = []
        for (title, function, config) in examples {
            let record = try await client.get(function)
            rows.append([title, record.functionARN.description, record.config == config ? "yes" : "NO"])
        }
        report.add("2. get (read back)", header: ["example", "FunctionArn", "matches"], rows)

        let listed = try await client.listAll(myFunction).collect()
        report.add(
            "3. list my_function (every qualifier)", header: ["FunctionArn"] + DemoReport.settingsHeader,
            listed.map { [$0.functionARN.description] + DemoReport.settings($0) })

        let arn = myFunction.functionName
        let importIDs = ["my_function", "my_function:production", arn, arn + ":1"]
        rows = []
        for text in importIDs {
            let id = try ImportID(text)
            let record = try await client.get(id.function)
            rows.append([text, id.functionName, id.qualifier?.rawValue ?? "-", record.functionARN.description])
        }
        report.add("4. import by every ID form", header: ["import ID", "function_name", "qualifier", "found"], rows)

        rows = []
        do {
            _ = try await client.put(
                EventInvokeConfig(maximumRetryAttempts: try MaximumRetryAttempts(5)),
                for: try FunctionReference("orders"))
        } catch {
            rows.append(["validation (nothing sent)", "\(error)"])
        }
        do {
            _ = try await client.put(
                EventInvokeConfig(destinationConfig: try DestinationConfig(onFailureARN: unknownQueue)),
                for: try FunctionReference("orders"))
        } catch let error as EventInvokeConfigError {
            rows.append(["service refused destination", "\(error.errorType ?? "") \(error.message)"])
            rows.append(["IAM hint", error.iamHint ?? "-"])
        }
        report.add("5. errors", header: ["case", "error"], rows)

        rows = []
        for (title, function, _) in examples {
            try await client.delete(function)
            rows.append([title, ImportID(function).id, "deleted"])
        }
        let remaining = try await client.listAll(myFunction).collect().count
        rows.append(["my_function", "list", "\(remaining) configs left"])
        report.add("6. delete", header: ["example", "id", "result"], rows)

        try await lifecycleSection(client: client, into: &report)

        let requests = await lambda.requests
        report.summary =
            "\(requests.count) signed requests, all verified by the in-memory Lambda; "
            + "\(requests.filter { ($0.status ?? 0) >= 400 }.count) answered with the expected error"
        return report
    }
}

extension DemoScenario {
    /// 7. The Terraform lifecycle: a desired state in Terraform JSON, planned, applied, changed out of band, planned
    /// again (drift), applied back.
    static func lifecycleSection(client: LambdaEventInvokeConfigClient, into report: inout DemoReport) async throws {
        let document = """
            {"resource": {"aws_lambda_function_event_invoke_config": {
              "orders": {"function_name": "orders", "maximum_retry_attempts": 0,
                         "destination_config": {"on_failure": {"destination": "\(queue)"}}},
              "payments": {"function_name": "arn:aws:lambda:us-east-1:123456789012:function:payments",
                           "maximum_event_age_in_seconds": 3600}}}}
            """
        let desired = try TerraformJSON.parse(Data(document.utf8)).desired
        let lifecycle = Lifecycle(client: client, options: .init(requestsPerSecond: nil))
        var rows: [[String]] = []
        func note(_ step: String, _ plan: Plan) {
            let changes = plan.changes.filter { $0.action != .noOp }.map { change in
                "\(change.action.rawValue) \(DesiredState.Target(change.function)): "
                    + change.fieldChanges.map(\.description).joined(separator: ", ")
            }
            rows.append([step, plan.summary, changes.isEmpty ? "-" : changes.joined(separator: "; ")])
        }
        note("plan", try await lifecycle.plan(desired))
        let applied = await lifecycle.apply(try await lifecycle.plan(desired))
        rows.append(["apply", "\(applied.counts.applied) applied, \(applied.counts.failed) failed", "-"])
        note("plan after apply", try await lifecycle.plan(desired))
        _ = try await client.update(
            EventInvokeConfigPatch(maximumRetryAttempts: .two), for: try FunctionReference("orders"))
        rows.append(["out-of-band update", "orders: maximum_retry_attempts = 2", "-"])
        let drift = try await lifecycle.plan(desired)
        note("plan (drift)", drift)
        let fixed = await lifecycle.apply(drift)
        rows.append(["apply", "\(fixed.counts.applied) applied, \(fixed.counts.failed) failed", "-"])
        note("plan after apply", try await lifecycle.plan(desired))
        for entry in desired.entries { try await client.delete(entry.function) }
        report.add("7. plan → apply → drift → plan (Terraform JSON)", header: ["step", "result", "changes"], rows)
    }
}

/// What the demo did, as tables or JSON.
struct DemoReport {
    struct Section {
        var title: String
        var header: [String]
        var rows: [[String]]
    }

    var sections: [Section] = []
    var summary = ""

    static let settingsHeader = ["retries", "max age (s)", "on success", "on failure"]

    static func settings(_ record: EventInvokeConfigRecord) -> [String] {
        [
            record.config.maximumRetryAttempts.map { String($0.value) } ?? "-",
            record.config.maximumEventAge.map { String($0.seconds) } ?? "-",
            record.config.destinationConfig?.onSuccess?.description ?? "-",
            record.config.destinationConfig?.onFailure?.description ?? "-",
        ]
    }

    mutating func add(_ title: String, header: [String], _ rows: [[String]]) {
        sections.append(Section(title: title, header: header, rows: rows))
    }

    var text: String {
        var out = "eic demo: event invoke configs on the embedded in-memory Lambda (us-east-1, account 123456789012)\n"
        for section in sections {
            out += "\n" + section.title + "\n" + TextTable.render(header: section.header, rows: section.rows) + "\n"
        }
        return out + "\n" + summary
    }

    var json: String {
        let steps = sections.map { section -> [String: Any] in
            [
                "step": section.title,
                "rows": section.rows.map { Dictionary(zip(section.header, $0), uniquingKeysWith: { $1 }) },
            ]
        }
        return JSONOutput.render(["steps": steps, "summary": summary])
    }
}
