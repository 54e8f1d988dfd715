package import Foundation

/// Reads the small files of the AWS configuration (config and credentials files, token files, the SSO cache) with a
/// size limit: a file that is far larger than any such file (a device, a log named by mistake, a hostile file) is
/// refused instead of being read whole into memory.
package enum BoundedFile {
    /// The most read of a shared config or credentials file.
    package static let configurationLimit = 4 << 20
    /// The most read of a token or cache file (a web identity token, a container authorisation token, an SSO
    /// cache entry).
    package static let tokenLimit = 64 << 10

    /// Why a file was not read: it cannot be opened or read, or it is larger than the limit.
    package struct Failure: Error, Sendable {
        /// What went wrong, naming the limit when that was it; never the file's content.
        package let reason: String
    }

    /// The file's bytes, at most `limit` of them.
    ///
    /// - Throws: ``Failure`` when the file cannot be read or holds more than `limit` bytes.
    package static func read(_ path: String, limit: Int) throws(Failure) -> Data {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw Failure(reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw Failure(reason: error.localizedDescription)
        }
        guard data.count <= limit else { throw Failure(reason: "it is larger than \(limit) bytes") }
        return data
    }
}
