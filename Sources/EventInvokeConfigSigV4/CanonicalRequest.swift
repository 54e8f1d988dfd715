/// Writes the parts of a SigV4 canonical request into a byte buffer.
///
/// Everything works on UTF-8 bytes and buffer offsets: header names are written lower-cased and values trimmed
/// into the signer's scratch buffer once, then sorted and copied by range, so no `String` is built or compared.
enum CanonicalRequest {
    /// A header to sign: its lower-cased name and trimmed value as ranges of the buffer, and its position
    /// among the request's headers (duplicates are joined in that order).
    struct Entry {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
        var order: Int

        var name: Range<Int> { nameStart..<nameEnd }
        var value: Range<Int> { valueStart..<valueEnd }
    }

    /// What the signer does with a header, judged by its name.
    enum HeaderKind {
        /// Proxies add or rewrite it, so SDKs never sign it (`user-agent`, hop-by-hop headers, …).
        case neverSigned
        case host
        case amzDate
        case securityToken
        case contentSHA256
        case other
    }

    /// Classifies a lower-cased header name.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> HeaderKind {
        func equals(_ expected: StaticString) -> Bool {
            bytes.count == expected.utf8CodeUnitCount && hasPrefix(expected)
        }
        func hasPrefix(_ expected: StaticString) -> Bool {
            let count = expected.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            let start = expected.utf8Start
            for index in 0..<count where bytes[index] != start[index] { return false }
            return true
        }
        switch bytes.count {
        case 2: return equals("te") ? .neverSigned : .other
        case 4: return equals("host") ? .host : .other
        case 6: return equals("expect") ? .neverSigned : .other
        case 7: return equals("trailer") || equals("upgrade") ? .neverSigned : .other
        case 10:
            if equals("x-amz-date") { return .amzDate }
            return equals("user-agent") || equals("connection") || equals("keep-alive") ? .neverSigned : .other
        case 13: return equals("authorization") ? .neverSigned : .other
        case 15: return equals("x-amzn-trace-id") ? .neverSigned : .other
        case 17: return equals("transfer-encoding") ? .neverSigned : .other
        case 20:
            if equals("x-amz-security-token") { return .securityToken }
            return equals("x-amz-content-sha256") ? .contentSHA256 : .other
        default: return hasPrefix("proxy-") ? .neverSigned : .other
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// Appends `name` lower-cased.
    static func appendLowercased(_ name: UnsafeRawBufferPointer, to buffer: inout ByteWriter) {
        buffer.appendUnsafe(maxCount: name.count) { out in
            for index in 0..<name.count { out[index] = lower(name[index]) }
            return name.count
        }
    }

    /// Appends a header value with leading and trailing whitespace removed and inner runs (including folded
    /// line breaks) collapsed to one space.
    static func appendTrimmedValue(_ value: UnsafeRawBufferPointer, to buffer: inout ByteWriter) {
        // Most values have no space, tab or line break at all: copied as they are.
        if !hasByteBelow0x21(value) {
            buffer.append(value)
            return
        }
        buffer.appendUnsafe(maxCount: value.count) { out in
            var written = 0
            var pendingSpace = false
            for byte in value {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    pendingSpace = written > 0
                } else {
                    if pendingSpace {
                        out[written] = 0x20
                        written += 1
                        pendingSpace = false
                    }
                    out[written] = byte
                    written += 1
                }
            }
            return written
        }
    }

