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

    @Option(help: "The most calls in flight at once, per provider.")
    var concurrency: Int = 16

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
                guard concurrency >= 1 else { throw CommandFailure.invalidInput("--concurrency must be at least 1") }
                let configuration = try readDesiredState(file)
                let runs = try ProviderRun.make(configuration, options: options) { _ in .init(concurrency: concurrency)
                }
                let prune = prune
                let parts = try await concurrentMap(runs) { run in
                    await Result { run.part(try await run.plan(prune: prune)) }
                }.map { try $0.get() }
                changed = parts.contains { !$0.plan.isEmpty }
                let saved = SavedPlan(parts: parts)
                if let out {
                    guard FileManager.default.createFile(atPath: out, contents: saved.data()) else {
                        throw CommandFailure.invalidInput("cannot write the plan file \(DisplayText.quoted(out))")
                    }
                }
                try writeOutput(
                    options.output == .json ? String(decoding: saved.plan.terraformJSON(), as: UTF8.self) : saved.text)
            }
        }
        if detailedExitcode && changed { throw ExitCode(2) }
    }
}

/// `transform` of every element at once, the results in order: providers run side by side (each paces itself against
/// its own account and region, so a file of two regions takes as long as its slower region, not the sum).
func concurrentMap<Element: Sendable, Transformed: Sendable>(
    _ elements: [Element], _ transform: @escaping @Sendable (Element) async -> Transformed
) async -> [Transformed] {
    await withTaskGroup(of: (Int, Transformed).self) { group in
        for (index, element) in elements.enumerated() {
            group.addTask { (index, await transform(element)) }
        }
        var results = [Transformed?](repeating: nil, count: elements.count)
        for await (index, result) in group { results[index] = result }
        return results.compactMap { $0 }
    }
}

extension Result where Failure == any Error {
    /// The outcome of an asynchronous body.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

/// One provider of a file, with its own client and lifecycle (its own pacing: Lambda's quota is per account and
/// region).
struct ProviderRun: Sendable {
    var targets: TerraformJSON.ProviderTargets
    var client: LambdaEventInvokeConfigClient
    var lifecycle: Lifecycle

    var provider: TerraformJSON.Provider { targets.provider }
    /// `aws.west (eu-west-1)`.
    var label: String { "\(provider.address) (\(client.configuration.region.name))" }

    /// A run per provider that has targets in the file, each with the lifecycle options `lifecycleOptions` gives
    /// for its provider.
    static func make(
        _ configuration: TerraformJSON.Configuration, options: ClientOptions,
        lifecycleOptions: (TerraformJSON.Provider) -> Lifecycle.Options
    ) throws -> [ProviderRun] {
        try configuration.byProvider.map { try make($0, options: options, lifecycleOptions: lifecycleOptions) }
    }

    /// The run of one provider's targets (none, for a saved plan's part: its plan says what to do).
    static func make(
        _ targets: TerraformJSON.ProviderTargets, options: ClientOptions,
        lifecycleOptions: (TerraformJSON.Provider) -> Lifecycle.Options
    ) throws -> ProviderRun {
        let client = try options.makeClient(for: targets.provider)
        return ProviderRun(
            targets: targets, client: client,
            lifecycle: Lifecycle(client: client, options: lifecycleOptions(targets.provider)))
    }

    /// Plans this provider's targets (with `prune`, also the deletion of the configs the file does not declare).
    func plan(prune: Bool) async throws -> Plan {
        try await lifecycle.plan(prune ? try targets.withAbsent() : targets.desired, prune: prune)
    }

