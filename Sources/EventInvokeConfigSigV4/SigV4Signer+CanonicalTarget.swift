/// The canonical URI and query of a request target, written by the signer for each request and, for a caller that
/// signs the same target many times, once ahead (``SigV4CanonicalTarget``).
extension SigV4Signer {
    /// The canonical URI and query of a request target (`path` or `path?query`) as this signer writes them, for a
    /// caller that signs the same target many times (see ``SigV4Request/canonicalTarget``).
    package func canonicalTarget(of target: String) -> SigV4CanonicalTarget {
        let pathLength = SigV4Request.pathLength(of: target)
        let request = SigV4Request(method: "", target: target, pathLength: pathLength, headers: [], payload: .empty)
        var buffer = ByteWriter(capacity: 3 * target.utf8.count + 16)
        defer { buffer.deallocate() }
        _ = appendCanonicalPathAndQuery(of: request, extra: [], to: &buffer)
        return SigV4CanonicalTarget(
            target: target, pathLength: pathLength, doubleURIEncode: options.doubleURIEncode,
            normalizePath: options.normalizePath,
            bytes: Array(buffer.bytes(0..<buffer.count)))
    }

    /// Appends the canonical URI, a newline and the canonical query (with `extra` parameters merged in) of the
    /// request's target, as these options write them; returns the query's range.
    func appendCanonicalPathAndQuery(
        of request: SigV4Request, extra: [(String, String)], to buffer: inout ByteWriter
    ) -> Range<Int> {
        request.withPathBytes { path in
            CanonicalRequest.appendPath(
                path, normalize: options.normalizePath, doubleEncode: options.doubleURIEncode, to: &buffer)
        }
        buffer.append(0x0A)
        let queryStart = buffer.count
        request.withQueryBytes { CanonicalRequest.appendQuery($0, extra: extra, to: &buffer) }
        return queryStart..<buffer.count
    }
}
