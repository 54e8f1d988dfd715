import Foundation
import PropertyBased
import Testing

@testable import EventInvokeConfigSigV4

/// A client keeps the canonical URI and query of each request target it signs repeatedly
/// (``SigV4Signer/canonicalTarget(of:)``); a signature made with it must be the one made without it, and a kept
/// value that does not fit the request (another target, other options) must be ignored.
@Suite("Precomputed canonical targets")
struct CanonicalTargetTests {
    static let pieces = [
        "/2019-09-25/functions/", "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3A", "my-function",
        "/event-invoke-config", "/list", "?", "Qualifier=%24LATEST", "Qualifier=live", "&", "Marker=a%2Fb%2Bc%3D",
        "MaxItems=5", "//", "/./", "/../", " ", "é", "%3A", "=", "+",
    ]
    static let targets = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 1...8).map { "/" + $0.joined() }
    static let credentials = Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN")
    static let date = Date(timeIntervalSince1970: 1_795_867_200)

    static func request(_ target: String, _ canonical: SigV4CanonicalTarget?) -> SigV4Request {
        var request = SigV4Request(
            method: "PUT", target: target, headers: [("host", "lambda.us-east-1.amazonaws.com")],
            payload: .bytes(Array(#"{"MaximumRetryAttempts":1}"#.utf8)))
        request.canonicalTarget = canonical
        return request
    }

    @Test("with or without the kept canonical target, the same signature; a foreign one is ignored")
    func sameSignature() async {
        await propertyCheck(count: 1500, input: Self.targets, Self.targets) { target, other in
            for options in [SigV4Options.default, .s3] {
                let signer = SigV4Signer(region: "us-east-1", service: "lambda", options: options, keyCache: nil)
                let otherSigner = SigV4Signer(
                    region: "us-east-1", service: "lambda", options: options == .s3 ? .default : .s3, keyCache: nil)
                do {
                    let plain = try signer.sign(
                        Self.request(target, nil), credentials: Self.credentials, date: Self.date)
                    for canonical in [
                        signer.canonicalTarget(of: target), signer.canonicalTarget(of: other),
                        otherSigner.canonicalTarget(of: target),
                    ] {
                        let kept = try signer.sign(
                            Self.request(target, canonical), credentials: Self.credentials, date: Self.date)
                        #expect(kept.authorization == plain.authorization, "\(target) kept for \(canonical.target)")
                    }
                    // The details (and presigning) never use it, and agree.
                    let details = try signer.details(
                        Self.request(target, signer.canonicalTarget(of: target)), credentials: Self.credentials,
                        date: Self.date)
                    #expect(details.authorization == plain.authorization)
                } catch {
                    Issue.record("\(target): \(error)")
                }
            }
        }
    }

    @Test("a request built from separate path and query does not take a kept target")
    func separatePartsIgnoreIt() throws {
        let signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: nil)
        let wrong = signer.canonicalTarget(of: "/other?x=1")
        var request = SigV4Request(
            method: "GET", path: "/2019-09-25/functions/f/event-invoke-config", query: "Qualifier=live",
            headers: [("host", "lambda.us-east-1.amazonaws.com")])
        let plain = try signer.sign(request, credentials: Self.credentials, date: Self.date).authorization
        request.canonicalTarget = wrong
        #expect(try signer.sign(request, credentials: Self.credentials, date: Self.date).authorization == plain)
    }
}
