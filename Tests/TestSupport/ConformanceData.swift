public import Foundation

/// The AWS conformance test data shipped with the tests (`Tests/TestSupport/Conformance`, see its PROVENANCE.md):
/// SigV4 suites, Lambda endpoint rules and clock-skew vectors. Always present, so the tests that use it always run.
public enum ConformanceData {
    /// The conformance folder.
    public static var directory: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Conformance", withExtension: nil) else {
                throw ProcessRunner.Failure(description: "the test target's Conformance resources are missing")
            }
            return url
        }
    }

    /// Whether this is a CI run (`CI=true`): there, a missing peer (python3, botocore, moto) fails its tests.
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// A file's text.
    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }

    /// A file's JSON.
    public static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(relative)))
    }

    /// The case folders under `relative`, sorted (licence and read-me files left out).
    public static func caseNames(in relative: String) -> [String] {
        guard let folder = try? directory.appendingPathComponent(relative) else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix("LICENSE") && !$0.hasSuffix(".txt") && !$0.hasSuffix(".md") }.sorted()
    }
}
