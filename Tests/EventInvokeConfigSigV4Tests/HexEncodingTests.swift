import PropertyBased
import Testing

@testable import EventInvokeConfigSigV4

/// Digests are written as lower-case hex from a table of digit pairs; it must agree with the obvious formatting for
/// every byte value and length.
@Suite("Hex encoding")
struct HexEncodingTests {
    static func hex(_ bytes: [UInt8]) -> String {
        var buffer = ByteWriter(capacity: 16)
        defer { buffer.deallocate() }
        bytes.withUnsafeBytes { PercentEncoding.appendHex($0, to: &buffer) }
        return buffer.string(0..<buffer.count)
    }

    static func reference(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test("every byte value, alone and among others")
    func everyByteValue() {
        for value in 0...255 {
            let byte = UInt8(value)
            #expect(Self.hex([byte]) == Self.reference([byte]))
            for position in 0..<4 {
                var word: [UInt8] = [0x00, 0xFF, 0x5A, 0xA5]
                word[position] = byte
                #expect(Self.hex(word) == Self.reference(word))
            }
        }
    }

    @Test("random bytes of every length up to 70 read as the obvious formatting")
    func randomBytes() async {
        await propertyCheck(
            count: 500, input: Gen.int(in: 0...70), Gen.int(in: 0...Int.max)
        ) { count, seed in
            var state = UInt64(truncatingIfNeeded: seed)
            let bytes = (0..<count).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            #expect(Self.hex(bytes) == Self.reference(bytes))
        }
    }
}
