/// Writes the parts of a SigV4 canonical request into a byte buffer.
enum CanonicalRequest {
    /// A header as the signer sees it: the name as given, and either the value text or a range of the buffer
    /// (for values the signer computed itself: the date and the payload hash).
    struct Header {
        enum Value {
            case text(String)
            case buffer(Range<Int>)
        }
        var name: String
        var value: Value
        var order: Int
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

    /// Classifies a header name in one pass over its bytes.
    static func classify(_ name: String) -> HeaderKind {
        var name = name
        return name.withUTF8 { bytes -> HeaderKind in
            func equals(_ expected: StaticString) -> Bool {
                guard bytes.count == expected.utf8CodeUnitCount else { return false }
                return expected.withUTF8Buffer { expected in
                    for index in 0..<bytes.count where lower(bytes[index]) != expected[index] { return false }
                    return true
                }
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
            default:
                if bytes.count >= 6, lower(bytes[0]) == 0x70, lower(bytes[1]) == 0x72, lower(bytes[2]) == 0x6F,
                    lower(bytes[3]) == 0x78, lower(bytes[4]) == 0x79, bytes[5] == 0x2D
                {
                    return .neverSigned
                }
                return .other
            }
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// Orders header names by their lower-cased bytes; `nil` when equal ignoring case.
    static func lowercasedLess(_ a: String, _ b: String) -> Bool? {
        var a = a
        var b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                for index in 0..<min(left.count, right.count) {
                    let x = lower(left[index])
                    let y = lower(right[index])
                    if x != y { return x < y }
                }
                return left.count == right.count ? nil : left.count < right.count
            }
        }
    }

    /// Appends the canonical URI of a wire path.
    static func appendPath(_ path: String, normalize: Bool, doubleEncode: Bool, to buffer: inout ByteWriter) {
        if path.isEmpty {
            buffer.append(0x2F)
            return
        }
        if normalize, needsNormalization(path) {
            normalized(path).withUnsafeBufferPointer { appendEncodedPath($0, doubleEncode: doubleEncode, to: &buffer) }
        } else {
            var path = path
            path.withUTF8 { appendEncodedPath($0, doubleEncode: doubleEncode, to: &buffer) }
        }
    }

    private static func appendEncodedPath(
        _ bytes: UnsafeBufferPointer<UInt8>, doubleEncode: Bool, to buffer: inout ByteWriter
    ) {
        if bytes.isEmpty {
            buffer.append(0x2F)
            return
        }
        if doubleEncode {
            PercentEncoding.appendEncodedPath(bytes, to: &buffer)
            return
        }
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if !doubleEncode && byte == 0x25 {
                // Keep an existing %XX escape as it is (S3-style single encoding).
                guard let high = iterator.next() else {
                    PercentEncoding.appendEncoded(byte, to: &buffer)
                    break
                }
                guard let low = iterator.next() else {
                    PercentEncoding.appendEncoded(byte, to: &buffer)
                    PercentEncoding.appendEncoded(high, to: &buffer, keepSlash: true)
                    break
                }
                if PercentEncoding.hexValue(high) != nil && PercentEncoding.hexValue(low) != nil {
                    buffer.append(byte)
                    buffer.append(high)
                    buffer.append(low)
                } else {
                    PercentEncoding.appendEncoded(byte, to: &buffer)
                    PercentEncoding.appendEncoded(high, to: &buffer, keepSlash: true)
                    PercentEncoding.appendEncoded(low, to: &buffer, keepSlash: true)
                }
            } else {
                PercentEncoding.appendEncoded(byte, to: &buffer, keepSlash: true)
            }
        }
    }

    /// Whether the path has empty, `.` or `..` segments.
    static func needsNormalization(_ path: String) -> Bool {
        var path = path
        return path.withUTF8(needsNormalization)
    }