    /// The saved-plan part of a plan made by this run.
    func part(_ plan: Plan) -> SavedPlan.Part {
        SavedPlan.Part(
            provider: provider, region: client.configuration.region.name,
            endpoint: client.endpoint.description, plan: plan)
    }
}

extension SavedPlan {
    /// The plan as text: one provider's as `terraform plan` shows it; several, each under its provider's name.
    var text: String {
        guard parts.count > 1 else { return parts.first?.plan.text ?? Plan(changes: []).text }
        return parts.map { "\($0.provider.address) (\($0.region)):\n\($0.plan.text)" }.joined(separator: "\n\n")
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
        try writeOutput(json ? String(decoding: saved.plan.terraformJSON(), as: UTF8.self) : saved.text)
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

    @Option(help: "The most calls in flight at once, per provider.")
    var concurrency: Int = 16

    @Option(
        help: """
            A ceiling on requests per second, per provider (default: none; the client's adaptive retry mode paces \
            itself just under Lambda's quota).
            """)
    var rate: Double?

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
            guard concurrency >= 1, (rate ?? 1) > 0 else {
                throw CommandFailure.invalidInput("--concurrency must be at least 1 and --rate above 0")
            }
            let interactive = isatty(1) != 0
            var runs: [ProviderRun] = []
            var plans: [Plan] = []
            var several = false
            if let planFile {
                let saved = try readSavedPlan(planFile)
                several = saved.parts.count > 1
                let lifecycleOptions = { [several] (provider: TerraformJSON.Provider) in
                    self.lifecycleOptions(label: provider.address, interactive: interactive, several: several)
                }
                runs = try saved.parts.map { part in
                    try ProviderRun.make(
                        TerraformJSON.ProviderTargets(
                            provider: part.provider, desired: try DesiredState([]), absent: []),
                        options: options, lifecycleOptions: lifecycleOptions)
                }
                plans = try await concurrentMap(Array(zip(saved.parts, runs))) { part, run in
                    await Result { try await Self.checked(part, path: planFile, run: run) }
                }.map { try $0.get() }
            } else if let file {
                let configuration = try readDesiredState(file)
                several = configuration.byProvider.count > 1
                let candidates = try ProviderRun.make(configuration, options: options) { [several] provider in
                    lifecycleOptions(label: provider.address, interactive: interactive, several: several)
                }
                let prune = prune
                let planned = await concurrentMap(candidates) { run in await Result { try await run.plan(prune: prune) }
                }
                for (run, result) in zip(candidates, planned) {
                    switch result {
                    case .success(let plan):
                        runs.append(run)
                        plans.append(plan)
                    case .failure(let error as EventInvokeConfigError) where several:
                        // One provider that cannot be read stops only its own targets.
                        printError("eic: \(run.label): cannot plan, its targets are left alone: \(error)")
                        failed = true
                    case .failure(let error):
                        throw error
                    }
                }
            }
            let saved = SavedPlan(parts: zip(runs, plans).map { $0.part($1) })
            try writeOutput(saved.text)
            guard plans.contains(where: { !$0.isEmpty }) else { return }
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
            // Every provider at once: each paces itself against its own account and region.
            let reports = await concurrentMap(Array(zip(runs, plans))) { run, plan in await run.lifecycle.apply(plan) }
            if interactive { printError("") }
            var lines: [String] = []
            for (run, report) in zip(runs, reports) {
                for result in report.results where result.change.action != .noOp {
                    let target = "\(result.change.name) (\(DesiredState.Target(result.change.function)))"
                    let action = result.change.action.rawValue
                    switch result.outcome {
                    case .applied: lines.append("  \(action) \(target): done")
                    case .unchanged: break
                    case .notAttempted: lines.append("  \(action) \(target): not attempted")
                    case .failed(let error): lines.append("  \(action) \(target): FAILED: \(error)")
                    }
                }
                let (applied, failures, skipped) = report.counts
                let which = several ? " [\(run.label)]" : ""
                lines.append(
                    "Apply complete\(which): \(applied) applied, \(failures) failed, \(skipped) not attempted.")
                failed = failed || !report.succeeded
            }
            try writeOutput(lines.joined(separator: "\n"))
        }
        if failed { throw ExitCode(CommandFailure.serviceErrorStatus) }
    }

    /// Concurrency, rate and a progress line for one provider's run (prefixed with the provider when there are
    /// several; a bar on a terminal only for one).
    func lifecycleOptions(label: String, interactive: Bool, several: Bool) -> Lifecycle.Options {
        .init(
            concurrency: concurrency, requestsPerSecond: rate,
            progress: { progress in
                let remaining = Double(progress.total - progress.done) / max(progress.rate, 1e-9)
                let pacing = progress.sendRate.map { String(format: ", sending %.1f req/s", $0) } ?? ""
                let line =
                    "\(progress.done)/\(progress.total) done, \(progress.failed) failed, "
                    + String(format: "%.1f/s, ETA %.0f s", progress.rate, remaining)
                    + ", \(progress.throttled) throttled" + pacing
                if interactive && !several {
                    let filled = progress.total == 0 ? 30 : 30 * progress.done / progress.total
                    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
                    printErrorRaw("\r[\(bar)] " + line)
                } else {
                    printError("eic: progress" + (several ? " [\(label)]" : "") + ": " + line)
                }
            })
    }

    /// A saved plan's part, after checking it is applied where it was planned and still applies as reviewed.
    static func checked(_ part: SavedPlan.Part, path: String, run: ProviderRun) async throws -> Plan {
        let region = run.client.configuration.region.name
        let endpoint = run.client.endpoint.description
        guard part.region == region, part.endpoint == endpoint else {
            throw CommandFailure.invalidInput(
                "\(path) was planned for \(part.region) at \(part.endpoint), not \(region) at \(endpoint)")
        }
        let stale = try await run.lifecycle.staleChanges(in: part.plan)
        guard stale.isEmpty else {
            let targets = stale.map { "\($0.change.name) (\(DesiredState.Target($0.change.function)))" }
            throw CommandFailure.invalidInput(
                "the saved plan \(path) is stale: " + targets.joined(separator: ", ")
                    + " changed since it was planned; run eic plan again")
        }
        return part.plan
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
