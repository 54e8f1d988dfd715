import CEventInvokeConfigSHA256
import Crypto

/// Which SHA-256 implementation a signer hashes with.
///
/// SigV4 hashes short messages (a payload, a canonical request of a few hundred bytes, a string to sign), so the
/// fixed cost of a hash object matters more than block throughput: swift-crypto's `SHA256` allocates a context
/// per hash and copies it again to finalize (about 150 ns a hash here, against about 40 ns a block). On x86-64
/// processors with the SHA extensions the signer therefore runs the block function of `CEventInvokeConfigSHA256`
/// on a state held inline (no allocation); elsewhere it uses swift-crypto. Both give the same bytes (tested
/// against each other and against the AWS SigV4 suite).
package enum SHA256Engine: Sendable, CaseIterable {
    /// The x86-64 SHA extensions through this package's kernel. On a processor without them it behaves as
    /// ``swiftCrypto``.
    case cpuExtensions
    /// swift-crypto's `SHA256` (BoringSSL on Linux, CryptoKit on Apple platforms).
    case swiftCrypto

    /// Whether this processor has the SHA, SSSE3 and SSE4.1 extensions (checked once).
    package static let cpuHasExtensions = eic_sha256_x86_available() != 0

    /// ``cpuExtensions`` when the processor has them, else ``swiftCrypto``.
    package static let preferred: SHA256Engine = cpuHasExtensions ? .cpuExtensions : .swiftCrypto

    /// Whether hashing actually runs on the CPU extensions.
    @inline(__always)
    var usesCPU: Bool { self == .cpuExtensions && SHA256Engine.cpuHasExtensions }

    /// The SHA-256 digest of `bytes`.
    @inline(__always)
    func hash(_ bytes: UnsafeRawBufferPointer) -> Digest32 {
        if usesCPU { return SHA256Midstate.initial.finalize(bytes) }
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return Digest32(hasher.finalize())
    }
}

/// A SHA-256 digest (or HMAC-SHA256 code): 32 bytes held inline, whichever engine produced them.
struct Digest32: Sendable {
    static let byteCount = 32
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The bytes of a swift-crypto digest.
    init(_ digest: SHA256Digest) {
        digest.withUnsafeBytes { source in
            Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
        }
    }

    /// The digest of a final hash state: each word big-endian.
    fileprivate init(words: SHA256Midstate.Words) {
        var words = words
        Swift.withUnsafeMutableBytes(of: &storage) { target in
            Swift.withUnsafeBytes(of: &words) { source in
                for index in 0..<8 {
                    let word = source.load(fromByteOffset: 4 * index, as: UInt32.self)
                    target.storeBytes(of: word.bigEndian, toByteOffset: 4 * index, as: UInt32.self)
                }
            }
        }
    }

    /// Calls `body` with the 32 bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage, body)
    }
}

/// A SHA-256 state after a whole number of 64-byte blocks (a "midstate"), for the CPU-extension engine: the HMAC
/// keeps the states after its two key blocks and finishes a copy per message. Only valid to use when
/// ``SHA256Engine/cpuHasExtensions`` is true.
struct SHA256Midstate: Sendable {
    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    private static let blockSize = 64

    private var words: Words
    /// Bytes absorbed so far, a multiple of 64.
    private var absorbed: Int

    /// The initial hash value of FIPS 180-4, section 5.3.3.
    static let initial = SHA256Midstate(
        words: (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19),
        absorbed: 0)

    private init(words: Words, absorbed: Int) {
        self.words = words
        self.absorbed = absorbed
    }

    /// Absorbs `blocks`, whose length must be a multiple of 64.
    mutating func absorb(blocks: UnsafeRawBufferPointer) {
        precondition(blocks.count % SHA256Midstate.blockSize == 0, "SHA-256 midstates absorb whole blocks")
        compress(blocks)
        absorbed += blocks.count
    }

    /// The digest of everything absorbed followed by `message` (any length): its whole blocks are compressed in
    /// place, the rest is padded in a zeroed stack block.
    func finalize(_ message: UnsafeRawBufferPointer) -> Digest32 {
        var state = self
        let wholeCount = message.count & ~(SHA256Midstate.blockSize - 1)
        if wholeCount > 0 { state.compress(UnsafeRawBufferPointer(rebasing: message[0..<wholeCount])) }
        let restCount = message.count - wholeCount
        let bitLength = UInt64(truncatingIfNeeded: absorbed + message.count) &* 8
        withUnsafeTemporaryAllocation(byteCount: 2 * SHA256Midstate.blockSize, alignment: 8) { tail in
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            // The tail may hold an inner HMAC digest (key derivation chains them): wiped too.
            defer { eic_sha256_wipe(tail.baseAddress, tail.count) }
            if restCount > 0, let rest = message.baseAddress {
                tail.baseAddress?.copyMemory(from: rest + wholeCount, byteCount: restCount)
            }
            tail[restCount] = 0x80
            // The length takes the last 8 bytes; it needs a second block when the rest leaves no room for them.
            let tailCount =
                restCount < SHA256Midstate.blockSize - 8 ? SHA256Midstate.blockSize : 2 * SHA256Midstate.blockSize
            tail.storeBytes(of: bitLength.bigEndian, toByteOffset: tailCount - 8, as: UInt64.self)
            state.compress(UnsafeRawBufferPointer(rebasing: tail[0..<tailCount]))
        }
        let digest = Digest32(words: state.words)
        // A copy of a keyed midstate is as good as the key for this HMAC: wiped, as swift-crypto wipes its contexts.
        Swift.withUnsafeMutableBytes(of: &state.words) { eic_sha256_wipe($0.baseAddress, $0.count) }
        return digest
    }

    private mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        assert(SHA256Engine.cpuHasExtensions, "the SHA-extension kernel on a processor without them")
        guard let start = blocks.baseAddress else { return }
        withUnsafeMutablePointer(to: &words) { words in
            words.withMemoryRebound(to: UInt32.self, capacity: 8) {
                eic_sha256_x86_blocks(
                    $0, start.assumingMemoryBound(to: UInt8.self), blocks.count / SHA256Midstate.blockSize)
            }
        }
    }
}
