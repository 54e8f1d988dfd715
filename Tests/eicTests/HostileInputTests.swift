import EventInvokeConfigTestSupport
import Foundation
import Testing

/// eic against bad input and hostile servers: every class of failure has its exit status (252 input, 253 the
/// configuration or credentials, 254 an error response, 255 network or lost output), nothing hostile reaches the terminal, and every wait and
/// read is bounded.
@Suite(
    "eic: hostile input and hostile servers",
    .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason), .serialized)
struct HostileInputTests {
    static let environment = APICommandTests.environment

    static func eic(_ arguments: [String], environment: [String: String] = environment) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, environment: environment)
    }

    @Test(
        "usage and input errors exit 252, nothing sent",
        arguments: [
            ["get"],
            ["get", "--function-name"],
            ["get", "--function-name", "f", "--bogus"],
            ["put", "--function-name", "f", "--maximum-retry-attempts", "99999999999999999999999"],
            ["put", "--function-name", "f", "--maximum-retry-attempts", "9223372036854775807"],
            ["put", "--function-name", "f", "--maximum-retry-attempts", "x"],
            ["get", "--function-name", "f", "--qualifier", "a", "--qualifier", "b"],
            ["get", "--function-name", "f", "--output", "text"],
            ["get", "--function-name", "f", "--endpoint-url", "http://127.0.0.1:99999"],
            ["get", "--function-name", "f", "--endpoint-url", "http://127.0.0.1:0"],
            ["get", "--function-name", "f", "--endpoint-url", ""],
            ["get", "--function-name", "f", "--qualifier", ""],
            ["get", "--function-name", "f", "--cli-read-timeout", "-1"],
            ["list", "--function-name", "f", "--marker", "a", "--starting-token", "b"],
            ["put", "--function-name", "f", "--destination-config", #"{"OnFailure":{"Destination":5}}"#],
            ["put", "--function-name", "f", "--destination-config", #"{"OnFailure":"arn:aws:sqs:us-east-1:1:q"}"#],
            ["parse-id", "demo-fn:"],
            ["nonsense"],
        ])
    func inputErrors(_ arguments: [String]) throws {
        let result = try Self.eic(arguments)
        #expect(result.status == 252, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("a repeated or conflicting option names itself")
    func repeatedOptions() throws {
        let repeated = try Self.eic(["get", "--function-name", "f", "--region", "us-east-1", "--region=eu-west-1"])
        #expect(repeated.status == 252)
        #expect(repeated.stderr.contains("--region is given more than once"))
        let conflict = try Self.eic(["list", "--function-name", "f", "--marker", "m", "--starting-token", "t"])
        #expect(conflict.stderr.contains("--marker and --starting-token"))
    }

    @Test("wrong-typed --destination-config members are named; a huge input is not echoed back whole")
    func destinationConfigTypes() throws {
        let typed = try Self.eic([
            "put", "--function-name", "f", "--destination-config",
            #"{"OnFailure":{"Destination":5},"OnSuccess":{"Destination":"arn:aws:sns:us-east-1:123456789012:t"}}"#,
        ])
        #expect(typed.status == 252)
        #expect(typed.stderr.contains("OnFailure.Destination must be a string"))
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let echoed = try Self.eic(["put", "--function-name", "f", "--destination-config", deep])
        #expect(echoed.status == 252)
        #expect(echoed.stderr.utf8.count < 1_000, "\(echoed.stderr.utf8.count) bytes of error")
    }

    @Test("an error quotes the whole value, not the fragment that broke the rule")
    func wholeValueQuoted() throws {
        let result = try Self.eic(["get", "--function-name", "demo-fn:"])
        #expect(result.status == 252)
        #expect(result.stderr.contains(#""demo-fn:""#), "\(result.stderr)")
    }

    @Test(
        "every HTTP error response exits 254, with or without an AWS error type", arguments: ["html-500", "json-403"])
    func errorResponses(mode: String) throws {
        let server = try HostileServer.start(mode)
        defer { server.stop() }
        let result = try Self.eic([
            "get", "--function-name", "f", "--endpoint-url", server.endpoint, "--cli-read-timeout", "5",
        ])
        #expect(result.status == 254, "\(result.stderr)")
        #expect(result.stderr.contains(mode == "html-500" ? "HTTP 500" : "HTTP 403"), "\(result.stderr)")
    }

    @Test("network failures exit 255; unusable credentials 253 (invalid configuration)")
    func networkAndCredentials() throws {
        let refused = try Self.eic(["get", "--function-name", "f", "--endpoint-url", "http://127.0.0.1:9"])
        #expect(refused.status == 255)
        var environment = Self.environment
        environment["AWS_ACCESS_KEY_ID"] = "AKID\r\nX-Injected: 1"
        let server = try HostileServer.start("ok")
        defer { server.stop() }
        let credentials = try Self.eic(
            ["get", "--function-name", "f", "--endpoint-url", server.endpoint], environment: environment)
        #expect(credentials.status == 253)
        #expect(credentials.stderr.contains("control character"))
        #expect(!credentials.stderr.contains("X-Injected"), "the key ID itself is not printed")
        #expect(try server.requestCount() == 0, "nothing was sent")
    }

    @Test("a redirect to another host is not followed: the signed request and its token stay where they were sent")
    func redirectNotFollowed() throws {
        let elsewhere = try HostileServer.start("ok")
        defer { elsewhere.stop() }
        let server = try HostileServer.start("redirect-307:\(elsewhere.port)")
        defer { server.stop() }
        let result = try Self.eic(["get", "--function-name", "f", "--endpoint-url", server.endpoint])
        #expect(result.status == 254, "\(result.stderr)")
        #expect(result.stderr.contains("HTTP 307 redirect"), "\(result.stderr)")
        #expect(result.stderr.contains("127.0.0.1:\(elsewhere.port)"), "\(result.stderr)")
        #expect(try elsewhere.requestCount() == 0)
        #expect(try server.requestCount() == 1, "not retried")
    }

    @Test("escape sequences from the server never reach the terminal")
    func terminalEscapes() throws {
        let server = try HostileServer.start("escapes")
        defer { server.stop() }
        let result = try Self.eic(["get", "--function-name", "f", "--endpoint-url", server.endpoint])
        #expect(result.status == 254)
        let bytes = Array(result.stderr.utf8)
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(result.stderr)")
        #expect(bytes.filter { $0 == 0x0A }.count == 1, "one line")
        #expect(result.stderr.contains(#"\u{1b}[31mred"#))
    }

    @Test("a server that repeats NextMarker ends the listing with an error, after two requests")
    func repeatedMarker() throws {
        let server = try HostileServer.start("repeat-marker")
        defer { server.stop() }
        let result = try Self.eic(["list", "--function-name", "f", "--endpoint-url", server.endpoint])
        #expect(result.status == 255)
        #expect(result.stderr.contains("twice"), "\(result.stderr)")
        #expect(try server.requestCount() == 2)
    }

    @Test("a List answer without FunctionEventInvokeConfigs is an invalid response, not an empty list")
    func listWithoutMember() throws {
        let server = try HostileServer.start("list-no-member")
        defer { server.stop() }
        let result = try Self.eic(["list", "--function-name", "f", "--endpoint-url", server.endpoint])
        #expect(result.status == 255)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("FunctionEventInvokeConfigs"), "\(result.stderr)")
    }

    @Test("a body over the limit fails at once and is not retried", arguments: ["big", "big-declared"])
    func oversizedBody(mode: String) throws {
        let server = try HostileServer.start(mode)
        defer { server.stop() }
        let result = try Self.eic(["get", "--function-name", "f", "--endpoint-url", server.endpoint])
        #expect(result.status == 255)
        #expect(result.stderr.contains("limit"), "\(result.stderr)")
        #expect(try server.requestCount() == 1)
    }

    @Test(
        "--cli-read-timeout bounds an attempt, a silent server and a dripping body alike", arguments: ["hang", "drip"])
    func timeouts(mode: String) throws {
        let server = try HostileServer.start(mode)
        defer { server.stop() }
        let started = ContinuousClock.now
        let result = try Self.eic([
            "get", "--function-name", "f", "--endpoint-url", server.endpoint, "--cli-read-timeout", "1",
            "--cli-connect-timeout", "1", "--debug",
        ])
        let elapsed = ContinuousClock.now - started
        #expect(result.status == 255, "\(result.stderr)")
        #expect(result.stderr.contains("retrying"), "each wait is logged with --debug")
        // Three attempts of at most 2 s (plus the client's quarter-second grace) and two backoffs under 1 s.
        #expect(elapsed < .seconds(15), "\(elapsed)")
    }

    @Test("a failed write to standard output exits 255 with a message")
    func lostOutput() throws {
        let server = try HostileServer.start("ok")
        defer { server.stop() }
        let full = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        defer { try? full.close() }
        let result = try ProcessRunner.run(
            CommandRunner.executable, ["get", "--function-name", "f", "--endpoint-url", server.endpoint],
            environment: Self.environment, standardOutput: full, timeout: .seconds(60))
        let stderr = result.stderrText
        #expect(result.status == 255)
        #expect(stderr.contains("cannot write the output"), "\(stderr)")
    }

    @Test("--dry-run with --debug does not log the captured request as a failed attempt")
    func dryRunDebug() throws {
        let result = try Self.eic(["get", "--function-name", "f", "--dry-run", "--debug"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("Captured"))
        #expect(!result.stderr.contains("error="))
        _ = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
