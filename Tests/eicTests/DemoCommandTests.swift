import Foundation
import Testing

@Suite("eic demo")
struct DemoCommandTests {
    @Test("the demo runs the whole lifecycle offline and exits 0")
    func table() throws {
        let result = try CommandRunner.run(["demo"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        for section in [
            "1. put", "2. get", "3. list my_function", "4. import by every ID form", "5. errors", "6. delete",
            "7. plan → apply → drift → plan",
        ] {
            #expect(result.stdout.contains(section), "missing \(section)")
        }
        #expect(!result.stdout.contains("NO"), "every config read back matches what was put")
        #expect(
            result.stdout.contains("The destination ARN arn:aws:sqs:us-east-1:123456789012:not-created-yet is invalid.")
        )
        #expect(result.stdout.contains("sqs:SendMessage"))
        #expect(result.stdout.contains("0 configs left"))
        #expect(result.stdout.contains("all verified by the in-memory Lambda"))
    }

    @Test("--output json is machine-readable")
    func json() throws {
        let result = try CommandRunner.run(["demo", "--output", "json"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == 7)
        let lifecycle = try #require(steps[6]["rows"] as? [[String: String]])
        #expect(
            lifecycle.map { $0["step"] ?? "" } == [
                "plan", "apply", "plan after apply", "out-of-band update", "plan (drift)", "apply", "plan after apply",
            ])
        #expect(lifecycle[4]["changes"] == "update orders:$LATEST: maximum_retry_attempts: 2 → 0")
        #expect(lifecycle[6]["result"]?.hasPrefix("No changes.") == true)
        let imports = try #require(steps[3]["rows"] as? [[String: String]])
        #expect(
            imports.map { $0["import ID"] } == [
                "my_function", "my_function:production", "arn:aws:lambda:us-east-1:123456789012:function:my_function",
                "arn:aws:lambda:us-east-1:123456789012:function:my_function:1",
            ])
    }
}
