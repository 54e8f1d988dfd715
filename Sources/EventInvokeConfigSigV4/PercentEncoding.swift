/// SigV4's URI encoding: every byte except `A-Z a-z 0-9 - . _ ~` becomes `%XX` with upper-case hex.
package enum PercentEncoding {
    static let upperHex: StaticString = "0123456789ABCDEF"
    static let lowerHex: StaticString = "0123456789abcdef"

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }

    @inline(__always)
    static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Appends every byte encoded (keeping `/`), writing without per-byte capacity checks.
    static func appendEncodedPath(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout ByteWriter) {
        buffer.reserve(bytes.count * 3)
        upperHex.withUTF8Buffer { hex in
            for byte in bytes {
                if isUnreserved(byte) || byte == 0x2F {
                    buffer.appendUnchecked(byte)
                } else {
                    buffer.appendUnchecked(0x25)
                    buffer.appendUnchecked(hex[Int(byte >> 4)])
                    buffer.appendUnchecked(hex[Int(byte & 0x0F)])
                }
            }
        }
    }

    /// Appends one byte, encoded unless unreserved (or `/` when `keepSlash`).
    @inline(__always)
    static func appendEncoded(_ byte: UInt8, to buffer: inout ByteWriter, keepSlash: Bool = false) {
        if isUnreserved(byte) || (keepSlash && byte == 0x2F) {
            buffer.append(byte)
        } else {
            buffer.reserve(3)
            buffer.append(0x25)
            upperHex.withUTF8Buffer { hex in
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0x0F)])
            }
        }
    }

    /// Appends `text` encoded.
    package static func appendEncoded(_ text: some StringProtocol, to buffer: inout ByteWriter) {
        buffer.reserve(text.utf8.count)
        for byte in text.utf8 { appendEncoded(byte, to: &buffer) }
    }

    /// `text` with every byte but `A-Z a-z 0-9 - . _ ~` percent-encoded (for one path segment or query value).
    package static func encoded(_ text: some StringProtocol) -> String {
        var buffer = ByteWriter(capacity: text.utf8.count * 3)
        defer { buffer.deallocate() }
        appendEncoded(text, to: &buffer)
        return buffer.string(0..<buffer.count)
    }

    /// Appends a query component from the wire: `%XX` is decoded first, then everything is re-encoded, so that
    /// `%24LATEST` and `$LATEST` both become `%24LATEST`. `+` is a literal plus, as SigV4 requires.
    static func appendRequeryEncoded(_ bytes: Substring.UTF8View, to buffer: inout ByteWriter) {
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x25 {
                let first = bytes.index(after: index)
                if first != bytes.endIndex, let high = hexValue(bytes[first]) {
                    let second = bytes.index(after: first)
                    if second != bytes.endIndex, let low = hexValue(bytes[second]) {
                        appendEncoded(high << 4 | low, to: &buffer)
                        index = bytes.index(after: second)
                        continue
                    }
                }
            }
            appendEncoded(byte, to: &buffer)
            index = bytes.index(after: index)
        }
    }

    /// Appends bytes as lower-case hex.
    static func appendHex(_ bytes: UnsafeRawBufferPointer, to buffer: inout ByteWriter) {
        buffer.reserve(bytes.count * 2)
        lowerHex.withUTF8Buffer { hex in
            for byte in bytes {
                buffer.appendUnchecked(hex[Int(byte >> 4)])
                buffer.appendUnchecked(hex[Int(byte & 0x0F)])
            }
        }
    }
}
