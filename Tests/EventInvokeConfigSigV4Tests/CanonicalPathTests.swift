import PropertyBased
import Testing

@testable import EventInvokeConfigSigV4

/// The one-pass path encoder (encode and check segments together) against the two-step reference: check for
/// empty, `.` and `..` segments, normalise if needed, then encode.
@Suite("Canonical path: one pass against the two-step reference")
struct CanonicalPathTests {
    static func onePass(_ path: String) -> String {
        var buffer = ByteWriter(capacity: 64)
        defer { buffer.deallocate() }
        var path = path
        path.withUTF8 {
            CanonicalRequest.appendPath(UnsafeRawBufferPointer($0), normalize: true, doubleEncode: true, to: &buffer)
        }
        return buffer.string(0..<buffer.count)
    }

    static func reference(_ path: String) -> String {
        var path = path
        return path.withUTF8 { raw in
            let bytes = UnsafeRawBufferPointer(raw)
            guard !bytes.isEmpty else { return "/" }
            let source = CanonicalRequest.needsNormalization(bytes) ? CanonicalRequest.normalized(bytes) : Array(bytes)
            if source.isEmpty { return "/" }
            var buffer = ByteWriter(capacity: 64)
            defer { buffer.deallocate() }
            source.withUnsafeBytes { PercentEncoding.appendEncoded($0, keepSlash: true, to: &buffer) }
            return buffer.string(0..<buffer.count)
        }
    }

    @Test("generated paths of slashes, dots, names and escapes encode the same both ways")
    func agreement() async {
        let pieces = ["/", "/", ".", "..", "...", "a", "b.c", "%3A", "%", " ", "é", "-_~", ".a", "a."]
        let gen = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...12).map { $0.joined() }
        await propertyCheck(count: 5000, input: gen) { path in
            #expect(Self.onePass(path) == Self.reference(path), "\(path)")
        }
        for path in ["", "/", "//", "/.", "/..", "./", "a/..", "/a/./b", "/a/../b/", "/.../", "/..a/", "/a.."] {
            #expect(Self.onePass(path) == Self.reference(path), "\(path)")
        }
    }
}
