/// The parts of a SigV4 canonical request: canonical URI, canonical query and canonical headers.
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

    /// Names that are never signed, as botocore and aws-c-auth skip them.
    private static let neverSigned: Set<String> = [
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "keep-alive", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    /// Classifies a lower-cased header name.
    static func classify(_ name: String) -> HeaderKind {
        switch name {
        case "host": .host
        case "x-amz-date": .amzDate
        case "x-amz-security-token": .securityToken
        case "x-amz-content-sha256": .contentSHA256
        default: neverSigned.contains(name) || name.hasPrefix("proxy-") ? .neverSigned : .other
        }
    }

    /// The name with ASCII letters lower-cased (header names are ASCII tokens; other bytes are kept).
    static func lowercased(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// A header value with leading and trailing whitespace removed and inner runs of spaces, tabs and line
    /// breaks (folded lines) collapsed to one space.
    static func trimmed(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Headers to sign, sorted by name (keeping the request's order among equal names) with the values of a
    /// repeated name joined by `,`.
    static func merged(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let sorted = headers.enumerated().sorted { a, b in
            a.element.name != b.element.name ? a.element.name < b.element.name : a.offset < b.offset
        }
        var result: [(name: String, value: String)] = []
        for (_, header) in sorted {
            if let last = result.last, last.name == header.name {
                result[result.count - 1].value += "," + header.value
            } else {
                result.append(header)
            }
        }
        return result
    }

    /// The canonical URI of a wire path.
    static func path(_ path: String, normalize: Bool, doubleEncode: Bool) -> String {
        guard !path.isEmpty else { return "/" }
        var bytes = Array(path.utf8)
        if normalize, needsNormalization(bytes) { bytes = normalized(bytes) }
        return PercentEncoding.encoded(bytes: bytes, keepSlash: true, keepEscapes: !doubleEncode)
    }

    /// Whether the path has empty, `.` or `..` segments.
    static func needsNormalization(_ bytes: [UInt8]) -> Bool {
        let segments = bytes.split(separator: 0x2F, omittingEmptySubsequences: false)
        return segments.enumerated().contains { index, segment in
            (segment.isEmpty && index > 0) || segment.elementsEqual([0x2E]) || segment.elementsEqual([0x2E, 0x2E])
        }
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

    /// The canonical query: every parameter decoded and re-encoded, a key without `=` given an empty value, sorted
    /// by key then value. `extra` parameters (already encoded: the presigning ones) are merged in.
    static func query(_ query: String, extra: [(String, String)] = []) -> String {
        var pairs: [(key: String, value: String)] = []
        for component in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = component.firstIndex(of: "=") {
                pairs.append(
                    (
                        PercentEncoding.reencoded(component[..<equals]),
                        PercentEncoding.reencoded(component[component.index(after: equals)...])
                    ))
            } else {
                pairs.append((PercentEncoding.reencoded(component), ""))
            }
        }
        pairs += extra.map { (key: $0.0, value: $0.1) }
        // Encoded keys and values are ASCII, so String order is byte order.
        pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.value < $1.value }
        return pairs.map { $0.key + "=" + $0.value }.joined(separator: "&")
    }
}
