import EventInvokeConfigTestSupport
import Foundation
import Testing

/// One `*.tf.json`, two tools: the real Terraform and AWS provider, and `eic`, against `eic-local` with signatures
/// verified. Each sees what the other did as nothing to do; `eic import` writes what Terraform imports with no
/// change; a two-region fleet file applied by `eic` is imported clean by Terraform; a destroy leaves nothing.
@Suite("Terraform and eic on one file", .serialized)
struct TerraformInteropTests {
    static let credentials = [
        "AWS_ACCESS_KEY_ID": "AKIDINTEROP", "AWS_SECRET_ACCESS_KEY": "interop-secret", "AWS_REGION": "us-east-1",
        "PATH": "/usr/bin:/bin",
    ]
    static let queue = "arn:aws:sqs:us-east-1:123456789012:example"
    static let topic = "arn:aws:sns:us-east-1:123456789012:example"
    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:"

    /// `eic-local` with these functions seeded and signatures verified with ``credentials``.
    static func server(_ functions: String) throws -> LocalLambdaServer {
        let seed = FileManager.default.temporaryDirectory.appendingPathComponent("eic-interop-seed-\(UUID()).json")
        try Data(#"{"functions": \#(functions)}"#.utf8).write(to: seed)
        // The server has read the seed once it says it listens.
        defer { try? FileManager.default.removeItem(at: seed) }
        return try LocalLambdaServer.start(
            ["--seed", seed.path, "--verify-signatures"],
            environment: ProcessInfo.processInfo.environment.merging(credentials) { $1 })
    }

    static func eic(_ arguments: [String]) async throws -> CommandRunner.Result {
        let result = try await ProcessRunner.runDetached(
            CommandRunner.executable, arguments,
            environment: ["HOME": "/nonexistent/eic-tests-home", "AWS_EC2_METADATA_DISABLED": "true"].merging(
                credentials
            ) { $1 })
        return CommandRunner.Result(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
    }

    /// The `terraform` block and a provider block on `endpoint` (`alias` and `region` optional), in JSON syntax.
    static func provider(_ endpoint: String, alias: String? = nil, region: String = "us-east-1") -> String {
        let aliasMember = alias.map { #""alias": "\#($0)", "# } ?? ""
        return #"""
            {\#(aliasMember)"region": "\#(region)", "skip_credentials_validation": true,
             "skip_requesting_account_id": true, "skip_metadata_api_check": true, "skip_region_validation": true,
             "endpoints": {"lambda": "\#(endpoint)"}}
            """#
    }

    static let terraformBlock =
        #""terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "5.100.0"}}}"#

    /// The five examples of the resource's documentation as one `.tf.json`, each on a function of its own (three of
    /// them address `$LATEST` of one function in the documentation), queue and topic as literal ARNs.
    static func examples(endpoint: String, aliasRetries: Int? = nil, latestAge: Int? = nil) -> String {
        let retries = aliasRetries.map { #", "maximum_retry_attempts": \#($0)"# } ?? ""
        let age = latestAge.map { #", "maximum_event_age_in_seconds": \#($0)"# } ?? ""
        return #"""
            {\#(terraformBlock),
             "provider": {"aws": \#(provider(endpoint))},
             "resource": {"aws_lambda_function_event_invoke_config": {
               "destination": {"function_name": "destination",
                               "destination_config": {"on_failure": {"destination": "\#(queue)"},
                                                      "on_success": {"destination": "\#(topic)"}}},
               "error_handling": {"function_name": "error-handling", "maximum_event_age_in_seconds": 60,
                                  "maximum_retry_attempts": 0},
               "alias": {"function_name": "alias-fn", "qualifier": "example"\#(retries)},
               "latest": {"function_name": "latest-fn", "qualifier": "$LATEST"\#(age)},
               "published": {"function_name": "published-fn", "qualifier": "1"}}}}
            """#
    }

    static let functions = ["destination", "error-handling", "alias-fn", "latest-fn", "published-fn"]

    @Test(
        "the five examples: each tool plans nothing after the other applied; import; destroy",
        .enabled(if: Terraform.isInstalled, Terraform.skipReason), .timeLimit(.minutes(10)))
    func examples() async throws {
        let seeded = Self.functions.map { #"{"name": "\#($0)", "versions": 1, "aliases": {"example": 1}}"# }
        let server = try Self.server("[" + seeded.joined(separator: ", ") + "]")
        defer { server.stop() }
        let terraform = try Terraform()
        defer { terraform.remove() }
        let file = terraform.directory.appendingPathComponent("main.tf.json").path
        try terraform.write(Self.examples(endpoint: server.endpoint), to: "main.tf.json")
        try Terraform.expectSuccess(await terraform.run(["init"]), "init")

        // Terraform applies; eic plans the same file: nothing to do.
        try Terraform.expectSuccess(
            await terraform.run(["apply", "-auto-approve"], environment: Self.credentials), "apply")
        let afterTerraform = try await Self.eic(["plan", "-f", file, "-detailed-exitcode"])
        #expect(afterTerraform.status == 0, "\(afterTerraform.stdout)\(afterTerraform.stderr)")

        // eic applies a change; Terraform plans the same file: nothing to do.
        try terraform.write(Self.examples(endpoint: server.endpoint, aliasRetries: 1), to: "main.tf.json")
        let eicApply = try await Self.eic(["apply", "-f", file, "-auto-approve"])
        #expect(eicApply.status == 0, "\(eicApply.stderr)")
        #expect(eicApply.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(eicApply.stdout)")
        try await terraform.expectNoChanges("after eic apply", environment: Self.credentials)

        // Terraform applies a change; eic plans: nothing to do.
        try terraform.write(
            Self.examples(endpoint: server.endpoint, aliasRetries: 1, latestAge: 120), to: "main.tf.json")
        let change = try await terraform.run(["apply", "-auto-approve"], environment: Self.credentials)
        try Terraform.expectSuccess(change, "apply of a change")
        #expect(change.stdoutText.contains("Resources: 0 added, 1 changed, 0 destroyed."))
        let afterChange = try await Self.eic(["plan", "-f", file, "-detailed-exitcode"])
        #expect(afterChange.status == 0, "\(afterChange.stdout)\(afterChange.stderr)")

        // eic import, in all four ID forms, writes what Terraform imports with nothing to change.
        let ids = [
            "destination", "alias-fn:example", Self.arn + "latest-fn", Self.arn + "published-fn:1",
            "error-handling",
        ]
        let imported = try await Self.eic(["import", "--format", "hcl"] + ids + ["--endpoint-url", server.endpoint])
        #expect(imported.status == 0, "\(imported.stderr)")
        let adopt = try Terraform()
        defer { adopt.remove() }
        try adopt.write(
            #"{\#(Self.terraformBlock), "provider": {"aws": \#(Self.provider(server.endpoint))}}"#,
            to: "provider.tf.json")
        try adopt.write(imported.stdout, to: "imported.tf")
        try Terraform.expectSuccess(await adopt.run(["init"]), "init (import)")
        let importPlan = try await adopt.run(["plan"], environment: Self.credentials)
        try Terraform.expectSuccess(importPlan, "plan (import)")
        #expect(
            importPlan.stdoutText.contains("Plan: 5 to import, 0 to add, 0 to change, 0 to destroy."),
            "\(importPlan.stdoutText)")

        // Terraform destroys: nothing is left that eic can list.
        let destroy = try await terraform.run(["destroy", "-auto-approve"], environment: Self.credentials)
        try Terraform.expectSuccess(destroy, "destroy")
        #expect(destroy.stdoutText.contains("Destroy complete! Resources: 5 destroyed."))
        for function in Self.functions {
            let listed = try await Self.eic([
                "list-function-event-invoke-configs", "--function-name", function, "--endpoint-url", server.endpoint,
            ])
            let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
            #expect((object?["FunctionEventInvokeConfigs"] as? [Any])?.isEmpty == true, "\(function): \(listed.stdout)")
        }
    }

    @Test(
        "a two-region fleet file applied by eic is imported by Terraform with nothing to change, then destroyed",
        .enabled(if: Terraform.isInstalled, Terraform.skipReason), .timeLimit(.minutes(10)))
    func fleet() async throws {
        let east = try Self.server(#"[{"name": "orders"}]"#)
        defer { east.stop() }
        let west = try Self.server(#"[{"name": "orders", "region": "eu-west-1"}]"#)
        defer { west.stop() }
        let terraform = try Terraform()
        defer { terraform.remove() }
        try terraform.write(
            #"""
            {\#(Self.terraformBlock),
             "provider": {"aws": [\#(Self.provider(east.endpoint)),
                                  \#(Self.provider(west.endpoint, alias: "west", region: "eu-west-1"))]},
             "resource": {"aws_lambda_function_event_invoke_config": {
               "east": {"function_name": "orders", "maximum_retry_attempts": 0},
               "west": {"provider": "aws.west", "function_name": "orders", "maximum_event_age_in_seconds": 600}}}}
            """#, to: "main.tf.json")
        let file = terraform.directory.appendingPathComponent("main.tf.json").path
        let apply = try await Self.eic(["apply", "-f", file, "-auto-approve"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete [aws.west (eu-west-1)]: 1 applied"), "\(apply.stdout)")
        try terraform.write(
            #"""
            {"import": [{"to": "aws_lambda_function_event_invoke_config.east", "id": "orders"},
                        {"to": "aws_lambda_function_event_invoke_config.west", "id": "orders",
                         "provider": "aws.west"}]}
            """#, to: "imports.tf.json")
        try Terraform.expectSuccess(await terraform.run(["init"]), "init")
        let plan = try await terraform.run(["plan"], environment: Self.credentials)
        try Terraform.expectSuccess(plan, "plan")
        #expect(
            plan.stdoutText.contains("Plan: 2 to import, 0 to add, 0 to change, 0 to destroy."), "\(plan.stdoutText)")
        try Terraform.expectSuccess(
            await terraform.run(["apply", "-auto-approve"], environment: Self.credentials), "apply (import)")
        try await terraform.expectNoChanges("after import", environment: Self.credentials)
        let destroy = try await terraform.run(["destroy", "-auto-approve"], environment: Self.credentials)
        try Terraform.expectSuccess(destroy, "destroy")
        for (server, region) in [(east, "us-east-1"), (west, "eu-west-1")] {
            let listed = try await Self.eic([
                "list-function-event-invoke-configs", "--function-name", "orders", "--region", region,
                "--endpoint-url", server.endpoint,
            ])
            let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
            #expect((object?["FunctionEventInvokeConfigs"] as? [Any])?.isEmpty == true, "\(region): \(listed.stdout)")
        }
    }
}
