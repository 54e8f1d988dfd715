import EventInvokeConfigTestSupport
import Foundation
import Testing

/// Every `--output json` of every command is parsed: the API commands against a moto server on 127.0.0.1, the local
/// ones (`demo`, `parse-id`, `sign`, `--dry-run`) on their own.
@Suite("eic --output json is JSON", .enabled(if: Prerequisites.moto.isAvailable, Prerequisites.moto.skipReason))
struct JSONOutputTests {
    static func object(_ result: CommandRunner.Result, _ what: String) throws -> [String: Any] {
        #expect(result.status == 0, "\(what): \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(parsed as? [String: Any], "\(what) printed \(result.stdout)")
    }

    /// The AWS CLI's form of a timestamp: `2026-12-07T01:02:03.456000+00:00`, or without the fraction.
    static func isCLITimestamp(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00/) != nil
    }

    @Test("put, get, update, list and delete print JSON the AWS CLI would print")
    func apiCommands() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIDMOTO", "AWS_SECRET_ACCESS_KEY": "moto-secret", "AWS_REGION": "us-east-1",
            "PATH": "/usr/bin:/bin",
        ]
        func run(_ arguments: [String]) throws -> [String: Any] {
            let result = try CommandRunner.run(
                arguments + ["--function-name", "demo-fn", "--endpoint-url", moto.endpoint, "--output", "json"],
                environment: environment)
            return try Self.object(result, arguments[0])
        }
        let put = try run([
            "put", "--maximum-retry-attempts", "1", "--destination-config",
            #"{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"}}"#,
        ])
        #expect((put["FunctionArn"] as? String)?.hasSuffix(":function:demo-fn") == true)
        #expect(put["MaximumRetryAttempts"] as? Int == 1)
        #expect(Self.isCLITimestamp(put["LastModified"]), "\(put)")
        let destinations = try #require(put["DestinationConfig"] as? [String: Any])
        #expect((destinations["OnFailure"] as? [String: Any])?["Destination"] as? String != nil)
        #expect((destinations["OnSuccess"] as? [String: Any])?.isEmpty == true)

        let get = try run(["get"])
        #expect(Self.isCLITimestamp(get["LastModified"]))
        let update = try run(["update", "--maximum-event-age-in-seconds", "600"])
        #expect(update["MaximumEventAgeInSeconds"] as? Int == 600)
        let list = try run(["list"])
        let items = try #require(list["FunctionEventInvokeConfigs"] as? [[String: Any]])
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0["FunctionArn"] is String && Self.isCLITimestamp($0["LastModified"]) })
        let deleted = try CommandRunner.run(
            ["delete", "--function-name", "demo-fn", "--endpoint-url", moto.endpoint, "--output", "json"],
            environment: environment)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("demo, parse-id, sign and --dry-run print JSON")
    func localCommands() throws {
        let demo = try Self.object(try CommandRunner.run(["demo", "--output", "json"]), "demo")
        #expect((demo["steps"] as? [Any])?.isEmpty == false)
        let id = try Self.object(try CommandRunner.run(["parse-id", "my_function:production"]), "parse-id")
        #expect(id["qualifier"] as? String == "production")
        #expect(id["region"] is NSNull)
        let dryRun = try Self.object(
            try CommandRunner.run(
                ["list", "--function-name", "f", "--dry-run"],
                environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "S", "AWS_REGION": "us-east-1"]),
            "--dry-run")
        #expect(dryRun["method"] as? String == "GET")
    }
}
