import Crypto
import EventInvokeConfigSigV4
import Foundation
import PropertyBased
import Testing

/// The signer's two SHA-256 engines (the x86-64 SHA-extension kernel and swift-crypto) against swift-crypto's
/// `SHA256` and `HMAC<SHA256>`, through the signer: the payload hash is the SHA-256 of the body, the signature an
/// HMAC chain ending in the string to sign.
@Suite("SHA-256 engines")
struct SHA256EngineTests {
    static let date = Date(timeIntervalSince1970: 1_795_867_200)
    static let credentials = Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    static func hex<D: Sequence<UInt8>>(_ bytes: D) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func signer(_ engine: SHA256Engine, cache: SigningKeyCache? = nil) -> SigV4Signer {
        var signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: cache)
        signer.sha256Engine = engine
        return signer
    }

    static func request(body: [UInt8]) -> SigV4Request {
        SigV4Request(
            method: "PUT", path: "/2019-09-25/functions/f/event-invoke-config",
            headers: [("host", "lambda.us-east-1.amazonaws.com")], payload: .bytes(body))
    }

    @Test("the preferred engine is the CPU kernel exactly when the processor has the SHA extensions")
    func preferredEngine() {
        #expect((SHA256Engine.preferred == .cpuExtensions) == SHA256Engine.cpuHasExtensions)
        if !SHA256Engine.cpuHasExtensions {
            print("note: this processor has no x86-64 SHA extensions; the CPU-kernel cases ran on swift-crypto")
        }
    }

    @Test(
        "payloads of every length from 0 to 320 bytes hash as swift-crypto hashes them",
        arguments: SHA256Engine.allCases)
    func everyLength(engine: SHA256Engine) throws {
        let signer = Self.signer(engine)
        // Lengths around every block boundary, including 55/56 (where the length no longer fits the last block).
        for length in 0...320 {
            let body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ length) }
            let details = try signer.details(Self.request(body: body), credentials: Self.credentials, date: Self.date)
            #expect(details.payloadHash == Self.hex(SHA256.hash(data: body)), "length \(length)")
            let canonical = Array(details.canonicalRequest.utf8)
            #expect(details.stringToSign.hasSuffix(Self.hex(SHA256.hash(data: canonical))), "length \(length)")
        }
    }

    @Test("random bodies and secrets sign identically on both engines, and as HMAC<SHA256> computes it")
    func enginesAgree() async {
        let caches = Dictionary(uniqueKeysWithValues: SHA256Engine.allCases.map { ($0, SigningKeyCache()) })
        await propertyCheck(
            count: 300,
            input: Gen.uint8().array(of: 0...700),
            Gen.uint8().array(of: 0...150)
        ) { body, secretBytes in
            // Printable secrets, up to 150 bytes: "AWS4" + secret passes the 64-byte block, where the key is hashed.
            let secret = String(decoding: secretBytes.map { 0x21 + $0 % 94 }, as: UTF8.self)
            let credentials = Credentials(accessKeyID: "AKID", secretAccessKey: secret)
            let request = Self.request(body: body)
            var signatures: [String] = []
            for engine in SHA256Engine.allCases {
                for cache in [caches[engine], nil] {
                    let signer = Self.signer(engine, cache: cache)
                    guard let details = try? signer.details(request, credentials: credentials, date: Self.date),
                        let signed = try? signer.sign(request, credentials: credentials, date: Self.date)
                    else {
                        Issue.record("signing failed on \(engine)")
                        return
                    }
                    #expect(details.payloadHash == Self.hex(SHA256.hash(data: body)))
                    #expect(details.signature == Self.reference(details.stringToSign, secret: secret))
                    signatures.append(String(signed.signature))
                }
            }
            #expect(Set(signatures).count == 1, "engines disagree: \(signatures)")
        }
    }

    /// The signature derived the textbook way with swift-crypto's `HMAC<SHA256>`.
    static func reference(_ stringToSign: String, secret: String) -> String {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in ["20261128", "us-east-1", "lambda", "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }
}
