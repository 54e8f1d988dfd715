import EventInvokeConfigSigV4
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import Foundation
import Testing

/// The context of one case of the AWS SigV4 test suite (`context.json`).
struct SuiteContext: Decodable {
    struct Keys: Decodable {
        let access_key_id: String
        let secret_access_key: String
        let token: String?
    }
    let credentials: Keys
    let expiration_in_seconds: Int
    let normalize: Bool
    let region: String
    let service: String
    let sign_body: Bool
    let timestamp: String
    let omit_session_token: Bool?

    var date: Date {
        get throws {
            let formatter = ISO8601DateFormatter()
            return try #require(formatter.date(from: timestamp))
        }
    }

    var credentialsValue: Credentials {
        Credentials(
            accessKeyID: credentials.access_key_id, secretAccessKey: credentials.secret_access_key,
            sessionToken: credentials.token)
    }

    func signer(headerMode: Bool) -> SigV4Signer {
        SigV4Signer(
            region: region, service: service,
            options: SigV4Options(
                doubleURIEncode: true, normalizePath: normalize, signPayloadHashHeader: headerMode && sign_body,
                omitSessionTokenFromSignature: omit_session_token ?? false))
    }
}

@Suite("AWS SigV4 test suite")
struct ConformanceTests {
    static let v4Cases = ConformanceData.caseNames(in: "sigv4/v4")

    @Test("v4 suite has all 38 cases")
    func caseCount() throws {
        #expect(Self.v4Cases.count == 38)
    }

    @Test("header mode", arguments: v4Cases)
    func headerMode(name: String) throws {
        let folder = "sigv4/v4/\(name)/"
        let context = try JSONDecoder().decode(
            SuiteContext.self, from: Data(ConformanceData.text(folder + "context.json").utf8))
        let request = try SigV4Request(parsingHTTPRequest: ConformanceData.text(folder + "request.txt"))
        let details = try context.signer(headerMode: true).details(
            request, credentials: context.credentialsValue, date: context.date)
        #expect(details.canonicalRequest == (try ConformanceData.text(folder + "header-canonical-request.txt")))
        #expect(details.stringToSign == (try ConformanceData.text(folder + "header-string-to-sign.txt")))
        #expect(details.signature == (try ConformanceData.text(folder + "header-signature.txt")))
        let signed = try context.signer(headerMode: true).sign(
            request, credentials: context.credentialsValue, date: context.date)
        #expect(signed.signature == details.signature)
        let expected = try ConformanceData.text(folder + "header-signed-request.txt")
        #expect(expected.contains("Authorization:" + signed.authorization))
    }

    @Test("query mode", arguments: v4Cases)
    func queryMode(name: String) throws {
        let folder = "sigv4/v4/\(name)/"
        let context = try JSONDecoder().decode(
            SuiteContext.self, from: Data(ConformanceData.text(folder + "context.json").utf8))
        let request = try SigV4Request(parsingHTTPRequest: ConformanceData.text(folder + "request.txt"))
        let signer = context.signer(headerMode: false)
        let details = try signer.details(
            request, credentials: context.credentialsValue, date: context.date,
            presignExpiry: context.expiration_in_seconds)
        #expect(details.canonicalRequest == (try ConformanceData.text(folder + "query-canonical-request.txt")))
        #expect(details.stringToSign == (try ConformanceData.text(folder + "query-string-to-sign.txt")))
        #expect(details.signature == (try ConformanceData.text(folder + "query-signature.txt")))
        let presigned = try signer.presign(
            request, credentials: context.credentialsValue, date: context.date,
            expires: context.expiration_in_seconds)
        #expect(presigned.query.hasSuffix("X-Amz-Signature=" + details.signature))
    }

    @Test("smithy-rs double-encoding cases", arguments: ["double-url-encode", "double-encode-path"])
    func doubleEncoding(name: String) throws {
        let folder = "sigv4/smithy-rs-extra/v4/\(name)/"
        var request = try SigV4Request(parsingHTTPRequest: ConformanceData.text(folder + "request.txt"))
        // smithy-rs's own suite signs these at its default test time with the example keys.
        request.headers.removeAll { $0.name.lowercased() == "x-amz-date" }
        let date = Date(timeIntervalSince1970: 1_620_747_645)  // 2021-05-11T15:40:45Z
        let signer = SigV4Signer(region: "us-east-1", service: "service")
        let details = try signer.details(
            request,
            credentials: Credentials(
                accessKeyID: "ANOTREAL", secretAccessKey: "notrealrnrELgWzOk3IfjzDKtFBhDby"),
            date: date)
        #expect(details.canonicalRequest == (try ConformanceData.text(folder + "header-canonical-request.txt")))
    }

    static let legacyCases: [String] = {
        guard let directory = try? ConformanceData.directory else { return [] }
        let root = directory.appendingPathComponent("sigv4/legacy-aws4_testsuite-from-botocore")
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { ($0 as? String).flatMap { $0.hasSuffix(".req") ? $0 : nil } }.sorted()
    }()

    @Test("legacy botocore-format suite", arguments: legacyCases)
    func legacy(path: String) throws {
        let base = "sigv4/legacy-aws4_testsuite-from-botocore/" + path.dropLast(4)
        var request = try SigV4Request(parsingHTTPRequest: ConformanceData.text(base + ".req"))
        let date = try #require(ISO8601DateFormatter().date(from: "2015-08-30T12:36:00Z"))
        var token: String?
        if let index = request.headers.firstIndex(where: { $0.name.lowercased() == "x-amz-security-token" }) {
            token = request.headers[index].value
            request.headers.remove(at: index)
        }
        if path.contains("session-token") {
            // botocore's runner gives this case a token that the .req file does not show.
            token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        }
        let credentials = Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: token)
        let details = try SigV4Signer(region: "us-east-1", service: "service").details(
            request, credentials: credentials, date: date)
        #expect(details.canonicalRequest == (try ConformanceData.text(base + ".creq")))
        #expect(details.stringToSign == (try ConformanceData.text(base + ".sts")))
        #expect(details.authorization == (try ConformanceData.text(base + ".authz")))
    }
}
