import Foundation
import Testing

/// Locates the AWS conformance data (`../shared/conformance` beside the package, or `EIC_CONFORMANCE_DIR`).
/// With `CI=true` a missing folder is a test failure; elsewhere the tests that need it are skipped with a notice.
enum ConformanceData {
    static let directory: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["EIC_CONFORMANCE_DIR"], !path.isEmpty {
            return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()

    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether the tests should run: true when the data is there, or in CI (where the test then fails).
    static var available: Bool {
        if directory == nil && !isCI {
            print("notice: conformance data not found (set EIC_CONFORMANCE_DIR); conformance tests skipped")
        }
        return directory != nil || isCI
    }

    static func require() throws -> URL {
        try #require(directory, "conformance data missing: CI must have ../shared/conformance")
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: require().appendingPathComponent(relative), encoding: .utf8)
    }

    static func caseNames(in relative: String) -> [String] {
        guard let directory else { return ["<missing conformance data>"] }
        let folder = directory.appendingPathComponent(relative)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix("LICENSE") && !$0.hasSuffix(".txt") && !$0.hasSuffix(".md") }.sorted()
    }
}
