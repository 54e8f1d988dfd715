#if canImport(CryptoKit)
import CryptoKit
#elseif canImport(CEventInvokeConfigLibcrypto)
import CEventInvokeConfigLibcrypto
#endif

/// SHA-256 and HMAC-SHA256 through the platform's crypto: CryptoKit on Apple platforms, OpenSSL's libcrypto
/// (EVP digests and `EVP_MAC`) elsewhere. The only place the signer touches a cryptographic primitive.
enum Hashing {
    /// The SHA-256 digest of `bytes`.
    static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        withContiguous(bytes) { buffer in
            #if canImport(CryptoKit)
            return Array(SHA256.hash(data: buffer))
            #else
            var digest = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            let status = digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(buffer.baseAddress, buffer.count, out.baseAddress, &length, Libcrypto.sha256, nil)
            }
            precondition(status == 1 && length == 32, "libcrypto could not compute SHA-256")
            return digest
            #endif
        }
    }

    /// The HMAC-SHA256 of `message` under `key`.
    static func hmacSHA256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        HMACKey(key).authenticate(message)
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// An HMAC-SHA256 key set up once (a derived SigV4 signing key), used for many messages.
final class HMACKey: Sendable {
    #if canImport(CryptoKit)
    private let key: SymmetricKey

    init(_ bytes: some Collection<UInt8>) {
        key = SymmetricKey(data: Array(bytes))
    }

    func authenticate(_ message: some Collection<UInt8>) -> [UInt8] {
        Hashing.withContiguous(message) { Array(HMAC<SHA256>.authenticationCode(for: $0, using: key)) }
    }
    #else
    /// A keyed `EVP_MAC_CTX`, never updated itself: each message goes to a duplicate (`EVP_MAC_CTX_dup` reads its
    /// source only, so concurrent callers may share it).
    private nonisolated(unsafe) let keyed: OpaquePointer

    init(_ bytes: some Collection<UInt8>) {
        guard let context = EVP_MAC_CTX_new(Libcrypto.hmac) else {
            preconditionFailure("libcrypto could not allocate an HMAC context")
        }
        let status = Hashing.withContiguous(bytes) { key in
            Libcrypto.withSHA256Parameters { EVP_MAC_init(context, key.baseAddress, key.count, $0) }
        }
        precondition(status == 1, "libcrypto could not key HMAC-SHA256")
        keyed = context
    }

    deinit { EVP_MAC_CTX_free(keyed) }

    func authenticate(_ message: some Collection<UInt8>) -> [UInt8] {
        guard let context = EVP_MAC_CTX_dup(keyed) else {
            preconditionFailure("libcrypto could not copy an HMAC context")
        }
        defer { EVP_MAC_CTX_free(context) }
        var code = [UInt8](repeating: 0, count: 32)
        var length = 0
        let status = Hashing.withContiguous(message) { message in
            code.withUnsafeMutableBufferPointer { out in
                EVP_MAC_update(context, message.baseAddress, message.count) == 1
                    && EVP_MAC_final(context, out.baseAddress, &length, 32) == 1
            }
        }
        precondition(status && length == 32, "libcrypto could not compute HMAC-SHA256")
        return code
    }
    #endif
}

extension Hashing {
    /// Calls `body` with the bytes of `bytes` in contiguous memory (copied only when they are not already).
    static func withContiguous<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }
}

#if !canImport(CryptoKit)
/// The algorithms, fetched from libcrypto's default provider once per process (an implicit fetch per call costs
/// more than hashing a canonical request).
enum Libcrypto {
    nonisolated(unsafe) static let sha256: OpaquePointer = {
        guard let digest = EVP_MD_fetch(nil, "SHA256", nil) else {
            preconditionFailure("libcrypto has no SHA256 digest")
        }
        return digest
    }()

    nonisolated(unsafe) static let hmac: OpaquePointer = {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { preconditionFailure("libcrypto has no HMAC") }
        return mac
    }()

    /// Calls `body` with the parameter list that selects SHA-256 as HMAC's digest.
    static func withSHA256Parameters<R>(_ body: (UnsafePointer<OSSL_PARAM>) -> R) -> R {
        "SHA256".withCString { name in
            let parameters = [
                OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, UnsafeMutablePointer(mutating: name), 0),
                OSSL_PARAM_construct_end(),
            ]
            return parameters.withUnsafeBufferPointer { list in
                guard let first = list.baseAddress else { preconditionFailure("an empty parameter list") }
                return body(first)
            }
        }
    }
}
#endif
