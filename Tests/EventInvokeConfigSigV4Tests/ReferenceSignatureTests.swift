import EventInvokeConfigSigV4
import Foundation
import Testing

/// Requests the conformance suites and the generated differential cases do not reach, signed by botocore's
/// `SigV4Auth` (`Fixtures/reference-signatures.json`, written by `Tests/Scripts/make_reference_signatures.py`):
/// secrets of every length from 0 to 100 bytes (longer than a hash block included), and requests with hundreds of
/// headers, a long path, a large body and a long session token.
@Suite("Signatures against botocore's, from a fixture")
struct ReferenceSignatureTests {
    static let date = Date(timeIntervalSince1970: 1_795_867_200)  // 2026-11-28T12:00:00Z

    static func cases() throws -> [BotocoreCase] {
        let url = try #require(
            Bundle.module.url(forResource: "reference-signatures", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode([BotocoreCase].self, from: Data(contentsOf: url))
    }

    @Test("every fixture request signs as botocore signed it, with and without the key cache")
    func fixtureRequests() throws {
        let cases = try Self.cases()
        #expect(cases.count == 104)
        for (index, c) in cases.enumerated() {
            #expect(c.secret != nil, "case \(index) names its secret")
            let request = c.request
            let credentials = c.credentials
            for cache in [SigningKeyCache(capacity: 4), nil] {
                let signer = SigV4Signer(region: c.region, service: "lambda", keyCache: cache)
                let signed = try signer.sign(request, credentials: credentials, date: Self.date)
                #expect(signed.authorization == c.authorization, "case \(index), cache \(cache != nil)")
                let details = try signer.details(request, credentials: credentials, date: Self.date)
                #expect(details.authorization == c.authorization, "case \(index)")
            }
        }
    }
}
