import Crypto

/// The cryptographic work every SigV4 signature needs, measured alone as a baseline: SHA-256 of the body, SHA-256
/// of a canonical request of the reference size, and an HMAC of a string to sign of the reference size with the
/// key blocks already absorbed — through swift-crypto's cheapest (concrete, pointer-taking) entry points.
enum SigV4Floor {
    static let keyBlocks: (inner: SHA256, outer: SHA256) = {
        var inner = SHA256()
        var outer = SHA256()
        inner.update(data: [UInt8](repeating: 7 ^ 0x36, count: 64))
        outer.update(data: [UInt8](repeating: 7 ^ 0x5C, count: 64))
        return (inner, outer)
    }()
    static let canonical = [UInt8](repeating: UInt8(ascii: "a"), count: 470)
    static let stringToSign = [UInt8](repeating: UInt8(ascii: "b"), count: 150)

    /// The cold-key floor: the four HMACs of key derivation (each two SHA-256 hashes of a pad block and a short
    /// message) and the signature's HMAC without pre-keyed states, plus the two hashes of the warm floor. Stack
    /// buffers only; the allocations left are swift-crypto's.
    static func runCold(body: [UInt8]) -> Int {
        withUnsafeTemporaryAllocation(byteCount: 64 + 256, alignment: 8) { scratch in
            var key = SHA256Digest?.none
            var keyLength = 44
            for (length, byte) in [(8, 1), (9, 2), (6, 3), (12, 4), (stringToSign.count, 5)] as [(Int, UInt8)] {
                // Pad block: key bytes (the previous digest, or 44 bytes of the secret) XOR ipad, then the message.
                for index in 0..<64 { scratch[index] = 0x36 }
                if let key {
                    key.withUnsafeBytes { for index in 0..<$0.count { scratch[index] ^= $0[index] } }
                } else {
                    for index in 0..<keyLength { scratch[index] ^= 7 }
                }
                for index in 0..<length { scratch[64 + index] = byte }
                var inner = SHA256()
                inner.update(bufferPointer: UnsafeRawBufferPointer(rebasing: scratch[0..<(64 + length)]))
                let innerDigest = inner.finalize()
                for index in 0..<64 { scratch[index] ^= 0x36 ^ 0x5C }
                innerDigest.withUnsafeBytes { digest in for index in 0..<32 { scratch[64 + index] = digest[index] } }
                var outer = SHA256()
                outer.update(bufferPointer: UnsafeRawBufferPointer(rebasing: scratch[0..<96]))
                key = outer.finalize()
                keyLength = 32
            }
            var bodyHash = SHA256()
            body.withUnsafeBytes { bodyHash.update(bufferPointer: $0) }
            var canonicalHash = SHA256()
            canonical.withUnsafeBytes { canonicalHash.update(bufferPointer: $0) }
            return (key?.hashValue ?? 0) ^ bodyHash.finalize().hashValue ^ canonicalHash.finalize().hashValue
        }
    }

    static func run(body: [UInt8]) -> Int {
        var bodyHash = SHA256()
        body.withUnsafeBytes { bodyHash.update(bufferPointer: $0) }
        var canonicalHash = SHA256()
        canonical.withUnsafeBytes { canonicalHash.update(bufferPointer: $0) }
        var inner = keyBlocks.inner
        stringToSign.withUnsafeBytes { inner.update(bufferPointer: $0) }
        let innerDigest = inner.finalize()
        var outer = keyBlocks.outer
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return bodyHash.finalize().hashValue ^ canonicalHash.finalize().hashValue ^ outer.finalize().hashValue
    }
}
