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

/// `eic plan -f FILE`: what `apply` would change, as `terraform plan` shows it.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Compare a desired state (Terraform JSON, *.tf.json) with what exists, and show the changes.",
        discussion: """
            Terraform's spellings are accepted: -out, -detailed-exitcode. With --output json the plan is printed \
            as `terraform show -json` prints one (format_version, resource_changes with actions, before, after).
            """)

    @Option(name: .customShort("f"), help: "The desired state: a .tf.json file.")
    var file: String

    @Flag(
        name: [.customLong("detailed-exitcode"), .customLong("detailed-exitcode", withSingleDash: true)],
        help: "Exit 0 when there are no changes, 2 when there are, 1 on any error, as terraform plan does.")
    var detailedExitcode = false

    @Option(
        name: [.customLong("out"), .customLong("out", withSingleDash: true)],
        help: "Write the plan to this file, for `eic apply FILE` to apply exactly as reviewed.")
    var out: String?

    @Flag(
        help: """
            Also delete the configs the file does not declare: those of its functions' other qualifiers, and those \
            of resources with count = 0. Without it nothing is deleted.
            """)
    var prune = false

    @OptionGroup var options: ClientOptions

    func run() async throws {
        var changed = false
        try await withTerraformExitCodes(detailedExitcode) {
            try await runAPICommand(options) {
                let configuration = try readDesiredState(file)
                let desired = prune ? try configuration.withAbsent() : configuration.desired
                let client = try options.makeClient()
                let plan = try await Lifecycle(client: client).plan(desired, prune: prune)
                changed = !plan.isEmpty
                if let out {
                    let saved = SavedPlan(
                        plan: plan, region: client.configuration.region.name, endpoint: client.endpoint.description)
                    guard FileManager.default.createFile(atPath: out, contents: saved.data()) else {
                        throw CommandFailure.invalidInput("cannot write the plan file \(DisplayText.quoted(out))")
                    }
                }
                try writeOutput(
                    options.output == .json ? String(decoding: plan.terraformJSON(), as: UTF8.self) : plan.text)
            }
        }
        if detailedExitcode && changed { throw ExitCode(2) }
    }
}

/// Runs a command whose exit statuses follow Terraform's under `-detailed-exitcode`: every failure exits 1.
func withTerraformExitCodes(_ enabled: Bool, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode where enabled && exit != .success {
        throw ExitCode(1)
    }
}

/// `eic show PLAN`: a saved plan, as text or as `terraform show -json` prints it.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a plan file written by `eic plan -out`.")

    @Argument(help: "The plan file.")
    var planFile: String

    @Flag(
        name: [.customLong("json"), .customLong("json", withSingleDash: true)],
        help: "Print it as `terraform show -json` does.")
    var json = false

    func run() async throws {
        let saved: SavedPlan
        do {
            saved = try readSavedPlan(planFile)
        } catch CommandFailure.invalidInput(let message) {
            printError("eic: \(message)")
            throw ExitCode(CommandFailure.invalidInputStatus)
        }
        try writeOutput(json ? String(decoding: saved.plan.terraformJSON(), as: UTF8.self) : saved.plan.text)
    }
}

/// Reads a plan file; an unreadable or foreign one is invalid input naming the file.
func readSavedPlan(_ path: String) throws -> SavedPlan {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure.invalidInput("cannot read the plan file \(DisplayText.quoted(path))")
    }
    do {
        return try SavedPlan.read(data)
    } catch {
        throw CommandFailure.invalidInput("\(path): \(error)")
    }
}

/// `eic apply -f FILE` (plan, confirm, apply) or `eic apply PLAN` (apply a saved plan as reviewed).
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make what exists match a desired state (Terraform JSON, *.tf.json), then report per target.",
        discussion: """
            `eic apply PLAN` applies a plan file written by `eic plan -out PLAN` exactly as reviewed, without \
            asking; it refuses (exit 252) when any target no longer holds what it held when planned, or when the \
            region or endpoint differ. Terraform's spellings are accepted: -auto-approve.
            """)

    @Argument(help: "A plan file written by `eic plan -out` (instead of -f).")
    var planFile: String?

    @Option(name: .customShort("f"), help: "The desired state: a .tf.json file.")
    var file: String?

    @Flag(
        name: [.customLong("auto-approve"), .customLong("auto-approve", withSingleDash: true)],
        help: "Apply without asking for confirmation.")
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

    func validate() throws {
        guard (planFile == nil) != (file == nil) else {
            throw ValidationError("give either -f FILE (plan and apply) or a plan file from `eic plan -out`")
        }
        if planFile != nil, prune {
            throw ValidationError("--prune belongs to the plan: pass it to `eic plan -out`")
        }
    }

    func run() async throws {
        var failed = false
        try await runAPICommand(options) {
            guard concurrency >= 1, rate >= 0 else {
                throw CommandFailure.invalidInput("--concurrency must be at least 1 and --rate at least 0")
            }
            let client = try options.makeClient()
            let interactive = isatty(1) != 0
            let lifecycle = Lifecycle(
                client: client,
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
            let plan: Plan
            if let planFile {
                plan = try await savedPlan(planFile, client: client, lifecycle: lifecycle)
            } else if let file {
                let configuration = try readDesiredState(file)
                let desired = prune ? try configuration.withAbsent() : configuration.desired
                plan = try await lifecycle.plan(desired, prune: prune)
            } else {
                return
            }
            try writeOutput(plan.text)
            guard !plan.isEmpty else { return }
            if !autoApprove && planFile == nil {
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

    /// A plan file's plan, after checking it was made here and still applies as reviewed.
    func savedPlan(_ path: String, client: LambdaEventInvokeConfigClient, lifecycle: Lifecycle) async throws -> Plan {
        let saved = try readSavedPlan(path)
        let region = client.configuration.region.name
        let endpoint = client.endpoint.description
        guard saved.region == region, saved.endpoint == endpoint else {
            throw CommandFailure.invalidInput(
                "\(path) was planned for \(saved.region) at \(saved.endpoint), not \(region) at \(endpoint)")
        }
        let stale = try await lifecycle.staleChanges(in: saved.plan)
        guard stale.isEmpty else {
            let targets = stale.map { "\($0.change.name) (\(DesiredState.Target($0.change.function)))" }
            throw CommandFailure.invalidInput(
                "the saved plan \(path) is stale: " + targets.joined(separator: ", ")
                    + " changed since it was planned; run eic plan again")
        }
        return saved.plan
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
