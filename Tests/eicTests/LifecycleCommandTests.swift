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
        let object = try Self.json(plan)
        #expect(object["add"] as? Int == 2)
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
        #expect(try Self.json(again)["change"] as? Int == 0)
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
