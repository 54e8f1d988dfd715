import EventInvokeConfigTestSupport
import Foundation
import Testing

@Suite("eic sign")
final class SignCommandTests {
    /// The folder this test's files go in; removed when the test ends (Swift Testing makes one instance per test).
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eic-sign-\(UUID())")

    deinit { try? FileManager.default.removeItem(at: directory) }

    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let context = """
        {"credentials":{"access_key_id":"AKIDEXAMPLE","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
         "expiration_in_seconds":3600,"normalize":true,"region":"us-east-1","service":"lambda","sign_body":false,
         "timestamp":"2026-11-28T12:00:00Z"}
        """

    @Test(
        "suite cases through the command",
        arguments: [
            "get-vanilla", "get-utf8", "get-space-unnormalized", "post-x-www-form-urlencoded",
            "get-vanilla-with-session-token", "post-sts-header-after",
        ],
        ["header", "query"])
    func suiteCase(name: String, mode: String) throws {
        let folder = try ConformanceData.directory.appendingPathComponent("sigv4/v4/\(name)")
        let result = try CommandRunner.run([
            "sign", "--context", folder.appendingPathComponent("context.json").path,
            folder.appendingPathComponent("request.txt").path, "--mode", mode,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        #expect(Set(object.keys) == ["canonicalRequest", "stringToSign", "signature", "signedRequest"])
        func expected(_ file: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent("\(mode)-\(file).txt"), encoding: .utf8)
        }
        #expect(object["canonicalRequest"] == (try expected("canonical-request")))
        #expect(object["stringToSign"] == (try expected("string-to-sign")))
        #expect(object["signature"] == (try expected("signature")))
        #expect(object["signedRequest"]?.contains(try expected("signature")) == true)
        #expect(object["signedRequest"]?.contains("wJalrXUtnFEMI") == false)
    }

    @Test("a Lambda ARN path is encoded once more; $LATEST in the query is not")
    func lambdaDoubleEncoding() throws {
        let request = try temporaryFile(
            "request.txt",
            """
            GET /2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/event-invoke-config?Qualifier=%24LATEST HTTP/1.1
            Host:lambda.us-east-1.amazonaws.com

            """)
        let context = try temporaryFile("context.json", Self.context)
        let result = try CommandRunner.run(["sign", "--context", context, request])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        let lines = try #require(object["canonicalRequest"]).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[1]
                == "/2019-09-25/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A123456789012%253Afunction%253Af/event-invoke-config"
        )
        #expect(lines[2] == "Qualifier=%24LATEST")
    }

    @Test(arguments: [
        ("missing-request", "cannot read request file"),
        ("bad-request-line", "is not METHOD TARGET HTTP/VERSION"),
        ("bad-json", "not valid JSON"),
        ("missing-key", "lacks the key \\\"region\\\""),
        ("bad-timestamp", "not ISO-8601"),
    ])
    func badInput(kind: String, message: String) throws {
        var request = try temporaryFile("r.txt", "GET / HTTP/1.1\nHost:h\n\n")
        var context = try temporaryFile("c.json", Self.context)
        switch kind {
        case "missing-request": request = "/nonexistent/request.txt"
        case "bad-request-line": request = try temporaryFile("r.txt", "GARBAGE\n")
        case "bad-json": context = try temporaryFile("c.json", "{not json")
        case "missing-key":
            context = try temporaryFile(
                "c.json", Self.context.replacingOccurrences(of: "\"region\"", with: "\"regio\""))
        default:
            context = try temporaryFile(
                "c.json", Self.context.replacingOccurrences(of: "2026-11-28T12:00:00Z", with: "yesterday"))
        }
        let result = try CommandRunner.run(["sign", "--context", context, request])
        #expect(result.status == 252)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message.replacingOccurrences(of: "\\\"", with: "\"")), "\(result.stderr)")
    }

    @Test("CR LF request files sign as LF ones do; the signed request shows X-Amz-Date once")
    func crlfAndOneDate() throws {
        let context = try temporaryFile("context.json", Self.context)
        let lines = [
            "GET /?a=b HTTP/1.1", "Host:lambda.us-east-1.amazonaws.com", "X-Amz-Date:20000101T000000Z", "", "",
        ]
        var outputs: [[String: String]] = []
        for (name, separator) in [("lf.txt", "\n"), ("crlf.txt", "\r\n")] {
            let request = try temporaryFile(name, lines.joined(separator: separator))
            let result = try CommandRunner.run(["sign", "--context", context, request])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(
                try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String]))
        }
        #expect(outputs[0] == outputs[1])
        let signed = try #require(outputs[0]["signedRequest"])
        #expect(signed.components(separatedBy: "X-Amz-Date:").count == 2, "\(signed)")
        #expect(!signed.contains("20000101T000000Z"), "the request's own date is replaced by the signing date")
    }

    @Test(
        "control characters in the method, host, a header name, the key ID or the region are refused",
        arguments: [
            ("GET\u{1B}[31m / HTTP/1.1\nHost:h\n\n", Self.context, "method"),
            ("GET / HTTP/1.1\nHost:h\u{07}ost\n\n", Self.context, "host"),
            ("GET / HTTP/1.1\nHost:h\nX\u{1B}Y:1\n\n", Self.context, "header name"),
            (
                "GET / HTTP/1.1\nHost:h\n\n", Self.context.replacingOccurrences(of: "AKIDEXAMPLE", with: "AKID\\r\\nX"),
                "access key ID"
            ),
            (
                "GET / HTTP/1.1\nHost:h\n\n",
                Self.context.replacingOccurrences(of: "us-east-1", with: "us\\u001b-east-1"), "region"
            ),
        ])
    func controlCharacters(request: String, context: String, what: String) throws {
        let result = try CommandRunner.run([
            "sign", "--context", try temporaryFile("c.json", context), try temporaryFile("r.txt", request),
        ])
        #expect(result.status == 252, "\(result.stderr)")
        #expect(result.stderr.contains(what), "\(result.stderr)")
        #expect(!result.stderr.utf8.contains(0x1B) && !result.stderr.utf8.contains(0x07))
    }
}
