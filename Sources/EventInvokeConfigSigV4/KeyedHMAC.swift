import Crypto

/// HMAC-SHA256 (RFC 2104) with the key absorbed once.
///
/// `HMAC<SHA256>` is generic and not inlinable, so every call from this module goes through unspecialised code
/// and re-keying builds arrays and `SymmetricKey`s. The signer needs only SHA-256, so it keeps the two hash
/// states that follow the key blocks (`key ⊕ ipad`, `key ⊕ opad`) and copies them per message: each signature
/// then costs exactly the hash work of the message and one digest block. With the CPU-extension engine those
/// states are ``SHA256Midstate``s (eight words each, no allocation); otherwise swift-crypto `SHA256` values.
struct KeyedHMAC: Sendable {
    private static let blockSize = 64

    private enum States: Sendable {
        case cpu(inner: SHA256Midstate, outer: SHA256Midstate)
        case library(inner: SHA256, outer: SHA256)
    }

    private let states: States

    /// Absorbs `key` (hashed first when longer than a block, as RFC 2104 requires).
    init(key: UnsafeRawBufferPointer, engine: SHA256Engine) {
        states = KeyedHMAC.withPaddedKey(key, engine: engine) { ipad, opad in
            if engine.usesCPU {
                var inner = SHA256Midstate.initial
                var outer = SHA256Midstate.initial
                inner.absorb(blocks: ipad)
                outer.absorb(blocks: opad)
                return .cpu(inner: inner, outer: outer)
            }
            var inner = SHA256()
            var outer = SHA256()
            inner.update(bufferPointer: ipad)
            outer.update(bufferPointer: opad)
            return .library(inner: inner, outer: outer)
        }
    }

    /// The authentication code of `message`.
    func authenticate(_ message: UnsafeRawBufferPointer) -> Digest32 {
        switch states {
        case .cpu(let inner, let outer):
            return inner.finalize(message).withUnsafeBytes { outer.finalize($0) }
        case .library(var inner, var outer):
            inner.update(bufferPointer: message)
            let innerDigest = inner.finalize()
            innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
            return Digest32(outer.finalize())
        }
    }

    /// A one-shot code, used to derive signing keys. With the CPU engine it is keying then authenticating (no
    /// allocation either way). With swift-crypto each of the two hashes is fed one contiguous buffer (pad block then
    /// data), so a short message costs two hash states instead of four: one scratch buffer holds
    /// `key ⊕ ipad ‖ message`, then `key ⊕ opad ‖ inner digest`; it is zeroed afterwards.
    static func code(key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, engine: SHA256Engine) -> Digest32 {
        if engine.usesCPU { return KeyedHMAC(key: key, engine: engine).authenticate(message) }
        let length = blockSize + Swift.max(message.count, SHA256.byteCount)
        return withUnsafeTemporaryAllocation(byteCount: length, alignment: 8) { scratch in
            defer { scratch.initializeMemory(as: UInt8.self, repeating: 0) }
            writePaddedKey(key, xoring: innerPad, engine: engine, into: scratch)
            if message.count > 0 {
                UnsafeMutableRawBufferPointer(rebasing: scratch[blockSize..<(blockSize + message.count)])
                    .copyMemory(from: message)
            }
            var inner = SHA256()
            inner.update(bufferPointer: UnsafeRawBufferPointer(rebasing: scratch[0..<(blockSize + message.count)]))
            let innerDigest = inner.finalize()
            // key ⊕ ipad ⊕ (ipad ⊕ opad) = key ⊕ opad, in place.
            xorKeyBlock(in: scratch, with: innerPad ^ outerPad, to: 0)
            innerDigest.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: scratch[blockSize..<(blockSize + SHA256.byteCount)])
                    .copyMemory(from: $0)
            }
            var outer = SHA256()
            outer.update(
                bufferPointer: UnsafeRawBufferPointer(rebasing: scratch[0..<(blockSize + SHA256.byteCount)]))
            return Digest32(outer.finalize())
        }
    }

    /// `0x36` and `0x5C` in every byte of a word.
    private static let innerPad: UInt64 = 0x3636_3636_3636_3636
    private static let outerPad: UInt64 = 0x5C5C_5C5C_5C5C_5C5C

    /// Writes the key block (the key, or its hash when longer than a block, zero-padded) XOR-ed with `pad` into
    /// the first 64 bytes of `block`, which must be 8-byte aligned.
    private static func writePaddedKey(
        _ key: UnsafeRawBufferPointer, xoring pad: UInt64, engine: SHA256Engine,
        into block: UnsafeMutableRawBufferPointer
    ) {
        for offset in stride(from: 0, to: blockSize, by: 8) {
            block.storeBytes(of: 0, toByteOffset: offset, as: UInt64.self)
        }
        if key.count > blockSize {
            engine.hash(key).withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: block[0..<SHA256.byteCount]).copyMemory(from: $0)
            }
        } else if key.count > 0 {
            UnsafeMutableRawBufferPointer(rebasing: block[0..<key.count]).copyMemory(from: key)
        }
        xorKeyBlock(in: block, with: pad, to: 0)
    }

    /// Writes the first 64 bytes of `block` XOR-ed with `mask` (in every byte) at byte offset `destination`, a word
    /// at a time: in place when `destination` is 0, into the next block when it is 64. `block` is 8-byte aligned.
    @inline(__always)
    private static func xorKeyBlock(in block: UnsafeMutableRawBufferPointer, with mask: UInt64, to destination: Int) {
        for offset in stride(from: 0, to: blockSize, by: 8) {
            let word = block.load(fromByteOffset: offset, as: UInt64.self)
            block.storeBytes(of: word ^ mask, toByteOffset: destination + offset, as: UInt64.self)
        }
    }

    /// Calls `body` with the key XOR-ed into the inner and outer pad blocks; both are zeroed afterwards.
    private static func withPaddedKey<R>(
        _ key: UnsafeRawBufferPointer, engine: SHA256Engine,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(byteCount: 2 * blockSize, alignment: 8) { pads in
            defer { pads.initializeMemory(as: UInt8.self, repeating: 0) }
            writePaddedKey(key, xoring: innerPad, engine: engine, into: pads)
            xorKeyBlock(in: pads, with: innerPad ^ outerPad, to: blockSize)
            return body(
                UnsafeRawBufferPointer(rebasing: pads[0..<blockSize]),
                UnsafeRawBufferPointer(rebasing: pads[blockSize...]))
        }
    }
}
