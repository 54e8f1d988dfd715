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
