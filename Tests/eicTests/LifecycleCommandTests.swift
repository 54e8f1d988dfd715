import EventInvokeConfigTestSupport
import Foundation
import Testing

/// `eic plan`, `apply` and `import` against `eic-local` (the in-memory Lambda over HTTP).
@Suite("eic plan / apply / import", .serialized)
final class LifecycleCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eic-lifecycle-\(UUID())")

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ contents: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let desired = #"""
        {"resource": {"aws_lambda_function_event_invoke_config": {
          "orders_live": {"function_name": "orders", "qualifier": "live", "maximum_retry_attempts": 0,
                          "destination_config": [{"on_failure": [{"destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}]}]},
          "payments": {"function_name": "arn:aws:lambda:us-east-1:123456789012:function:payments",
                       "maximum_event_age_in_seconds": 3600}},
          "aws_sqs_queue": {"dlq": {"name": "dlq"}}}}
        """#

    func server() throws -> LocalLambdaServer {
        let seed = try file(
            "seed.json",
            #"{"functions": [{"name": "orders", "versions": 2, "aliases": {"live": 2}}, {"name": "payments"}]}"#)
        return try LocalLambdaServer.start(["--seed", seed])
    }

    func eic(_ arguments: [String], _ server: LocalLambdaServer) throws -> CommandRunner.Result {
        try CommandRunner.run(
            arguments + ["--endpoint-url", server.endpoint], environment: APICommandTests.environment)
    }

    static func json(_ result: CommandRunner.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("plan shows the changes (exit 2 with --detailed-exitcode), apply makes them, the next plan is empty")
    func planApplyPlan() throws {
        let server = try server()
        defer { server.stop() }
        let path = try file("main.tf.json", Self.desired)
        let plan = try eic(["plan", "-f", path, "--detailed-exitcode", "--output", "json"], server)
        #expect(plan.status == 2, "\(plan.stderr)")
        let changes = try Self.resourceChanges(plan)
        #expect(changes.map(\.actions) == [["create"], ["create"]])
        #expect(plan.stderr.contains("ignored the resources of type aws_sqs_queue"))
        let text = try eic(["plan", "-f", path], server)
        #expect(
            text.stdout.contains("+ aws_lambda_function_event_invoke_config.orders_live (orders:live) will be created"))
        #expect(text.stdout.contains("maximum_retry_attempts: (none) → 0"))
        #expect(text.stdout.contains("Plan: 2 to add, 0 to change, 0 to destroy."))
        let refused = try eic(["apply", "-f", path], server)
        #expect(refused.status == 252, "no terminal and no --auto-approve: \(refused.stderr)")
        let apply = try eic(["apply", "-f", path, "--auto-approve"], server)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete: 2 applied, 0 failed, 0 not attempted."))
        #expect(apply.stderr.contains("progress: 2/2 done"))
        let again = try eic(["plan", "-f", path, "--detailed-exitcode", "--output", "json"], server)
        #expect(again.status == 0)
        #expect(try Self.resourceChanges(again).allSatisfy { $0.actions == ["no-op"] })
    }

    /// One entry of `resource_changes` in `terraform show -json`'s shape.
    struct ResourceChange {
        var address: String
        var actions: [String]
        var before: [String: Any]?
        var after: [String: Any]?
    }

    /// The `resource_changes` of a plan printed as `terraform show -json` prints one, checked for its fixed members.
    static func resourceChanges(_ result: CommandRunner.Result) throws -> [ResourceChange] {
        let object = try json(result)
        #expect(object["format_version"] as? String == "1.2")
        let items = try #require(object["resource_changes"] as? [[String: Any]])
        return try items.map { item in
            #expect(item["type"] as? String == "aws_lambda_function_event_invoke_config")
            #expect(item["mode"] as? String == "managed")
            #expect(item["provider_name"] as? String == "registry.terraform.io/hashicorp/aws")
            let change = try #require(item["change"] as? [String: Any])
            return ResourceChange(
                address: try #require(item["address"] as? String),
                actions: try #require(change["actions"] as? [String]), before: change["before"] as? [String: Any],
                after: change["after"] as? [String: Any])
        }
    }

    @Test("plan -out saves what was reviewed; apply PLAN applies exactly that, and refuses a stale or foreign plan")
    func savedPlans() throws {
        let server = try server()
        defer { server.stop() }
        let path = try file("main.tf.json", Self.desired)
        let planFile = directory.appendingPathComponent("reviewed.plan").path
        let plan = try eic(["plan", "-f", path, "-out", planFile, "-detailed-exitcode"], server)
        #expect(plan.status == 2, "\(plan.stderr)")
        let shown = try CommandRunner.run(["show", "-json", planFile], environment: APICommandTests.environment)
        let changes = try Self.resourceChanges(shown)
        let orders = try #require(changes.first { $0.address == "aws_lambda_function_event_invoke_config.orders_live" })
        #expect(orders.actions == ["create"])
        #expect(orders.before == nil)
        #expect(orders.after?["maximum_retry_attempts"] as? Int == 0)
        #expect(orders.after?["qualifier"] as? String == "live")
        let destinations = orders.after?["destination_config"] as? [[String: [[String: String]]]]
        #expect(destinations?.first?["on_failure"]?.first?["destination"] == "arn:aws:sqs:us-east-1:123456789012:dlq")
        let payments = try #require(changes.first { $0.address == "aws_lambda_function_event_invoke_config.payments" })
        #expect(payments.after?["maximum_retry_attempts"] as? Int == 2, "the provider's default")

        // Something changes one target after the plan: the plan is stale, and nothing is applied.
        let outOfBand = try eic(
            ["put-function-event-invoke-config", "--function-name", "payments", "--maximum-retry-attempts", "1"], server
        )
        #expect(outOfBand.status == 0, "\(outOfBand.stderr)")
        let stale = try eic(["apply", planFile], server)
        #expect(stale.status == 252)
        #expect(stale.stderr.contains("is stale: aws_lambda_function_event_invoke_config.payments"), "\(stale.stderr)")
        let untouched = try eic(["get-function-event-invoke-config", "--function-name", "orders:live"], server)
        #expect(untouched.status == 254, "nothing was applied: \(untouched.stdout)")

        // Planned again, applied from the file without a prompt.
        _ = try eic(["plan", "-f", path, "-out", planFile], server)
        let apply = try eic(["apply", planFile], server)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete: 2 applied, 0 failed, 0 not attempted."))
        let foreign = try CommandRunner.run(
            ["apply", planFile, "--endpoint-url", "http://127.0.0.1:9"], environment: APICommandTests.environment)
        #expect(foreign.status == 252)
        #expect(foreign.stderr.contains("was planned for us-east-1 at \(server.endpoint)"), "\(foreign.stderr)")
        let garbage = try file("garbage.plan", "{}")
        let unreadable = try CommandRunner.run(["show", garbage], environment: APICommandTests.environment)
        #expect(unreadable.status == 252)
        #expect(unreadable.stderr.contains("not an eic plan file"))
    }

    @Test("apply takes -f FILE or a plan file, not both, and --prune only with -f")
    func applyArguments() throws {
        for arguments in [["apply"], ["apply", "x.plan", "-f", "main.tf.json"], ["apply", "x.plan", "--prune"]] {
            let result = try CommandRunner.run(arguments, environment: APICommandTests.environment)
            #expect(result.status == 252, "\(arguments): \(result.stderr)")
        }
    }

    @Test("under -detailed-exitcode every error exits 1, as terraform plan's does")
    func detailedExitcodeErrors() throws {
        let server = try server()
        defer { server.stop() }
        let missing = try eic(["plan", "-f", "/nonexistent.tf.json", "-detailed-exitcode"], server)
        #expect(missing.status == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("cannot read"))
        let plain = try eic(["plan", "-f", "/nonexistent.tf.json"], server)
        #expect(plain.status == 252)
    }

    @Test("count = 0 deletes nothing by itself; --prune deletes it, unless lifecycle.prevent_destroy forbids it")
    func ownership() throws {
        let server = try server()
        defer { server.stop() }
        let put = try eic(
            ["put-function-event-invoke-config", "--function-name", "payments", "--maximum-retry-attempts", "1"], server
        )
        #expect(put.status == 0, "\(put.stderr)")
        let absent = try file(
            "absent.tf.json",
            #"{"resource": {"aws_lambda_function_event_invoke_config": {"payments": {"function_name": "payments", "count": 0}}}}"#
        )
        let plan = try eic(["plan", "-f", absent, "-detailed-exitcode"], server)
        #expect(plan.status == 0, "count = 0 alone: no changes\n\(plan.stdout)")
        let pruning = try eic(["plan", "-f", absent, "--prune"], server)
        #expect(pruning.stdout.contains("Plan: 0 to add, 0 to change, 1 to destroy."), "\(pruning.stdout)")
        let protected = try file(
            "protected.tf.json",
            #"{"resource": {"aws_lambda_function_event_invoke_config": {"payments": {"function_name": "payments", "count": 0, "lifecycle": {"prevent_destroy": true}}}}}"#
        )
        let refused = try eic(["apply", "-f", protected, "--prune", "--auto-approve"], server)
        #expect(refused.status == 252)
        #expect(
            refused.stderr.contains("aws_lambda_function_event_invoke_config.payments: lifecycle.prevent_destroy"),
            "\(refused.stderr)")
        let still = try eic(["get-function-event-invoke-config", "--function-name", "payments"], server)
        #expect(still.status == 0, "nothing was deleted")
    }

    @Test("import prints what exists as .tf.json that plans no change, or as HCL with import blocks")
    func importCommand() throws {
        let server = try server()
        defer { server.stop() }
        _ = try eic(["apply", "-f", try file("main.tf.json", Self.desired), "--auto-approve"], server)
        let imported = try eic(["import", "orders:live", "payments"], server)
        #expect(imported.status == 0, "\(imported.stderr)")
        _ = try Self.json(imported)
        let path = try file("imported.tf.json", imported.stdout)
        let plan = try eic(["plan", "-f", path, "--detailed-exitcode"], server)
        #expect(plan.status == 0, "\(plan.stdout)")
        let missing = try eic(["import", "orders:1"], server)
        #expect(missing.status == 254)
        #expect(missing.stderr.contains("no event invoke config exists for orders:1"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)
        let hcl = try eic(["import", "orders:live", "--format", "hcl"], server)
        #expect(hcl.stdout.contains("import {\n  to = aws_lambda_function_event_invoke_config.orders_live"))
    }

    @Test("provider blocks: each provider's targets converge with its own client; one failing stops no other")
    func fleet() throws {
        let seed = try file(
            "fleet-seed.json",
            #"{"functions": [{"name": "orders"}, {"name": "orders", "region": "eu-west-1"}]}"#)
        let server = try LocalLambdaServer.start(["--seed", seed])
        defer { server.stop() }
        let fleet = try file(
            "fleet.tf.json",
            #"""
            {"provider": {"aws": [
               {"region": "us-east-1", "endpoints": {"lambda": "\#(server.endpoint)"}},
               {"alias": "west", "region": "eu-west-1", "endpoints": [{"lambda": "\#(server.endpoint)"}],
                "skip_credentials_validation": true}]},
             "resource": {"aws_lambda_function_event_invoke_config": {
               "east": {"function_name": "orders", "maximum_retry_attempts": 0},
               "west": {"provider": "aws.west", "function_name": "orders", "maximum_retry_attempts": 1}}}}
            """#)
        let environment = APICommandTests.environment
        let apply = try CommandRunner.run(["apply", "-f", fleet, "--auto-approve"], environment: environment)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("aws (us-east-1):"), "\(apply.stdout)")
        #expect(apply.stdout.contains("aws.west (eu-west-1):"))
        #expect(apply.stdout.contains("Apply complete [aws.west (eu-west-1)]: 1 applied, 0 failed, 0 not attempted."))
        #expect(apply.stderr.contains("progress [aws.west]: 1/1 done"))
        #expect(apply.stderr.contains("ignored skip_credentials_validation"))
        func retries(_ region: String) throws -> Int? {
            let got = try CommandRunner.run(
                [
                    "get-function-event-invoke-config", "--function-name", "orders", "--region", region,
                    "--endpoint-url",
                    server.endpoint,
                ], environment: environment)
            let object = try JSONSerialization.jsonObject(with: Data(got.stdout.utf8)) as? [String: Any]
            return object?["MaximumRetryAttempts"] as? Int
        }
        #expect(try retries("us-east-1") == 0)
        #expect(try retries("eu-west-1") == 1)
        let plan = try CommandRunner.run(["plan", "-f", fleet, "-detailed-exitcode"], environment: environment)
        #expect(plan.status == 0, "\(plan.stdout)")

        // A provider that cannot be reached fails its own targets only.
        let broken = try file(
            "broken.tf.json",
            #"""
            {"provider": {"aws": [{"region": "us-east-1", "endpoints": {"lambda": "\#(server.endpoint)"}},
                                  {"alias": "gone", "region": "eu-west-1", "endpoints": {"lambda": "http://127.0.0.1:9"}}]},
             "resource": {"aws_lambda_function_event_invoke_config": {
               "east": {"function_name": "orders", "maximum_retry_attempts": 2},
               "lost": {"provider": "aws.gone", "function_name": "orders", "maximum_retry_attempts": 2}}}}
            """#)
        let partial = try CommandRunner.run(
            ["apply", "-f", broken, "--auto-approve", "--cli-connect-timeout", "2"], environment: environment)
        #expect(partial.status == 254, "\(partial.stderr)")
        #expect(partial.stderr.contains("aws.gone (eu-west-1): cannot plan"), "\(partial.stderr)")
        #expect(partial.stdout.contains("Apply complete [aws (us-east-1)]: 1 applied"), "\(partial.stdout)")
        #expect(try retries("us-east-1") == 2, "the reachable provider converged")
        let unknown = try file(
            "unknown.tf.json",
            #"{"resource": {"aws_lambda_function_event_invoke_config": {"x": {"provider": "aws.nowhere", "function_name": "orders"}}}}"#
        )
        let refused = try CommandRunner.run(["plan", "-f", unknown], environment: environment)
        #expect(refused.status == 252)
        #expect(refused.stderr.contains("aws_lambda_function_event_invoke_config.x: provider"), "\(refused.stderr)")
    }

    @Test("an interpolation is an input error naming the resource and the argument; nothing is sent")
    func interpolation() throws {
        let server = try server()
        defer { server.stop() }
        let path = try file(
            "bad.tf.json",
            #"{"resource": {"aws_lambda_function_event_invoke_config": {"x": {"function_name": "${aws_lambda_function.f.arn}", "maximum_retry_attempts": 1}}}}"#
        )
        let result = try eic(["plan", "-f", path], server)
        #expect(result.status == 252)
        #expect(result.stderr.contains("aws_lambda_function_event_invoke_config.x: function_name"), "\(result.stderr)")
    }
}
