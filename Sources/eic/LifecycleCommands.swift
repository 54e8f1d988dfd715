import ArgumentParser
import EventInvokeConfigKit
import EventInvokeConfigLifecycle
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `.tf.json` file into a desired state; input errors are 252 with the resource and argument named.
func readDesiredState(_ path: String) throws -> TerraformJSON.Configuration {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure.invalidInput("cannot read \(DisplayText.quoted(path))")
    }
    do {
        let configuration = try TerraformJSON.parse(data)
        for note in configuration.notes { printError("eic: note: \(note)") }
        return configuration
    } catch {
        throw CommandFailure.invalidInput("\(path): \(error)")
    }
}

/// The plan as JSON: one object per target with its action and field changes, and the counts.
func planJSON(_ plan: Plan) -> String {
    let (create, update, delete) = plan.counts
    return JSONOutput.render([
        "changes": plan.changes.map { change -> [String: Any] in
            [
                "resource": change.name, "target": "\(DesiredState.Target(change.function))",
                "action": change.action.rawValue, "pruned": change.pruned,
                "fields": change.fieldChanges.map { ["field": $0.field, "old": $0.old, "new": $0.new] },
            ]
        },
        "add": create, "change": update, "destroy": delete,
    ])
}

/// `eic plan -f FILE`: what `apply` would change, as `terraform plan` shows it.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Compare a desired state (Terraform JSON, *.tf.json) with what exists, and show the changes.")

    @Option(name: .customShort("f"), help: "The desired state: a .tf.json file.")
    var file: String

    @Flag(help: "Exit 2 when there are changes (0 when none), as terraform plan -detailed-exitcode.")
    var detailedExitcode = false

    @Flag(
        help: """
            Also delete the configs the file does not declare: those of its functions' other qualifiers, and those \
            of resources with count = 0. Without it nothing is deleted.
            """)
    var prune = false

    @OptionGroup var options: ClientOptions

    func run() async throws {
        var changed = false
        try await runAPICommand(options) {
            let configuration = try readDesiredState(file)
            let desired = prune ? try configuration.withAbsent() : configuration.desired
            let lifecycle = Lifecycle(client: try options.makeClient())
            let plan = try await lifecycle.plan(desired, prune: prune)
            changed = !plan.isEmpty
            try writeOutput(options.output == .json ? planJSON(plan) : plan.text)  // text unless --output json
        }
        if detailedExitcode && changed { throw ExitCode(2) }
    }
}

/// `eic apply -f FILE`: carry out the plan.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make what exists match a desired state (Terraform JSON, *.tf.json), then report per target.")

    @Option(name: .customShort("f"), help: "The desired state: a .tf.json file.")
    var file: String

    @Flag(help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Option(help: "The most calls in flight at once.")
    var concurrency: Int = 8

    @Option(help: "The most requests per second (Lambda's control-plane quota is higher); 0 for no limit.")
    var rate: Double = 10

    @Flag(
        help: """
            Also delete the configs the file does not declare: those of its functions' other qualifiers, and those \
            of resources with count = 0. Without it nothing is deleted.
            """)
    var prune = false

    @OptionGroup var options: ClientOptions

    func run() async throws {
        var failed = false
        try await runAPICommand(options) {
            guard concurrency >= 1, rate >= 0 else {
                throw CommandFailure.invalidInput("--concurrency must be at least 1 and --rate at least 0")
            }
            let configuration = try readDesiredState(file)
            let desired = prune ? try configuration.withAbsent() : configuration.desired
            let interactive = isatty(1) != 0
            let lifecycle = Lifecycle(
                client: try options.makeClient(),
                options: .init(
                    concurrency: concurrency, requestsPerSecond: rate == 0 ? nil : rate,
                    progress: { progress in
                        let remaining = Double(progress.total - progress.done) / max(progress.rate, 1e-9)
                        let line =
                            "\(progress.done)/\(progress.total) done, \(progress.failed) failed, "
                            + String(format: "%.1f/s, ETA %.0f s", progress.rate, remaining)
                        if interactive {
                            let filled = progress.total == 0 ? 30 : 30 * progress.done / progress.total
                            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
                            printErrorRaw("\r[\(bar)] " + line)
                        } else {
                            printError("eic: progress: " + line)
                        }
                    }))
            let plan = try await lifecycle.plan(desired, prune: prune)
            try writeOutput(plan.text)
            guard !plan.isEmpty else { return }
            if !autoApprove {
                guard isatty(0) != 0 else {
                    throw CommandFailure.invalidInput("not a terminal: pass --auto-approve to apply without asking")
                }
                printErrorRaw("Apply these changes? Only 'yes' will be accepted: ")
                guard readLine() == "yes" else {
                    printError("eic: apply cancelled")
                    return
                }
            }
            let report = await lifecycle.apply(plan)
            if interactive { printError("") }
            var lines: [String] = []
            for result in report.results where result.change.action != .noOp {
                let target = "\(result.change.name) (\(DesiredState.Target(result.change.function)))"
                switch result.outcome {
                case .applied: lines.append("  \(result.change.action.rawValue) \(target): done")
                case .unchanged: break
                case .notAttempted: lines.append("  \(result.change.action.rawValue) \(target): not attempted")
                case .failed(let error): lines.append("  \(result.change.action.rawValue) \(target): FAILED: \(error)")
                }
            }
            let (applied, failures, skipped) = report.counts
            lines.append("Apply complete: \(applied) applied, \(failures) failed, \(skipped) not attempted.")
            try writeOutput(lines.joined(separator: "\n"))
            failed = !report.succeeded
        }
        if failed { throw ExitCode(CommandFailure.serviceErrorStatus) }
    }
}

/// `eic import ID…`: the `.tf.json` (or HCL, with an `import` block) for what exists.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Print the Terraform declaration (JSON or HCL) of the event invoke configs that exist.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case hcl
    }

    @Argument(help: "Import IDs: NAME, NAME:QUALIFIER or an ARN (with or without a qualifier).")
    var ids: [String]

    @Option(help: "json: a .tf.json document; hcl: HCL resource blocks with Terraform import blocks.")
    var format: Format = .json

    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await runAPICommand(options) {
            guard !ids.isEmpty else { throw CommandFailure.invalidInput("give at least one import ID") }
            let parsed = try ids.map { id throws(InvalidValueError) in try ImportID(id) }
            let lifecycle = Lifecycle(client: try options.makeClient())
            var entries: [DesiredState.Entry] = []
            for id in parsed { entries.append(try await lifecycle.importEntry(id)) }
            _ = try DesiredState(entries)
            // As `terraform import`: a target without a config is an error, not a resource declaring nothing.
            let missing = entries.filter { $0.config == nil }.map { "\(DesiredState.Target($0.function))" }
            guard missing.isEmpty else {
                printError(
                    "eic: cannot import: no event invoke config exists for " + missing.joined(separator: ", "))
                throw ExitCode(CommandFailure.serviceErrorStatus)
            }
            switch format {
            case .json: try writeOutput(String(decoding: TerraformJSON.render(entries), as: UTF8.self))
            case .hcl: try writeOutput(TerraformJSON.renderHCL(entries))
            }
        }
    }
}
