import EventInvokeConfigSigV4
import Foundation
import HTTPTypes
import PropertyBased
import Testing

@Suite("SigV4Signer behaviour")
struct SignerTests {
    static let credentials = Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_795_867_200)  // 2026-11-28T12:00:00Z
    static let body = Array(
        #"{"MaximumRetryAttempts":0,"MaximumEventAgeInSeconds":60,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"},"OnSuccess":{"Destination":"arn:aws:sns:us-east-1:123456789012:topic"}}}"#
            .utf8)

    /// The reference request of the signer issue.
    static let reference = SigV4Request(
        method: "PUT",
        path:
            "/2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-function/event-invoke-config",
        query: "Qualifier=%24LATEST",
        headers: [
            ("host", "lambda.us-east-1.amazonaws.com"), ("content-type", "application/json"),
            ("x-amz-date", "20261128T120000Z"), ("x-amz-security-token", "FQoGZXIvYXdzEXAMPLETOKEN"),
        ],
        payload: .bytes(body))

    @Test("the reference Lambda Put signs as botocore signs it")
    func referenceSignature() throws {
        let credentials = Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN")
        for cache in [SigningKeyCache(), nil] {
            let signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: cache)
            let signed = try signer.sign(Self.reference, credentials: credentials, date: Self.date)
            #expect(signed.signature == "931f101865e22a61b1dbf574fb29c03e5da8b9581e3c62854f3e03430c61c6b8")
            #expect(signed.authorization.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"))
            let details = try signer.details(Self.reference, credentials: credentials, date: Self.date)
            #expect(details.canonicalRequest.contains("\narn") == false)
            #expect(
                details.canonicalRequest.split(separator: "\n")[1].hasPrefix(
                    "/2019-09-25/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A123456789012%253Afunction"))
            #expect(details.canonicalRequest.split(separator: "\n")[2] == "Qualifier=%24LATEST")
        }
    }

    @Test("an empty body's payload hash is SHA-256 of nothing (FIPS 180-4's test value)")
    func emptyPayloadHash() throws {
        let signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: nil)
        let request = SigV4Request(
            method: "GET", path: "/", headers: [("host", "lambda.us-east-1.amazonaws.com")], payload: .empty)
        let details = try signer.details(request, credentials: Self.credentials, date: Self.date)
        let expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(details.payloadHash == expected)
        #expect(details.canonicalRequest.hasSuffix("\n" + expected))
    }

    @Test("$LATEST in a path is %2524LATEST in the canonical request; in the query it stays %24LATEST")
    func latestEncoding() throws {
        let request = SigV4Request(
            method: "GET", path: "/2019-09-25/functions/fn%3A%24LATEST/event-invoke-config",
            query: "Qualifier=$LATEST", headers: [("Host", "h")])
        let details = try SigV4Signer(region: "us-east-1", service: "lambda").details(
            request, credentials: Self.credentials, date: Self.date)
        let lines = details.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/2019-09-25/functions/fn%253A%2524LATEST/event-invoke-config")
        #expect(lines[2] == "Qualifier=%24LATEST")
    }

    @Test("S3-style options keep existing escapes and sign the payload hash header")
    func s3Options() throws {
        let request = SigV4Request(
            method: "PUT", path: "/bucket/a%20b/c d//e", headers: [("host", "s3.amazonaws.com")],
            payload: .bytes(Array("x".utf8)))
        let signer = SigV4Signer(region: "us-east-1", service: "s3", options: .s3)
        let details = try signer.details(request, credentials: Self.credentials, date: Self.date)
        let lines = details.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/bucket/a%20b/c%20d//e")
        #expect(details.signedHeaders == "host;x-amz-content-sha256;x-amz-date")
        let signed = try signer.sign(request, credentials: Self.credentials, date: Self.date)
        #expect(signed.contentSHA256 == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")
        #expect(signed.headers.map(\.name) == ["x-amz-date", "x-amz-content-sha256", "authorization"])
    }

    @Test("unsigned and precomputed payloads")
    func payloads() throws {
        var request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")], payload: .unsigned)
        let signer = SigV4Signer(region: "us-east-1", service: "lambda")
        #expect(
            try signer.details(request, credentials: Self.credentials, date: Self.date).canonicalRequest
                .hasSuffix("\nUNSIGNED-PAYLOAD"))
        request.payload = .precomputedSHA256(String(repeating: "a", count: 64))
        #expect(
            try signer.details(request, credentials: Self.credentials, date: Self.date).payloadHash
                == String(repeating: "a", count: 64))
        request.payload = .precomputedSHA256("ABC")
        let error = #expect(throws: SigV4Error.self) {
            try signer.sign(request, credentials: Self.credentials, date: Self.date)
        }
        #expect(error?.code == .invalidPayloadHash)
    }

    @Test("a request built from its target signs as one built from path and query; both parts read back")
    func targetInitializer() throws {
        let signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: nil)
        let target = Self.reference.path + "?" + Self.reference.query
        let fromTarget = SigV4Request(
            method: "PUT", target: target, headers: Self.reference.headers, payload: Self.reference.payload)
        #expect(fromTarget.path == Self.reference.path)
        #expect(fromTarget.query == Self.reference.query)
        #expect(
            try signer.sign(fromTarget, credentials: Self.credentials, date: Self.date).authorization
                == signer.sign(Self.reference, credentials: Self.credentials, date: Self.date).authorization)
        // Split at the first `?`; no `?` means no query; a path given with a `?` in it stays whole.
        let split = SigV4Request(method: "GET", target: "/a?b=1?c", headers: [("host", "h")])
        #expect(split.path == "/a" && split.query == "b=1?c")
        let bare = SigV4Request(method: "GET", target: "/a", headers: [("host", "h")])
        #expect(bare.path == "/a" && bare.query.isEmpty)
        let empty = SigV4Request(method: "GET", target: "/a?", headers: [("host", "h")])
        #expect(empty.path == "/a" && empty.query.isEmpty)
        var edited = SigV4Request(method: "GET", path: "/x?y", query: "q=1", headers: [("host", "h")])
        #expect(edited.path == "/x?y" && edited.query == "q=1")
        edited.query = ""
        #expect(edited.path == "/x?y" && edited.query.isEmpty)
        edited.path = "/z"
        edited.query = "r=2"
        #expect(edited.path == "/z" && edited.query == "r=2")
        let noPath = SigV4Request(method: "GET", path: "", query: "a=b", headers: [("host", "h")])
        #expect(noPath.path.isEmpty && noPath.query == "a=b")
    }

    @Test func missingHostIsAnError() {
        let request = SigV4Request(method: "GET", path: "/", headers: [("x-a", "b")])
        let error = #expect(throws: SigV4Error.self) {
            try SigV4Signer(region: "us-east-1", service: "lambda").sign(
                request, credentials: Self.credentials, date: Self.date)
        }
        #expect(error?.code == .missingHost)
    }

    @Test func presignExpiryIsBounded() {
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        for expiry in [0, 604_801] {
            let error = #expect(throws: SigV4Error.self) {
                try SigV4Signer(region: "us-east-1", service: "lambda").presign(
                    request, credentials: Self.credentials, date: Self.date, expires: expiry)
            }
            #expect(error?.code == .invalidExpiry)
        }
    }

    @Test("headers proxies rewrite are never signed")
    func neverSignedHeaders() throws {
        let request = SigV4Request(
            method: "GET", path: "/",
            headers: [
                ("Host", "h"), ("User-Agent", "x"), ("X-Amzn-Trace-Id", "t"), ("Expect", "100-continue"),
                ("Connection", "keep-alive"), ("Keep-Alive", "5"), ("TE", "trailers"), ("Trailer", "x"),
                ("Transfer-Encoding", "chunked"), ("Upgrade", "h2c"), ("Proxy-Authorization", "p"),
                ("Authorization", "old"), ("amz-sdk-invocation-id", "1"),
            ])
        let details = try SigV4Signer(region: "us-east-1", service: "lambda").details(
            request, credentials: Self.credentials, date: Self.date)
        #expect(details.signedHeaders == "amz-sdk-invocation-id;host;x-amz-date")
    }

    @Test("omitting the session token leaves it unsigned but still sent")
    func omittedToken() throws {
        let credentials = Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "tok")
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        let omitting = SigV4Signer(
            region: "us-east-1", service: "lambda",
            options: SigV4Options(omitSessionTokenFromSignature: true))
        let signed = try omitting.sign(request, credentials: credentials, date: Self.date)
        #expect(signed.securityToken == "tok")
        #expect(!signed.authorization.contains("x-amz-security-token"))
        let presigned = try omitting.presign(request, credentials: credentials, date: Self.date, expires: 60)
        #expect(presigned.query.contains("X-Amz-Security-Token=tok&X-Amz-Signature="))
        let normal = try SigV4Signer(region: "us-east-1", service: "lambda").sign(
            request, credentials: credentials, date: Self.date)
        #expect(normal.authorization.contains("x-amz-security-token"))
    }

    @Test("signing an HTTPRequest sets the signature headers")
    func httpTypesAdapter() throws {
        var request = HTTPRequest(
            method: .put, scheme: "https", authority: "lambda.us-east-1.amazonaws.com",
            path: Self.reference.path + "?" + Self.reference.query)
        request.headerFields[.contentType] = "application/json"
        request.headerFields[.userAgent] = "eic-test"
        let credentials = Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN")
        try SigV4Signer(region: "us-east-1", service: "lambda").sign(
            &request, body: Self.body, credentials: credentials, date: Self.date)
        #expect(
            request.headerFields[.authorization]?.hasSuffix(
                "Signature=931f101865e22a61b1dbf574fb29c03e5da8b9581e3c62854f3e03430c61c6b8") == true)
        #expect(request.headerFields[HTTPField.Name("x-amz-date")!] == "20261128T120000Z")
        #expect(request.headerFields[HTTPField.Name("x-amz-security-token")!] == "FQoGZXIvYXdzEXAMPLETOKEN")
        // Signing again (a retry) replaces, never duplicates.
        try SigV4Signer(region: "us-east-1", service: "lambda").sign(
            &request, body: Self.body, credentials: credentials, date: Self.date.addingTimeInterval(60))
        #expect(request.headerFields[values: .authorization].count == 1)
        #expect(request.headerFields[HTTPField.Name("x-amz-date")!] == "20261128T120100Z")
    }

    @Test(arguments: [
        (0.0, "19700101T000000Z"), (951_782_400, "20000229T000000Z"), (1_795_867_200.9, "20261128T120000Z"),
        (4_102_444_799, "20991231T235959Z"),
    ])
    func amzDates(seconds: Double, expected: String) throws {
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        let signed = try SigV4Signer(region: "r", service: "s").sign(
            request, credentials: Self.credentials, date: Date(timeIntervalSince1970: seconds))
        #expect(signed.amzDate == expected)
    }

    @Test("the first and last seconds X-Amz-Date can express sign; anything outside is a typed error")
    func amzDateRange() throws {
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        let signer = SigV4Signer(region: "r", service: "s", keyCache: nil)
        for (seconds, expected) in [(-62_135_596_800.0, "00010101T000000Z"), (253_402_300_799.9, "99991231T235959Z")] {
            let signed = try signer.sign(
                request, credentials: Self.credentials, date: Date(timeIntervalSince1970: seconds))
            #expect(signed.amzDate == expected)
        }
        for seconds in [-62_135_596_800.5, 253_402_300_800, .nan, .infinity, -.infinity] {
            let error = #expect(throws: SigV4Error.self) {
                try signer.sign(request, credentials: Self.credentials, date: Date(timeIntervalSince1970: seconds))
            }
            #expect(error?.code == .invalidDate, "\(seconds)")
            #expect(error?.message.contains("0001-01-01...9999-12-31") == true)
            #expect(throws: SigV4Error.self) {
                try signer.presign(
                    request, credentials: Self.credentials, date: Date(timeIntervalSince1970: seconds), expires: 60)
            }
        }
    }

    @Test("X-Amz-Date agrees with a Gregorian-calendar reference from 1900 to 9999")
    func amzDatesAgainstCalendar() async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        let signer = SigV4Signer(region: "r", service: "s", keyCache: nil)
        await propertyCheck(count: 2_000, input: Gen.int(in: -2_208_988_800...253_402_300_799)) { seconds in
            let date = Date(timeIntervalSince1970: Double(seconds))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(
                format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? -1, parts.month ?? -1, parts.day ?? -1,
                parts.hour ?? -1, parts.minute ?? -1, parts.second ?? -1)
            let signed = try signer.sign(request, credentials: Self.credentials, date: date)
            #expect(signed.amzDate == expected, "\(seconds) s")
        }
    }

    @Test("many tasks signing with one shared cache give identical results")
    func concurrentSigning() async throws {
        let cache = SigningKeyCache(capacity: 4)
        let signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: cache)
        let expected = try signer.sign(Self.reference, credentials: Self.credentials, date: Self.date).authorization
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for task in 0..<16 {
                group.addTask {
                    var out: [String] = []
                    for iteration in 0..<200 {
                        // Different regions churn the small cache while the reference key keeps being used.
                        let other = SigV4Signer(
                            region: "eu-west-\(1 + (task + iteration) % 3)", service: "lambda", keyCache: cache)
                        _ = try other.sign(Self.reference, credentials: Self.credentials, date: Self.date)
                        out.append(
                            try signer.sign(Self.reference, credentials: Self.credentials, date: Self.date)
                                .authorization)
                    }
                    return out
                }
            }
            var all: [String] = []
            for try await part in group { all += part }
            return all
        }
        #expect(results.count == 3200)
        #expect(Set(results) == [expected])
        #expect(cache.count <= 4)
    }
}
