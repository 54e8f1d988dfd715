import PropertyBased
import Testing

@testable import EventInvokeConfigSigV4

/// Header values are trimmed and their inner whitespace collapsed; values without any byte at or below 0x20 take a
/// word-at-a-time fast path that must agree with a byte-by-byte reading.
@Suite("Header values: the word-wise whitespace scan and trimming")
struct HeaderValueTests {
    /// The bytes around the boundary (0x1F–0x22), high bytes (whose sign bit must not confuse the word test), and
    /// ordinary ones.
    static let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x41, 0x7E, 0x7F, 0x80, 0xA0, 0xFF]

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var buffer = ByteWriter(capacity: 16)
        defer { buffer.deallocate() }
        bytes.withUnsafeBytes { CanonicalRequest.appendTrimmedValue($0, to: &buffer) }
        return Array(buffer.bytes(0..<buffer.count))
    }

    /// The rule written out plainly: drop leading and trailing space, tab, CR and LF; collapse inner runs to one
    /// space.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        var words: [[UInt8]] = [[]]
        for byte in bytes {
            if isSpace(byte) {
                if !(words.last ?? []).isEmpty { words.append([]) }
            } else {
                words[words.count - 1].append(byte)
            }
        }
        return Array(words.filter { !$0.isEmpty }.joined(separator: [0x20]))
    }

    @Test("the word-wise scan finds a byte at or below 0x20 exactly when a byte-by-byte scan does")
    func scanAgreement() async {
        // Mostly ordinary bytes so that long runs reach the word loop; lengths cross several word boundaries.
        let byte = Gen<UInt8?>.element(of: Self.alphabet + Array(repeating: 0x61, count: 30)).compactMap { $0 }
        await propertyCheck(count: 5_000, input: byte.array(of: 0...70)) { bytes in
            let expected = bytes.contains { $0 <= 0x20 }
            #expect(bytes.withUnsafeBytes { CanonicalRequest.hasByteBelow0x21($0) } == expected, "\(bytes)")
        }
    }

    @Test("trimming agrees with the plain rule on generated values")
    func trimAgreement() async {
        let byte = Gen<UInt8?>.element(of: Self.alphabet + Array(repeating: 0x61, count: 20)).compactMap { $0 }
        await propertyCheck(count: 5_000, input: byte.array(of: 0...70)) { bytes in
            #expect(Self.trimmed(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }

    @Test("a kilobyte session token with one space at any position is still found")
    func longValues() {
        let token = Array(String(repeating: "IQoJb3JpZ2luX2VjEXAMPLE+/=", count: 40).utf8)
        #expect(!token.withUnsafeBytes { CanonicalRequest.hasByteBelow0x21($0) })
        for position in [0, 1, 7, 8, 9, 500, token.count - 9, token.count - 8, token.count - 1] {
            var spaced = token
            spaced[position] = 0x20
            #expect(spaced.withUnsafeBytes { CanonicalRequest.hasByteBelow0x21($0) }, "space at \(position)")
        }
    }
}
