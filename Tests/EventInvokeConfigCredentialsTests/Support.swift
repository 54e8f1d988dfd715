import EventInvokeConfigCredentials
import EventInvokeConfigTestSupport
import Foundation

/// A temporary home directory with `.aws/config`, `.aws/credentials` and files the tests write, removed by
/// ``remove()``; ``environment`` points the shared-config lookup at it and turns the instance metadata service off
/// (no test ever reaches the real link-local addresses).
struct TemporaryHome {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("eic-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent(".aws/sso/cache"), withIntermediateDirectories: true)
    }

    /// Writes `text` to `relative` (e.g. `.aws/config`), making it executable when asked.
    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path) }
        return file.path
    }

    /// `HOME` here, the files under it, no instance metadata service.
    var environment: [String: String] {
        ["HOME": url.path, "AWS_EC2_METADATA_DISABLED": "true"]
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The requests `credentials_server.py` recorded since the last call.
func serverLog(_ server: HostileServer) throws -> [[String: Any]] {
    (try JSONSerialization.jsonObject(with: server.control("/__log")) as? [[String: Any]]) ?? []
}

/// Makes the next `count` credential requests of `credentials_server.py` answer 500.
func serverFail(_ server: HostileServer, count: Int) throws {
    _ = try server.control("/__fail?count=\(count)", method: "POST")
}
