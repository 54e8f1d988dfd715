/// SigV4's URI encoding: every byte except `A-Z a-z 0-9 - . _ ~` becomes `%XX` with upper-case hex.
package enum PercentEncoding {
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Whether SigV4 leaves `byte` as it is.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// The value of one hex digit (either case), or `nil`.
    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// `text` with every byte but `A-Z a-z 0-9 - . _ ~` (and `/` when `keepSlash`) percent-encoded: one path
    /// segment or one query key or value.
    package static func encoded(_ text: some StringProtocol, keepSlash: Bool = false) -> String {
        var out: [UInt8] = []
        append(text, keepSlash: keepSlash, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `bytes` percent-encoded as ``encoded(_:keepSlash:)`` encodes them; an existing `%XX` escape is kept as
    /// it is when `keepEscapes` (S3-style single encoding of a wire path).
    static func append(
        _ bytes: ArraySlice<UInt8>, keepSlash: Bool = false, keepEscapes: Bool = false, to out: inout [UInt8]
    ) {
        out.reserveCapacity(out.count + bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else if keepEscapes, byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil
            {
                out.append(contentsOf: bytes[index...(index + 2)])
                index += 2
            } else {
                appendEscape(byte, to: &out)
            }
            index += 1
        }
    }

    /// Appends `%XX` for `byte`, upper-case hex.
    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "%"))
        out.append(upperHex[Int(byte >> 4)])
        out.append(upperHex[Int(byte & 0x0F)])
    }

    /// Appends the UTF-8 of `text` percent-encoded.
    static func append(_ text: some StringProtocol, keepSlash: Bool = false, to out: inout [UInt8]) {
        append(Array(text.utf8)[...], keepSlash: keepSlash, to: &out)
    }

    /// Appends a query key or value from the wire in SigV4's canonical form: `%XX` escapes decoded first, then
    /// everything encoded, so `%24LATEST` and `$LATEST` both become `%24LATEST`. `+` stays a literal plus, as SigV4
    /// requires.
    static func appendReencoded(_ component: ArraySlice<UInt8>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + component.count)
        var index = component.startIndex
        while index < component.endIndex {
            var byte = component[index]
            if byte == UInt8(ascii: "%"), index + 2 < component.endIndex,
                let high = hexValue(component[index + 1]), let low = hexValue(component[index + 2])
            {
                byte = high << 4 | low
                index += 2
            }
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                appendEscape(byte, to: &out)
            }
            index += 1
        }
    }

    /// Appends `bytes` as lower-case hex.
    static func appendHex(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + 2 * bytes.count)
        for byte in bytes {
            out.append(lowerHex[Int(byte >> 4)])
            out.append(lowerHex[Int(byte & 0x0F)])
        }
    }

    private static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)
}
