public import Foundation

/// The AWS conformance data beside the package (`../shared/conformance`) or in `EIC_CONFORMANCE_DIR`. With
/// `CI=true` a missing folder makes the tests that need it fail; elsewhere they are skipped with a printed notice.
public enum ConformanceData {
    /// The conformance folder, or `nil` when it is not there.
    public static let directory: URL? = {
        if let path = ProcessInfo.processInfo.environment["EIC_CONFORMANCE_DIR"], !path.isEmpty {
            return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        // This file is Tests/TestSupport/ConformanceData.swift; the package root is three levels up.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()

    /// Whether this is a CI run (`CI=true`).
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether the tests should run: when the data is there, or in CI (where a missing folder then fails them).
    public static var available: Bool {
        if directory == nil && !isCI {
            print("notice: conformance data not found (set EIC_CONFORMANCE_DIR); conformance tests skipped")
        }
        return directory != nil || isCI
    }

    /// The folder, or a failure saying CI must have it.
    public static func require() throws -> URL {
        guard let directory else {
            throw ProcessRunner.Failure(description: "conformance data missing: CI must have ../shared/conformance")
        }
        return directory
    }

    /// A file's text.
    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: require().appendingPathComponent(relative), encoding: .utf8)
    }

    /// A file's JSON.
    public static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: require().appendingPathComponent(relative)))
    }

    /// The case folders under `relative`, sorted (licence and read-me files left out).
    public static func caseNames(in relative: String) -> [String] {
        guard let directory else { return ["<missing conformance data>"] }
        let folder = directory.appendingPathComponent(relative)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix("LICENSE") && !$0.hasSuffix(".txt") && !$0.hasSuffix(".md") }.sorted()
    }
}
