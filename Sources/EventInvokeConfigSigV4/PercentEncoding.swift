/// SigV4's URI encoding: every byte except `A-Z a-z 0-9 - . _ ~` becomes `%XX` with upper-case hex.
package enum PercentEncoding {
    static let upperHex: StaticString = "0123456789ABCDEF"
    /// The two lower-case hex digits of every byte, in order: `00 01 … fe ff`.
    private static let hexPairs: StaticString = """
        000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\
        303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\
        606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f\
        909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
        c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef\
        f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
        """
    /// How a path byte is written when double-encoding: `0` as is, `1` percent-encoded, `2` a slash (which ends a
    /// segment). Indexed by byte value.
    static let pathClasses: StaticString = """
        1111111111111111111111111111111111111111111110020000000000111111\
        1000000000000000000000000001111010000000000000000000000000011101\
        1111111111111111111111111111111111111111111111111111111111111111\
        1111111111111111111111111111111111111111111111111111111111111111
        """

    /// Bit `b` set for each unreserved byte `b` < 64: `-`, `.`, `0-9`.
    private static let unreservedLow: UInt64 = (1 << 0x2D) | (1 << 0x2E) | (0x3FF << 0x30)
    /// Bit `b - 64` set for each unreserved byte 64...127: `A-Z`, `_`, `a-z`, `~`.
    private static let unreservedHigh: UInt64 =
        (0x3FF_FFFF << (0x41 - 64)) | (1 << (0x5F - 64)) | (0x3FF_FFFF << (0x61 - 64)) | (1 << (0x7E - 64))
    private static let slash: UInt64 = 1 << 0x2F

    @inline(__always)
    static func isUnreserved(_ byte: UInt8, keepSlash: Bool = false) -> Bool {
        if byte < 64 {
            let mask = keepSlash ? unreservedLow | slash : unreservedLow
            return mask >> byte & 1 == 1
        }
        return byte < 128 && unreservedHigh >> (byte &- 64) & 1 == 1
    }

    @inline(__always)
    static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    /// The value of one hex digit (either case), or `nil`.
    @inline(__always)
    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Writes `byte` at `out[written]`, encoded unless unreserved (or `/` when `keepSlash`); returns the new
    /// count. The caller has reserved three bytes.
    @inline(__always)
    static func write(_ byte: UInt8, keepSlash: Bool, to out: UnsafeMutablePointer<UInt8>, at written: Int) -> Int {
        guard isUnreserved(byte, keepSlash: keepSlash) else { return writeEscape(byte, to: out, at: written) }
        out[written] = byte
        return written + 1
    }

    /// Writes `%XX` for `byte` at `out[written]`; returns the new count.
    @inline(__always)
    static func writeEscape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>, at written: Int) -> Int {
        let hex = upperHex.utf8Start
        out[written] = 0x25
        out[written &+ 1] = hex[Int(byte >> 4)]
        out[written &+ 2] = hex[Int(byte & 0x0F)]
        return written &+ 3
    }

    /// Appends one byte, encoded unless unreserved (or `/` when `keepSlash`).
    @inline(__always)
    static func appendEncoded(_ byte: UInt8, keepSlash: Bool = false, to buffer: inout ByteWriter) {
        buffer.appendUnsafe(maxCount: 3) { write(byte, keepSlash: keepSlash, to: $0, at: 0) }
    }

    /// Appends every byte encoded (keeping `/` when asked).
    static func appendEncoded(_ bytes: UnsafeRawBufferPointer, keepSlash: Bool = false, to buffer: inout ByteWriter) {
        buffer.appendUnsafe(maxCount: bytes.count * 3) { out in
            var written = 0
            for byte in bytes { written = write(byte, keepSlash: keepSlash, to: out, at: written) }
            return written
        }
    }

    /// Appends `text` encoded.
    package static func appendEncoded(_ text: String, to buffer: inout ByteWriter) {
        withUTF8Bytes(text) { appendEncoded($0, to: &buffer) }
    }

    /// `text` with every byte but `A-Z a-z 0-9 - . _ ~` percent-encoded (for one path segment or query value).
    package static func encoded(_ text: String) -> String {
        withUTF8Bytes(text) { bytes in
            // Already clean: no copy.
            if bytes.allSatisfy({ isUnreserved($0) }) { return text }
            return ByteWriter.string(capacity: bytes.count * 3) { appendEncoded(bytes, to: &$0) }
        }
    }

    /// Appends a query component from the wire: `%XX` is decoded first, then everything is re-encoded, so that
    /// `%24LATEST` and `$LATEST` both become `%24LATEST`. `+` is a literal plus, as SigV4 requires.
    static func appendRequeryEncoded(_ bytes: UnsafeRawBufferPointer, to buffer: inout ByteWriter) {
        if isCanonicallyEncoded(bytes) {
            buffer.append(bytes)
            return
        }
        buffer.appendUnsafe(maxCount: bytes.count * 3) { out in
            var written = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x25, index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                {
                    written = write(high << 4 | low, keepSlash: false, to: out, at: written)
                    index += 3
                } else {
                    written = write(byte, keepSlash: false, to: out, at: written)
                    index += 1
                }
            }
            return written
        }
    }

    /// Appends bytes as lower-case hex.
    /// Whether decoding and re-encoding `bytes` gives them back unchanged: only unreserved bytes and escapes in
    /// upper case of bytes that must stay escaped. Most query keys and values already are.
    @inline(__always)
    static func isCanonicallyEncoded(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isUnreserved(byte) {
                index &+= 1
                continue
            }
            guard byte == 0x25, index + 2 < bytes.count else { return false }
            let high = bytes[index + 1]
            let low = bytes[index + 2]
            guard isUpperHex(high), isUpperHex(low), let h = hexValue(high), let l = hexValue(low),
                !isUnreserved(h << 4 | l)
            else { return false }
            index &+= 3
        }
        return true
    }

    @inline(__always)
    static func isUpperHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46)
    }

    static func appendHex(_ bytes: UnsafeRawBufferPointer, to buffer: inout ByteWriter) {
        buffer.appendUnsafe(maxCount: bytes.count * 2) { out in
            let pairs = hexPairs.utf8Start
            for index in 0..<bytes.count {
                let pair = Int(bytes[index]) &* 2
                out[2 &* index] = pairs[pair]
                out[2 &* index &+ 1] = pairs[pair &+ 1]
            }
            return bytes.count * 2
        }
    }
}