    /// Whether any byte is 0x20 (space) or below: eight bytes per step (a session token is about a kilobyte).
    /// A word has a byte below `n` (`n` ≤ 128) exactly when `(w − n·0x0101…) & ~w & 0x8080…` is not zero.
    @inline(__always)
    static func hasByteBelow0x21(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        if let base = bytes.baseAddress {
            while index &+ 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if (word &- ones &* 0x21) & ~word & highs != 0 { return true }
                index &+= 8
            }
        }
        while index < bytes.count {
            if bytes[index] <= 0x20 { return true }
            index &+= 1
        }
        return false
    }

    /// Sorts entries by name bytes, keeping the given order among equal names (insertion sort: requests carry
    /// a handful of headers).
    static func sort(_ entries: UnsafeMutableBufferPointer<Entry>, in buffer: ByteWriter) {
        guard entries.count > 1 else { return }
        for index in 1..<entries.count {
            let entry = entries[index]
            var slot = index
            while slot > 0 {
                let previous = entries[slot - 1]
                let order = buffer.compare(previous.name, entry.name)
                if order < 0 || (order == 0 && previous.order < entry.order) { break }
                entries[slot] = previous
                slot -= 1
            }
            entries[slot] = entry
        }
    }

    /// Appends the `;`-joined distinct names of sorted entries and returns their range.
    static func appendSignedHeaders(
        _ entries: UnsafeMutableBufferPointer<Entry>, to buffer: inout ByteWriter
    )
        -> Range<Int>
    {
        let start = buffer.count
        for index in entries.indices {
            if index > 0 {
                if buffer.compare(entries[index - 1].name, entries[index].name) == 0 { continue }
                buffer.append(0x3B)
            }
            buffer.appendCopy(of: entries[index].name)
        }
        return start..<buffer.count
    }

    /// Appends a `name:value\n` line per distinct name of sorted entries, duplicates' values joined with `,`.
    static func appendHeaderLines(_ entries: UnsafeMutableBufferPointer<Entry>, to buffer: inout ByteWriter) {
        for index in entries.indices {
            let entry = entries[index]
            if index > 0 && buffer.compare(entries[index - 1].name, entry.name) == 0 {
                buffer.truncate(to: buffer.count - 1)  // the previous line's newline
                buffer.append(0x2C)
            } else {
                buffer.appendCopy(of: entry.name)
                buffer.append(0x3A)
            }
            buffer.appendCopy(of: entry.value)
            buffer.append(0x0A)
        }
    }

    /// Appends the canonical URI of a wire path.
    static func appendPath(
        _ path: UnsafeRawBufferPointer, normalize: Bool, doubleEncode: Bool, to buffer: inout ByteWriter
    ) {
        if path.isEmpty {
            buffer.append(0x2F)
        } else if doubleEncode && normalize {
            // The common case in one pass: encode, and start over on the slow path only if a segment needs
            // normalising.
            let mark = buffer.count
            if !appendDoubleEncodedIfNormal(path, to: &buffer) {
                buffer.truncate(to: mark)
                normalized(path).withUnsafeBytes { appendEncodedPath($0, doubleEncode: true, to: &buffer) }
            }
        } else if normalize, needsNormalization(path) {
            normalized(path).withUnsafeBytes { appendEncodedPath($0, doubleEncode: doubleEncode, to: &buffer) }
        } else {
            appendEncodedPath(path, doubleEncode: doubleEncode, to: &buffer)
        }
    }

    /// Encodes the path (keeping `/`) while checking its segments; returns `false`, having written a partial
    /// result, when an empty, `.` or `..` segment means the path must be normalised first.
    private static func appendDoubleEncodedIfNormal(
        _ bytes: UnsafeRawBufferPointer, to buffer: inout ByteWriter
    )
        -> Bool
    {
        var isNormal = true
        buffer.appendUnsafe(maxCount: bytes.count * 3) { out in
            let classes = PercentEncoding.pathClasses.utf8Start
            // A segment needs normalising when it is empty (after the first slash), `.` or `..`; checked at its end
            // from its bounds, so the per-byte loop only copies or encodes.
            func isPlainSegment(_ start: Int, _ end: Int, afterSlash: Bool) -> Bool {
                switch end - start {
                case 0: return !afterSlash
                case 1: return bytes[start] != 0x2E
                case 2: return bytes[start] != 0x2E || bytes[start + 1] != 0x2E
                default: return true
                }
            }
            var written = 0
            var sawSlash = false
            var segmentStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch classes[Int(byte)] {
                case 0x30:
                    out[written] = byte
                    written &+= 1
                case 0x31:
                    written = PercentEncoding.writeEscape(byte, to: out, at: written)
                default:
                    guard isPlainSegment(segmentStart, index, afterSlash: sawSlash) else {
                        isNormal = false
                        return written
                    }
                    out[written] = byte
                    written &+= 1
                    sawSlash = true
                    segmentStart = index &+ 1
                }
                index &+= 1
            }
            if segmentStart < bytes.count && !isPlainSegment(segmentStart, bytes.count, afterSlash: false) {
                isNormal = false
            }
            return written
        }
        return isNormal
    }

    private static func appendEncodedPath(
        _ bytes: UnsafeRawBufferPointer, doubleEncode: Bool, to buffer: inout ByteWriter
    ) {
        if bytes.isEmpty {
            buffer.append(0x2F)
        } else if doubleEncode {
            PercentEncoding.appendEncoded(bytes, keepSlash: true, to: &buffer)
        } else {
            // S3-style single encoding: an existing `%XX` escape stays as it is.
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x25, index + 2 < bytes.count,
                    PercentEncoding.hexValue(bytes[index + 1]) != nil,
                    PercentEncoding.hexValue(bytes[index + 2]) != nil
                {
                    buffer.append(UnsafeRawBufferPointer(rebasing: bytes[index..<index + 3]))
                    index += 3
                } else {
                    PercentEncoding.appendEncoded(byte, keepSlash: true, to: &buffer)
                    index += 1
                }
            }
        }
    }

    /// Whether the path has empty, `.` or `..` segments.
    static func needsNormalization(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var previousWasSlash = false
        var segmentLength = 0
        var segmentDots = 0
        for byte in bytes {
            if byte == 0x2F {
                if previousWasSlash || (segmentLength > 0 && segmentLength == segmentDots && segmentDots <= 2) {
                    return true
                }
                previousWasSlash = true
                segmentLength = 0
                segmentDots = 0
            } else {
                previousWasSlash = false
                segmentLength += 1
                if byte == 0x2E { segmentDots += 1 }
            }
        }
        return segmentLength > 0 && segmentLength == segmentDots && segmentDots <= 2
    }

    /// Removes empty, `.` and `..` segments, keeping a leading and a trailing slash.
    static func normalized(_ path: UnsafeRawBufferPointer) -> [UInt8] {
        var segments: [ArraySlice<UInt8>] = []
        let bytes = Array(path)
        for segment in bytes.split(separator: 0x2F, omittingEmptySubsequences: true) {
            if segment.elementsEqual([0x2E]) { continue }
            if segment.elementsEqual([0x2E, 0x2E]) {
                _ = segments.popLast()
                continue
            }
            segments.append(segment)
        }
        var result: [UInt8] = [0x2F]
        for (index, segment) in segments.enumerated() {
            if index > 0 { result.append(0x2F) }
            result.append(contentsOf: segment)
        }
        let lastSegment = bytes.split(separator: 0x2F, omittingEmptySubsequences: false).last ?? []
        let endsWithSlash =
            lastSegment.isEmpty || lastSegment.elementsEqual([0x2E]) || lastSegment.elementsEqual([0x2E, 0x2E])
        if !segments.isEmpty && endsWithSlash { result.append(0x2F) }
        return result
    }

    /// Appends the canonical query: every parameter decoded and re-encoded, sorted by key then value.
    /// `extra` parameters (already encoded) are merged in; a key without `=` gets an empty value.
    static func appendQuery(
        _ query: UnsafeRawBufferPointer, extra: [(String, String)] = [], to buffer: inout ByteWriter
    ) {
        if extra.isEmpty && !query.contains(0x26) {
            if !query.isEmpty { appendParameter(query, to: &buffer) }
            return
        }
        var scratch = ByteWriter(capacity: query.count * 3 + extra.count * 64)
        defer { scratch.deallocate() }
        var pairs: [(key: Range<Int>, value: Range<Int>)] = []
        for component in query.split(separator: 0x26, omittingEmptySubsequences: true) {
            let component = UnsafeRawBufferPointer(rebasing: component)
            let equals = component.firstIndex(of: 0x3D) ?? component.count
            let keyStart = scratch.count
            PercentEncoding.appendRequeryEncoded(UnsafeRawBufferPointer(rebasing: component[..<equals]), to: &scratch)
            let valueStart = scratch.count
            if equals < component.count {
                PercentEncoding.appendRequeryEncoded(
                    UnsafeRawBufferPointer(rebasing: component[(equals + 1)...]), to: &scratch)
            }
            pairs.append((keyStart..<valueStart, valueStart..<scratch.count))
        }
        for (key, value) in extra {
            let keyStart = scratch.count
            scratch.append(key)
            let valueStart = scratch.count
            scratch.append(value)
            pairs.append((keyStart..<valueStart, valueStart..<scratch.count))
        }
        pairs.sort { a, b in
            let keyOrder = scratch.compare(a.key, b.key)
            return keyOrder != 0 ? keyOrder < 0 : scratch.compare(a.value, b.value) < 0
        }
        for (index, pair) in pairs.enumerated() {
            if index > 0 { buffer.append(0x26) }
            buffer.append(scratch.bytes(pair.key))
            buffer.append(0x3D)
            buffer.append(scratch.bytes(pair.value))
        }
    }

    /// Appends one `key=value` parameter, re-encoded; `=` is always written.
    private static func appendParameter(_ text: UnsafeRawBufferPointer, to buffer: inout ByteWriter) {
        let equals = text.firstIndex(of: 0x3D) ?? text.count
        PercentEncoding.appendRequeryEncoded(UnsafeRawBufferPointer(rebasing: text[..<equals]), to: &buffer)
        buffer.append(0x3D)
        if equals < text.count {
            PercentEncoding.appendRequeryEncoded(UnsafeRawBufferPointer(rebasing: text[(equals + 1)...]), to: &buffer)
        }
    }
}