    private static func needsNormalization(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
    static func normalized(_ path: String) -> [UInt8] {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                _ = segments.popLast()
                continue
            }
            segments.append(segment)
        }
        var result: [UInt8] = [0x2F]
        for (index, segment) in segments.enumerated() {
            if index > 0 { result.append(0x2F) }
            result.append(contentsOf: segment.utf8)
        }
        let endsWithSlash = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
        if !segments.isEmpty && endsWithSlash { result.append(0x2F) }
        return result
    }

    /// Appends the canonical query: every parameter decoded and re-encoded, sorted by key then value.
    /// `extra` parameters (already encoded) are merged in; a key without `=` gets an empty value.
    static func appendQuery(_ query: String, extra: [(String, String)] = [], to buffer: inout ByteWriter) {
        let bytes = query.utf8
        if extra.isEmpty && !bytes.contains(0x26) {
            if !bytes.isEmpty { appendComponent(query[...], to: &buffer) }
            return
        }
        var scratch = ByteWriter(capacity: query.utf8.count * 3 + extra.count * 64)
        defer { scratch.deallocate() }
        var pairs: [(key: Range<Int>, value: Range<Int>)] = []
        for component in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = component.utf8.firstIndex(of: 0x3D) ?? component.utf8.endIndex
            let keyStart = scratch.count
            PercentEncoding.appendRequeryEncoded(component[..<equals].utf8, to: &scratch)
            let valueStart = scratch.count
            if equals != component.utf8.endIndex {
                PercentEncoding.appendRequeryEncoded(
                    component[component.utf8.index(after: equals)...].utf8, to: &scratch)
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

    private static func appendComponent(_ text: Substring, to buffer: inout ByteWriter) {
        let equals = text.utf8.firstIndex(of: 0x3D) ?? text.utf8.endIndex
        PercentEncoding.appendRequeryEncoded(text[..<equals].utf8, to: &buffer)
        buffer.append(0x3D)
        if equals != text.utf8.endIndex {
            PercentEncoding.appendRequeryEncoded(text[text.utf8.index(after: equals)...].utf8, to: &buffer)
        }
    }

    /// Sorts headers by lower-cased name, keeping the given order among equal names.
    static func sort(_ headers: inout [Header]) {
        headers.sort { a, b in
            lowercasedLess(a.name, b.name) ?? (a.order < b.order)
        }
    }

    /// Appends `name:value\n` lines (duplicates joined with `,`), then `\n`, then the `;`-joined names.
    /// Returns the range of the signed-headers list in the buffer.
    static func appendHeaders(_ headers: [Header], to buffer: inout ByteWriter) -> Range<Int> {
        var index = 0
        while index < headers.count {
            appendLowercased(headers[index].name, to: &buffer)
            buffer.append(0x3A)
            var next = index
            repeat {
                if next > index { buffer.append(0x2C) }
                appendTrimmedValue(headers[next].value, to: &buffer)
                next += 1
            } while next < headers.count && lowercasedLess(headers[next].name, headers[index].name) == nil
            buffer.append(0x0A)
            index = next
        }
        buffer.append(0x0A)
        let start = buffer.count
        index = 0
        while index < headers.count {
            if index > 0 { buffer.append(0x3B) }
            appendLowercased(headers[index].name, to: &buffer)
            var next = index + 1
            while next < headers.count && lowercasedLess(headers[next].name, headers[index].name) == nil { next += 1 }
            index = next
        }
        return start..<buffer.count
    }

    private static func appendLowercased(_ name: String, to buffer: inout ByteWriter) {
        var name = name
        name.withUTF8 { bytes in
            buffer.reserve(bytes.count)
            for byte in bytes { buffer.append(lower(byte)) }
        }
    }

    /// Appends a header value with leading and trailing whitespace removed and inner runs (including folded
    /// line breaks) collapsed to one space.
    private static func appendTrimmedValue(_ value: Header.Value, to buffer: inout ByteWriter) {
        switch value {
        case .text(var text):
            text.withUTF8 { bytes in
                buffer.reserve(bytes.count)
                var pendingSpace = false
                var started = false
                for byte in bytes {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                        pendingSpace = started
                    } else {
                        if pendingSpace { buffer.append(0x20) }
                        pendingSpace = false
                        started = true
                        buffer.append(byte)
                    }
                }
            }
        case .buffer(let range):
            buffer.appendCopy(of: range)
        }
    }
}
