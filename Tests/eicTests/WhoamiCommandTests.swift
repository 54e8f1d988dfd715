import Foundation
import Testing

/// `eic whoami` and `--profile`: where each value comes from, never a secret.
@Suite("eic whoami and --profile")
struct WhoamiCommandTests {
    static func home() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eic-whoami-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try """
        [default]
        region = us-west-2
        [profile dev]
        region = eu-central-1
        services = local
        [services local]
        lambda =
          endpoint_url = http://127.0.0.1:9
        """.write(to: url.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        try """
        [dev]
        aws_access_key_id = AKIDDEVPROFILE1234
        aws_secret_access_key = dev-profile-secret
        aws_session_token = dev-profile-token
        """.write(to: url.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        return url
    }

    @Test("whoami --profile: profile, region, endpoint and credentials with their sources, as parsed JSON")
    func whoamiJSON() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try CommandRunner.run(["whoami", "--profile", "dev"], environment: ["HOME": home.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["profile"] as? String == "dev")
        #expect(object["profileSource"] as? String == "--profile")
        #expect(object["region"] as? String == "eu-central-1")
        #expect((object["regionSource"] as? String)?.hasPrefix("profile dev") == true)
        #expect(object["endpoint"] as? String == "http://127.0.0.1:9")
        #expect(object["endpointSource"] as? String == "[services local] lambda.endpoint_url")
        #expect(object["credentialsSource"] as? String == "profile dev")
        #expect(object["accessKeyId"] as? String == "**************1234")
        #expect(object["temporary"] as? String == "yes")
        for text in [result.stdout, result.stderr] {
            #expect(!text.contains("dev-profile-secret") && !text.contains("dev-profile-token"))
        }
    }

    @Test("whoami with nothing configured exits 253 and lists every provider")
    func whoamiNothing() throws {
        let result = try CommandRunner.run(
            ["whoami", "--output", "table"], environment: ["HOME": "/nonexistent/eic-empty", "AWS_REGION": "us-east-1"])
        #expect(result.status == 253)
        for provider in ["environment", "profile", "web identity", "container", "imds"] {
            #expect(result.stderr.contains("  - \(provider): "), "\(result.stderr)")
        }
    }

    @Test("an API command with --profile signs with the profile's keys and uses its region and endpoint")
    func apiCommandWithProfile() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try CommandRunner.run(
            ["get", "--function-name", "f", "--profile", "dev", "--dry-run"], environment: ["HOME": home.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let text = String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: .withoutEscapingSlashes),
            as: UTF8.self)
        #expect(text.contains("Credential=AKIDDEVPROFILE1234/"))
        #expect(text.contains("/eu-central-1/lambda/aws4_request"))
        #expect(text.contains("127.0.0.1:9"))
        #expect(!text.contains("dev-profile-secret"))
        // --debug logs each attempt; no secret of the profile reaches it.
        let debug = try CommandRunner.run(
            ["get", "--function-name", "f", "--profile", "dev", "--debug", "--cli-read-timeout", "1"],
            environment: ["HOME": home.path])
        #expect(debug.status == 255, "\(debug.stderr)")
        #expect(debug.stderr.contains("127.0.0.1:9"))
        #expect(!debug.stderr.contains("dev-profile-secret") && !debug.stderr.contains("dev-profile-token"))
        // The default profile has a region and no credentials: a clear error, not a fallback to another profile.
        let unknown = try CommandRunner.run(
            ["get", "--function-name", "f", "--profile", "missing"], environment: ["HOME": home.path])
        #expect(unknown.status == 253, "\(unknown.stderr)")
        #expect(
            unknown.stderr.contains("`missing` is not defined") || unknown.stderr.contains("no region"),
            "\(unknown.stderr)")
    }
}
