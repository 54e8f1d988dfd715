import Foundation
import Testing

/// The AWS conformance data beside the package (`../shared/conformance`) or in `EIC_CONFORMANCE_DIR`.
/// Missing data skips these tests with a notice, except with `CI=true`, where the tests fail.
enum ConformanceData {
    static let directory: URL? = {
        if let path = ProcessInfo.processInfo.environment["EIC_CONFORMANCE_DIR"], !path.isEmpty {
            return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()

    static var available: Bool {
        if directory != nil || ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        print("notice: conformance data not found (set EIC_CONFORMANCE_DIR); conformance tests skipped")
        return false
    }

    static func json(_ relative: String) throws -> Any {
        let url = try #require(directory, "conformance data missing").appendingPathComponent(relative)
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    }
}
