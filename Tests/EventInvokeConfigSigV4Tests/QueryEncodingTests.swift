import PropertyBased
import Testing

@testable import EventInvokeConfigSigV4

/// The canonical query re-encoding (decode `%XX`, encode everything but `A-Za-z0-9-._~`) against a reference
/// written here from the rule, including the copy-as-is shortcut for text that is already canonical.
@Suite("Canonical query: re-encoding and its shortcut against the rule")
struct QueryEncodingTests {
    static func encoder(_ text: String) -> (output: String, shortcut: Bool) {
        var buffer = ByteWriter(capacity: 64)
        defer { buffer.deallocate() }
        var text = text
        return text.withUTF8 { raw in
            let bytes = UnsafeRawBufferPointer(raw)
            PercentEncoding.appendRequeryEncoded(bytes, to: &buffer)
            return (buffer.string(0..<buffer.count), PercentEncoding.isCanonicallyEncoded(bytes))
        }
    }

    static func reference(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        var output = ""
        for byte in decoded {
            if unreserved.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return output
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    @Test("generated keys and values re-encode as the rule says, and the shortcut only takes canonical text")
    func agreement() async {
        let pieces = [
            "%24", "%2F", "%2f", "%41", "%7E", "%", "%4", "%G1", "a", "Z", "9", "~", "-", " ", "$", "é", "+", "%20",
        ]
        let gen = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...10).map { $0.joined() }
        await propertyCheck(count: 5000, input: gen) { text in
            let (output, shortcut) = Self.encoder(text)
            let expected = Self.reference(text)
            #expect(output == expected, "\(text)")
            if shortcut { #expect(expected == text, "shortcut taken for non-canonical \(text)") }
        }
    }

    @Test(
        "the Lambda qualifier and markers take the shortcut",
        arguments: ["%24LATEST", "Qualifier", "live", "abc%2B%2F"])
    func shortcutCases(text: String) {
        #expect(Self.encoder(text) == (text, true))
    }
}
