import EventInvokeConfigSigV4
import EventInvokeConfigTestSupport
import Foundation
import Testing

/// Signs ≥ 2,000 generated Lambda-shaped requests and compares with botocore's `SigV4Auth`, byte for byte.
///
/// `Tests/Scripts/botocore_sigv4_cases.py` generates the cases (fixed seed, fixed date) and botocore's answers.
/// Without python3 and botocore the test is skipped with a notice, except with `CI=true`, where it fails.
@Suite(
    "Differential against botocore", .enabled(if: Prerequisites.botocore.isAvailable, Prerequisites.botocore.skipReason)
)
struct BotocoreDifferentialTests {
    @Test("2,500 generated requests sign exactly as botocore signs them")
    func matchesBotocore() throws {
        let output = try Botocore.run(script: "botocore_sigv4_cases.py", arguments: ["2500"])
        let cases = try JSONDecoder().decode([BotocoreCase].self, from: output)
        #expect(cases.count == 2500)
        let date = Date(timeIntervalSince1970: 1_795_867_200)  // 2026-11-28T12:00:00Z
        var mismatches = 0
        let cache = SigningKeyCache()
        for c in cases {
            let signer = SigV4Signer(region: c.region, service: "lambda", keyCache: cache)
            let details = try signer.details(c.request, credentials: c.credentials, date: date)
            if details.authorization != c.authorization || details.canonicalRequest != c.canonicalRequest {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record(
                        """
                        case \(c.index ?? -1) differs
                        ours:     \(details.authorization ?? "-")
                        botocore: \(c.authorization)
                        our canonical request:
                        \(details.canonicalRequest)
                        botocore's:
                        \(c.canonicalRequest ?? "-")
                        """)
                }
            }
            let signed = try signer.sign(c.request, credentials: c.credentials, date: date)
            #expect(signed.authorization == details.authorization)
        }
        #expect(mismatches == 0)
    }
}

/// Runs the Python helpers that use botocore.
enum Botocore {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts")

    static func run(script: String, arguments: [String]) throws -> Data {
        try ProcessRunner.python([scripts.appendingPathComponent(script).path] + arguments)
    }
}
