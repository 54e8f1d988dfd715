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

    /// Headers that proxies add or rewrite and that SDKs therefore never sign.
    static func isNeverSigned(_ name: String) -> Bool {
        let lower = name.utf8
        switch lower.count {
        case 2: return equalsLowercased(name, "te")
        case 6: return equalsLowercased(name, "expect")
        case 7: return equalsLowercased(name, "trailer") || equalsLowercased(name, "upgrade")
        case 10:
            return equalsLowercased(name, "user-agent") || equalsLowercased(name, "connection")
                || equalsLowercased(name, "keep-alive")
        case 13: return equalsLowercased(name, "authorization")
        case 15: return equalsLowercased(name, "x-amzn-trace-id")
        case 17: return equalsLowercased(name, "transfer-encoding")
        default: return hasLowercasedPrefix(name, "proxy-")
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// Whether `name` equals `lowercase` ignoring ASCII case (`lowercase` must be lower-case).
    static func equalsLowercased(_ name: String, _ lowercase: StaticString) -> Bool {
        guard name.utf8.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            var index = 0
            for byte in name.utf8 {
                if lower(byte) != expected[index] { return false }
                index += 1
            }
            return true
        }
    }

    static func hasLowercasedPrefix(_ name: String, _ prefix: StaticString) -> Bool {
        guard name.utf8.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { expected in
            for (index, byte) in name.utf8.prefix(expected.count).enumerated() where lower(byte) != expected[index] {
                return false
            }
            return true
        }
    }

    /// Orders header names by their lower-cased bytes.
    static func lowercasedLess(_ a: String, _ b: String) -> Bool? {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return nil
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?):
                let lx = lower(x)
                let ly = lower(y)
                if lx != ly { return lx < ly }
            }
        }
    }

    /// Appends the canonical URI of a wire path.
    static func appendPath(_ path: String, normalize: Bool, doubleEncode: Bool, to buffer: inout [UInt8]) {
        if path.isEmpty {
            buffer.append(0x2F)
            return
        }
        if normalize, needsNormalization(path) {
            appendEncodedPath(normalized(path), doubleEncode: doubleEncode, to: &buffer)
        } else {
            appendEncodedPath(path.utf8, doubleEncode: doubleEncode, to: &buffer)
        }
    }

    private static func appendEncodedPath(
        _ bytes: some Collection<UInt8>, doubleEncode: Bool, to buffer: inout [UInt8]
    ) {
        if bytes.isEmpty {
            buffer.append(0x2F)
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
        var previousWasSlash = false
        var segmentLength = 0
        var segmentDots = 0
        for byte in path.utf8 {
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
    static func appendQuery(_ query: String, extra: [(String, String)] = [], to buffer: inout [UInt8]) {
        let components = query.utf8.split(separator: 0x26, omittingEmptySubsequences: true)
        if components.count == 1 && extra.isEmpty {
            appendComponent(Substring(components[0]), to: &buffer)
            return
        }
        if components.isEmpty && extra.isEmpty { return }
        var scratch: [UInt8] = []
        var pairs: [(key: Range<Int>, value: Range<Int>)] = []
        pairs.reserveCapacity(components.count + extra.count)
        for component in components {
            let text = Substring(component)
            let equals = text.utf8.firstIndex(of: 0x3D) ?? text.utf8.endIndex
            let keyStart = scratch.count
            PercentEncoding.appendRequeryEncoded(text[..<equals].utf8, to: &scratch)
            let valueStart = scratch.count
            if equals != text.utf8.endIndex {
                PercentEncoding.appendRequeryEncoded(text[text.utf8.index(after: equals)...].utf8, to: &scratch)
            }
            pairs.append((keyStart..<valueStart, valueStart..<scratch.count))
        }
        for (key, value) in extra {
            let keyStart = scratch.count
            scratch.append(contentsOf: key.utf8)
            let valueStart = scratch.count
            scratch.append(contentsOf: value.utf8)
            pairs.append((keyStart..<valueStart, valueStart..<scratch.count))
        }
        pairs.sort { a, b in
            let keyOrder = compare(scratch[a.key], scratch[b.key])
            return keyOrder != 0 ? keyOrder < 0 : compare(scratch[a.value], scratch[b.value]) < 0
        }
        for (index, pair) in pairs.enumerated() {
            if index > 0 { buffer.append(0x26) }
            buffer.append(contentsOf: scratch[pair.key])
            buffer.append(0x3D)
            buffer.append(contentsOf: scratch[pair.value])
        }
    }

    private static func appendComponent(_ text: Substring, to buffer: inout [UInt8]) {
        let equals = text.utf8.firstIndex(of: 0x3D) ?? text.utf8.endIndex
        PercentEncoding.appendRequeryEncoded(text[..<equals].utf8, to: &buffer)
        buffer.append(0x3D)
        if equals != text.utf8.endIndex {
            PercentEncoding.appendRequeryEncoded(text[text.utf8.index(after: equals)...].utf8, to: &buffer)
        }
    }

    private static func compare(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Sorts headers by lower-cased name, keeping the given order among equal names.
    static func sort(_ headers: inout [Header]) {
        headers.sort { a, b in
            lowercasedLess(a.name, b.name) ?? (a.order < b.order)
        }
    }

    /// Appends `name:value\n` lines (duplicates joined with `,`), then `\n`, then the `;`-joined names.
    /// Returns the range of the signed-headers list in the buffer.
    static func appendHeaders(_ headers: [Header], to buffer: inout [UInt8]) -> Range<Int> {
        var index = 0
        while index < headers.count {
            for byte in headers[index].name.utf8 { buffer.append(lower(byte)) }
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
            for byte in headers[index].name.utf8 { buffer.append(lower(byte)) }
            var next = index + 1
            while next < headers.count && lowercasedLess(headers[next].name, headers[index].name) == nil { next += 1 }
            index = next
        }
        return start..<buffer.count
    }

    /// Appends a header value with leading and trailing whitespace removed and inner runs (including folded
    /// line breaks) collapsed to one space.
    private static func appendTrimmedValue(_ value: Header.Value, to buffer: inout [UInt8]) {
        switch value {
        case .text(let text):
            var pendingSpace = false
            var started = false
            for byte in text.utf8 {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    pendingSpace = started
                } else {
                    if pendingSpace { buffer.append(0x20) }
                    pendingSpace = false
                    started = true
                    buffer.append(byte)
                }
            }
        case .buffer(let range):
            for index in range { buffer.append(buffer[index]) }
        }
    }
}
