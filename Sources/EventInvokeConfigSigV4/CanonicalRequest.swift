import EventInvokeConfigCore

/// Writes the parts of a SigV4 canonical request: canonical URI, canonical query and canonical headers, as bytes.
enum CanonicalRequest {
    /// What the signer does with a header, judged by its lower-cased name.
    enum HeaderKind {
        /// Proxies add or rewrite it, so SDKs never sign it (`user-agent`, hop-by-hop headers, …).
        case neverSigned
        case host
        case amzDate
        case securityToken
        case contentSHA256
        case other
    }

    /// A header to sign: lower-cased name, trimmed value.
    struct Header {
        var name: [UInt8]
        var value: [UInt8]
    }

    /// Names that are never signed, as botocore and aws-c-auth skip them.
    private static let neverSigned: Set<[UInt8]> = Set(
        [
            "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade",
        ].map { Array($0.utf8) })
    private static let proxyPrefix = Array("proxy-".utf8)
    private static let signerSet: [[UInt8]: HeaderKind] = [
        Array("host".utf8): .host, Array("x-amz-date".utf8): .amzDate,
        Array("x-amz-security-token".utf8): .securityToken, Array("x-amz-content-sha256".utf8): .contentSHA256,
    ]

    /// Classifies a lower-cased header name.
    static func classify(_ name: [UInt8]) -> HeaderKind {
        if let kind = signerSet[name] { return kind }
        return neverSigned.contains(name) || name.starts(with: proxyPrefix) ? .neverSigned : .other
    }

    /// The name with ASCII letters lower-cased (header names are ASCII tokens; other bytes are kept).
    static func lowercased(_ name: String) -> [UInt8] {
        name.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
    }

    /// A header value with leading and trailing whitespace removed and inner runs of spaces, tabs and line
    /// breaks (folded lines) collapsed to one space.
    static func trimmed(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if ASCII.isWhitespace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return out
    }

    /// Sorts headers by name (keeping the given order among equal names) and joins the values of a repeated name
    /// with `,`.
    static func merged(_ headers: [Header]) -> [Header] {
        let sorted = headers.enumerated().sorted { a, b in
            a.element.name != b.element.name
                ? a.element.name.lexicographicallyPrecedes(b.element.name) : a.offset < b.offset
        }
        var result: [Header] = []
        result.reserveCapacity(sorted.count)
        for (_, header) in sorted {
            if let last = result.last, last.name == header.name {
                result[result.count - 1].value += [UInt8(ascii: ",")] + header.value
            } else {
                result.append(header)
            }
        }
        return result
    }

    /// Appends the canonical URI of a wire path.
    static func appendPath(_ path: String, normalize: Bool, doubleEncode: Bool, to out: inout [UInt8]) {
        guard !path.isEmpty else { return out.append(UInt8(ascii: "/")) }
        var bytes = Array(path.utf8)
        if normalize, needsNormalization(bytes) { bytes = normalized(bytes) }
        PercentEncoding.append(bytes[...], keepSlash: true, keepEscapes: !doubleEncode, to: &out)
    }

    /// Whether the path has an empty (but the first), `.` or `..` segment.
    static func needsNormalization(_ bytes: [UInt8]) -> Bool {
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x2F {
            let segment = bytes[start..<end]
            if (segment.isEmpty && start > 0) || segment.elementsEqual([0x2E]) || segment.elementsEqual([0x2E, 0x2E]) {
                return true
            }
            start = end + 1
        }
        return false
    }

    /// Removes empty, `.` and `..` segments, keeping a leading and a trailing slash.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var segments: [ArraySlice<UInt8>] = []
        for segment in bytes.split(separator: 0x2F, omittingEmptySubsequences: true) {
            if segment.elementsEqual([0x2E]) { continue }
            if segment.elementsEqual([0x2E, 0x2E]) {
                _ = segments.popLast()
                continue
            }
            segments.append(segment)
        }
        var result: [UInt8] = [0x2F]
        result.append(contentsOf: segments.joined(separator: [0x2F]))
        let last = bytes.split(separator: 0x2F, omittingEmptySubsequences: false).last ?? []
        if !segments.isEmpty, last.isEmpty || last.elementsEqual([0x2E]) || last.elementsEqual([0x2E, 0x2E]) {
            result.append(0x2F)
        }
        return result
    }

    /// Appends the canonical query: every parameter decoded and re-encoded, a key without `=` given an empty value,
    /// sorted by key then value. `extra` parameters (already encoded: the presigning ones) are merged in.
    static func appendQuery(_ query: String, extra: [(String, String)] = [], to out: inout [UInt8]) {
        let bytes = Array(query.utf8)
        var pairs: [(key: [UInt8], value: [UInt8])] = []
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "&") {
            defer { start = end + 1 }
            guard end > start else { continue }
            let component = bytes[start..<end]
            let equals = component.firstIndex(of: UInt8(ascii: "=")) ?? component.endIndex
            var key: [UInt8] = []
            var value: [UInt8] = []
            PercentEncoding.appendReencoded(component[..<equals], to: &key)
            if equals < component.endIndex {
                PercentEncoding.appendReencoded(component[(equals + 1)...], to: &value)
            }
            pairs.append((key, value))
        }
        pairs += extra.map { (key: Array($0.0.utf8), value: Array($0.1.utf8)) }
        pairs.sort {
            $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : $0.value.lexicographicallyPrecedes($1.value)
        }
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            out += pair.key
            out.append(UInt8(ascii: "="))
            out += pair.value
        }
    }
}
