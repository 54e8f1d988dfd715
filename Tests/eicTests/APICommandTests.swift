import EventInvokeConfigCore
import Foundation
import Testing

@Suite("eic API commands")
struct APICommandTests {
    static let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN": "TOKEN-SECRET", "AWS_REGION": "us-east-1", "PATH": "/usr/bin:/bin",
    ]

    @Test(
        "--dry-run prints the signed request and sends nothing",
        arguments: [
            (
                [
                    "put", "--function-name", "arn:aws:lambda:us-east-1:123456789012:function:f", "--qualifier",
                    "$LATEST",
                    "--maximum-retry-attempts", "0", "--maximum-event-age-in-seconds", "60",
                ], "PUT",
                "https://lambda.us-east-1.amazonaws.com/2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/event-invoke-config?Qualifier=%24LATEST"
            ),
            (
                [
                    "update-function-event-invoke-config", "--function-name", "f:live", "--destination-config",
                    #"{"OnSuccess":{"Destination":"arn:aws:sns:us-east-1:123456789012:t"}}"#,
                ], "POST",
                "https://lambda.us-east-1.amazonaws.com/2019-09-25/functions/f/event-invoke-config?Qualifier=live"
            ),
            (
                ["get", "--function-name", "f", "--region", "eu-west-1"], "GET",
                "https://lambda.eu-west-1.amazonaws.com/2019-09-25/functions/f/event-invoke-config"
            ),
            (
                ["delete", "--function-name", "123456789012:function:f", "--qualifier", "7"], "DELETE",
                "https://lambda.us-east-1.amazonaws.com/2019-09-25/functions/123456789012%3Afunction%3Af/event-invoke-config?Qualifier=7"
            ),
            (
                [
                    "list-function-event-invoke-configs", "--function-name", "f", "--page-size", "5",
                    "--endpoint-url", "http://127.0.0.1:4566",
                ], "GET",
                "http://127.0.0.1:4566/2019-09-25/functions/f/event-invoke-config/list?MaxItems=5"
            ),
        ] as [([String], String, String)])
    func dryRun(arguments: [String], method: String, url: String) throws {
        let result = try CommandRunner.run(arguments + ["--dry-run"], environment: Self.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["method"] as? String == method)
        #expect(object["url"] as? String == url)
        let headers = try #require(object["headers"] as? [String: String])
        #expect(headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true)
        #expect(headers["x-amz-security-token"] == "<redacted>")
        #expect(!result.stdout.contains("TOKEN-SECRET"))
        #expect(!result.stdout.contains("EXAMPLEKEY"))
        #expect(
            headers["user-agent"]?.hasPrefix("swift-event-invoke-config/\(PackageVersion.current) lang/swift") == true)
        #expect(headers["user-agent"]?.hasSuffix(" eic/\(PackageVersion.current)") == true)
    }

    @Test("eic --version prints the package version, the one the User-Agent carries")
    func version() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == PackageVersion.current)
        let changelog = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        #expect(changelog.contains("## [\(PackageVersion.current)]"), "CHANGELOG.md has a section for the version")
    }

    @Test("the put body carries exactly the flags given")
    func putBody() throws {
        let result = try CommandRunner.run(
            [
                "put", "--function-name", "f", "--maximum-event-age-in-seconds", "3600", "--destination-config",
                #"{"OnFailure":{"Destination":"arn:aws:s3:::bucket"}}"#, "--dry-run",
            ],
            environment: Self.environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let body = try #require((object["body"] as? String).map { Data($0.utf8) })
        let decoded = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(decoded["MaximumEventAgeInSeconds"] as? Int == 3600)
        #expect(decoded["MaximumRetryAttempts"] == nil)
        #expect((decoded["DestinationConfig"] as? [String: Any])?["OnFailure"] != nil)
    }

    @Test(
        "invalid input exits 252 with the rule, nothing on stdout",
        arguments: [
            (["put", "--function-name", "f", "--maximum-retry-attempts", "3"], "0 to 2"),
            (["put", "--function-name", "f"], "sets nothing"),
            (["put", "--function-name", "f", "--destination-config", "{}"], "sets no destination"),
            (
                [
                    "put", "--function-name", "f", "--destination-config",
                    #"{"OnSuccess":{"Destination":"arn:aws:s3:::bucket"}}"#,
                ], "failed invocations"
            ),
            (
                [
                    "put", "--function-name", "f", "--destination-config",
                    #"{"OnSucess":{"Destination":"arn:aws:sqs:us-east-1:123456789012:q"}}"#,
                ], "unknown key \"OnSucess\""
            ),
            (["put", "--function-name", "f", "--destination-config", "not json"], "not a JSON object"),
            (
                ["get", "--function-name", "arn:aws:us-east-1:123456789012:function:f"],
                "arn:aws:lambda:us-east-1:123456789012:function:f"
            ),
            (["get", "--function-name", "f:live", "--qualifier", "blue"], "already carries"),
            (["list", "--function-name", "f", "--page-size", "51"], "1 to 50"),
            (["get", "--function-name", "f", "--endpoint-url", "http://lambda.example.com"], "loopback"),
            // Regression: an explicitly empty value fell back to the default (the real AWS endpoint, `$LATEST`).
            (["get", "--function-name", "f", "--endpoint-url", ""], "the endpoint URL is empty"),
            (["delete", "--function-name", "f", "--qualifier", ""], "the qualifier is empty"),
        ] as [([String], String)])
    func invalidInput(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments, environment: Self.environment)
        #expect(result.status == 252, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("no region, no credentials or a malformed config file exits 253 (invalid configuration), as the AWS CLI")
    func missingConfiguration() throws {
        var environment = Self.environment
        environment["AWS_REGION"] = nil
        let noRegion = try CommandRunner.run(["get", "--function-name", "f"], environment: environment)
        #expect(noRegion.status == 253)
        #expect(noRegion.stderr.contains("AWS_REGION"))
        let noKeys = try CommandRunner.run(
            ["get", "--function-name", "f", "--endpoint-url", "http://127.0.0.1:9"],
            environment: ["AWS_REGION": "us-east-1"])
        #expect(noKeys.status == 253)
        #expect(noKeys.stderr.contains("no credentials found"), "\(noKeys.stderr)")
        #expect(noKeys.stderr.contains("environment: AWS_ACCESS_KEY_ID is not set"), "\(noKeys.stderr)")
        #expect(noKeys.stderr.contains("imds: disabled by AWS_EC2_METADATA_DISABLED=true"), "\(noKeys.stderr)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eic-253-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config")
        try Data("[profile broken]\nthis line has no equals sign\n".utf8).write(to: config)
        let malformed = try CommandRunner.run(
            ["get", "--function-name", "f", "--profile", "broken"],
            environment: ["AWS_CONFIG_FILE": config.path, "AWS_REGION": "us-east-1"])
        #expect(malformed.status == 253, "\(malformed.stderr)")
        #expect(malformed.stderr.contains("line 2"), "\(malformed.stderr)")
        let badFlag = try CommandRunner.run(["get", "--function-name", "f", "--region", "nowhere"])
        #expect(badFlag.status == 252, "a bad flag stays a usage error: \(badFlag.stderr)")
    }

    @Test("a refused connection exits 255")
    func transportFailure() throws {
        let result = try CommandRunner.run(
            ["get", "--function-name", "f", "--endpoint-url", "http://127.0.0.1:9"], environment: Self.environment)
        #expect(result.status == 255)
        #expect(result.stderr.contains("127.0.0.1:9"))
    }

    @Test("--debug logs every attempt to stderr without secrets")
    func debugLogging() throws {
        let result = try CommandRunner.run(
            ["get", "--function-name", "f", "--endpoint-url", "http://127.0.0.1:9", "--debug"],
            environment: Self.environment)
        #expect(result.stderr.contains("attempt"))
        #expect(result.stderr.contains("operation=GetFunctionEventInvokeConfig"))
        #expect(!result.stderr.contains("TOKEN-SECRET"))
        #expect(!result.stderr.contains("EXAMPLEKEY"))
    }
}
