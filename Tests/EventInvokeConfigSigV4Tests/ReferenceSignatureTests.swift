import Crypto
import EventInvokeConfigSigV4
import Foundation
import Testing

/// Checks the signer's own HMAC composition and buffer handling against swift-crypto's `HMAC<SHA256>`, for
/// inputs the conformance suites do not reach: secrets longer than a hash block, and requests that outgrow the
/// signer's stack buffer.
@Suite("Signatures against an HMAC<SHA256> reference")
struct ReferenceSignatureTests {
    static let date = Date(timeIntervalSince1970: 1_795_867_200)

    /// The signature of `details`' string to sign, derived the textbook way.
    static func referenceSignature(stringToSign: String, secret: String, region: String, service: String) -> String {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in ["20261128", region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        let code = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    static func hex(_ digest: SHA256Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    @Test(
        "secrets of every length from 0 to 100 bytes sign as the reference, with and without the key cache",
        arguments: SHA256Engine.allCases)
    func secretLengths(engine: SHA256Engine) throws {
        let request = SigV4Request(
            method: "GET", path: "/2019-09-25/functions/f/event-invoke-config",
            headers: [("host", "lambda.eu-west-1.amazonaws.com")])
        for length in 0...100 {
            let secret = String((0..<length).map { Character(UnicodeScalar(UInt8(0x21 + $0 % 90))) })
            let credentials = Credentials(accessKeyID: "AKID", secretAccessKey: secret)
            for cache in [SigningKeyCache(capacity: 4), nil] {
                var signer = SigV4Signer(region: "eu-west-1", service: "lambda", keyCache: cache)
                signer.sha256Engine = engine
                let details = try signer.details(request, credentials: credentials, date: Self.date)
                let signed = try signer.sign(request, credentials: credentials, date: Self.date)
                let expected = Self.referenceSignature(
                    stringToSign: details.stringToSign, secret: secret, region: "eu-west-1", service: "lambda")
                #expect(details.signature == expected, "secret length \(length)")
                #expect(String(signed.signature) == expected, "secret length \(length)")
            }
        }
    }

    @Test(
        "a request larger than the signer's stack buffer signs as the reference",
        arguments: [1, 40, 400], SHA256Engine.allCases)
    func largeRequests(scale: Int, engine: SHA256Engine) throws {
        let segment = "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af"
        var headers: [(name: String, value: String)] = [("Host", "lambda.us-east-1.amazonaws.com")]
        for index in 0..<scale { headers.append(("X-Custom-\(index % 7)", "  value   \(index)  ")) }
        let request = SigV4Request(
            method: "PUT", path: "/" + Array(repeating: segment, count: scale).joined(separator: "/"),
            query: (0..<scale).map { "k\($0 % 5)=v%24\($0)" }.joined(separator: "&"), headers: headers,
            payload: .bytes(Array(repeating: 0x61, count: 100 * scale)))
        let credentials = Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: String(repeating: "T", count: 10 * scale))
        var signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: SigningKeyCache())
        signer.sha256Engine = engine
        let details = try signer.details(request, credentials: credentials, date: Self.date)
        let signed = try signer.sign(request, credentials: credentials, date: Self.date)
        let canonicalHash = Self.hex(SHA256.hash(data: Array(details.canonicalRequest.utf8)))
        #expect(details.stringToSign.hasSuffix("\n" + canonicalHash))
        #expect(details.payloadHash == Self.hex(SHA256.hash(data: Array(repeating: UInt8(0x61), count: 100 * scale))))
        let expected = Self.referenceSignature(
            stringToSign: details.stringToSign, secret: credentials.secretAccessKey, region: "us-east-1",
            service: "lambda")
        #expect(String(signed.signature) == expected)
        #expect(details.signature == expected)
        let headerLines = details.canonicalRequest.split(separator: "\n").filter { $0.hasPrefix("x-custom-") }
        #expect(headerLines.count == min(scale, 7))
    }
}
