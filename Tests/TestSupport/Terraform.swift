public import Foundation
public import Testing

/// The real Terraform CLI with the AWS provider from the machine's filesystem mirror (no registry access): a
/// working directory of its own, a CLI configuration naming the mirror, `HOME` inside the directory, and
/// `TF_IN_AUTOMATION=1`. Found at run time: `terraform` on `PATH`, and the folder holding `registry.terraform.io`
/// at most three levels below `/` (or named by `EIC_TERRAFORM_MIRROR`).
public struct Terraform: Sendable {
    /// The `terraform` executable.
    public let executable: URL
    /// The folder that holds `registry.terraform.io`.
    public let mirror: URL
    /// The working directory (the root module).
    public let directory: URL

    /// Terraform and the provider mirror on this machine, or `nil` when either is missing.
    public static let installation: (executable: URL, mirror: URL)? = {
        let environment = ProcessInfo.processInfo.environment
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        guard
            let executable = path.map({ URL(fileURLWithPath: String($0)).appendingPathComponent("terraform") })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else { return nil }
        if let named = environment["EIC_TERRAFORM_MIRROR"] { return (executable, URL(fileURLWithPath: named)) }
        guard let mirror = findMirror(under: URL(fileURLWithPath: "/"), depth: 3) else { return nil }
        return (executable, mirror)
    }()

    /// Whether the Terraform tests run here: Terraform is on `PATH` and the provider mirror exists. Unlike the
    /// Python peers it is not installed by CI, so without it the tests are a visible skip, also under `CI=true`.
    public static let isInstalled = installation != nil

    /// The skip's comment.
    public static let skipReason: Comment =
        "terraform on PATH and the AWS provider's filesystem mirror (a folder holding registry.terraform.io) not found"

    /// A Terraform whose root module is a new temporary directory with the CLI configuration written into it.
    public init() throws {
        guard let installation = Terraform.installation else {
            throw ProcessRunner.Failure(description: "terraform is not installed")
        }
        executable = installation.executable
        mirror = installation.mirror
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("eic-terraform-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configuration = """
            provider_installation {
              filesystem_mirror {
                path    = "\(mirror.path)"
                include = ["registry.terraform.io/*/*"]
              }
              direct { exclude = ["registry.terraform.io/*/*"] }
            }
            """
        try Data(configuration.utf8).write(to: directory.appendingPathComponent("cli.tfrc"))
    }

    /// Writes a file of the root module (folders are made as needed).
    public func write(_ text: String, to name: String) throws {
        try write(Data(text.utf8), to: name)
    }

    /// Writes a file of the root module (folders are made as needed).
    public func write(_ data: Data, to name: String) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Runs `terraform ARGUMENTS` in the root module with `-no-color` where the command takes it, and returns its
    /// status and outputs.
    public func run(
        _ arguments: [String], environment extra: [String: String] = [:], timeout: Duration = .seconds(300)
    ) async throws -> ProcessResult {
        var environment = [
            "HOME": directory.path, "TF_IN_AUTOMATION": "1", "TF_INPUT": "0",
            "TF_CLI_CONFIG_FILE": directory.appendingPathComponent("cli.tfrc").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        environment.merge(extra) { _, new in new }
        var arguments = arguments
        if let command = arguments.first, !["state", "version"].contains(command) {
            arguments.insert("-no-color", at: 1)
        }
        // At the lowest priority and on one thread: Terraform and its 700 MB provider start with seconds of CPU,
        // which must not starve the timing-sensitive tests running beside them on a small machine.
        environment["GOMAXPROCS"] = "1"
        return try await ProcessRunner.runDetached(
            URL(fileURLWithPath: "/usr/bin/nice"),
            ["-n", "19", executable.path, "-chdir=\(directory.path)"] + arguments, environment: environment,
            timeout: timeout)
    }

    /// Requires that a Terraform command succeeded, failing the test with its output otherwise.
    public static func expectSuccess(
        _ result: ProcessResult, _ step: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try #require(
            result.status == 0,
            "terraform \(step) failed (\(result.status)):\n\(result.stdoutText)\n\(result.stderrText)",
            sourceLocation: sourceLocation)
    }

    /// Expects `terraform plan -detailed-exitcode` to exit 0: nothing to change.
    public func expectNoChanges(
        _ step: String, environment: [String: String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let plan = try await run(["plan", "-detailed-exitcode"], environment: environment)
        #expect(
            plan.status == 0, "terraform plan \(step) wants changes:\n\(plan.stdoutText)\n\(plan.stderrText)",
            sourceLocation: sourceLocation)
    }

    /// Removes the working directory.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func findMirror(under folder: URL, depth: Int) -> URL? {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.appendingPathComponent("registry.terraform.io").path) { return folder }
        guard depth > 1,
            let children = try? manager.contentsOfDirectory(
                at: folder, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey])
        else { return nil }
        for child in children.sorted(by: { $0.path < $1.path }) {
            let values = try? child.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            guard values?.isDirectory == true, values?.isSymbolicLink != true,
                !["proc", "sys", "dev"].contains(child.lastPathComponent)
            else { continue }
            if let found = findMirror(under: child, depth: depth - 1) { return found }
        }
        return nil
    }
}
