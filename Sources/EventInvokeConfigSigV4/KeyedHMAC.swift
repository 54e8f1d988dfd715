import Crypto

/// HMAC-SHA256 (RFC 2104) composed from swift-crypto's `SHA256`, with the key absorbed once.
///
/// `HMAC<SHA256>` is generic and not inlinable, so every call from this module goes through unspecialised code
/// and re-keying builds arrays and `SymmetricKey`s. The signer needs only SHA-256, so it keeps the two hash
/// states that follow the key blocks (`key ⊕ ipad`, `key ⊕ opad`) and copies them per message: each signature
/// then costs exactly the hash work of the message and one digest block.
struct KeyedHMAC: Sendable {
    private static let blockSize = 64
    private var inner: SHA256
    private var outer: SHA256

    /// Absorbs `key` (hashed first when longer than a block, as RFC 2104 requires).
    init(key: UnsafeRawBufferPointer) {
        var inner = SHA256()
        var outer = SHA256()
        KeyedHMAC.withPaddedKey(key) { ipad, opad in
            inner.update(bufferPointer: ipad)
            outer.update(bufferPointer: opad)
        }
        self.inner = inner
        self.outer = outer
    }

    /// The authentication code of `message`.
    func authenticate(_ message: UnsafeRawBufferPointer) -> SHA256Digest {
        var inner = self.inner
        inner.update(bufferPointer: message)
        let innerDigest = inner.finalize()
        var outer = self.outer
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }

    /// A one-shot code: each of the two hashes is fed one contiguous buffer (pad block then data), so a short
    /// message costs two hash states instead of four. Used to derive signing keys.
    static func code(key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> SHA256Digest {
        withPaddedKey(key) { ipad, opad in
            let innerDigest = withUnsafeTemporaryAllocation(byteCount: blockSize + message.count, alignment: 8) {
                scratch in
                scratch.copyMemory(from: ipad)
                if message.count > 0 {
                    UnsafeMutableRawBufferPointer(rebasing: scratch[blockSize...]).copyMemory(from: message)
                }
                var hash = SHA256()
                hash.update(bufferPointer: UnsafeRawBufferPointer(scratch))
                return hash.finalize()
            }
            return withUnsafeTemporaryAllocation(byteCount: blockSize + SHA256.byteCount, alignment: 8) { scratch in
                scratch.copyMemory(from: opad)
                innerDigest.withUnsafeBytes {
                    UnsafeMutableRawBufferPointer(rebasing: scratch[blockSize...]).copyMemory(from: $0)
                }
                var hash = SHA256()
                hash.update(bufferPointer: UnsafeRawBufferPointer(scratch))
                return hash.finalize()
            }
        }
    }

    /// Calls `body` with the key XOR-ed into the inner and outer pad blocks; both are zeroed afterwards.
    private static func withPaddedKey<R>(
        _ key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(byteCount: 2 * blockSize, alignment: 8) { pads in
            pads.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > blockSize {
                var hash = SHA256()
                hash.update(bufferPointer: key)
                hash.finalize().withUnsafeBytes { digest in
                    for index in 0..<digest.count { pads[index] = digest[index] }
                }
            } else {
                for index in 0..<key.count { pads[index] = key[index] }
            }
            for index in 0..<blockSize {
                let byte = pads[index]
                pads[index] = byte ^ 0x36
                pads[blockSize + index] = byte ^ 0x5C
            }
            defer { pads.initializeMemory(as: UInt8.self, repeating: 0) }
            return body(
                UnsafeRawBufferPointer(rebasing: pads[0..<blockSize]),
                UnsafeRawBufferPointer(rebasing: pads[blockSize...]))
        }
    }
}
