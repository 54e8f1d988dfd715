#if canImport(CryptoKit)
import CryptoKit
#elseif canImport(CEventInvokeConfigLibcrypto)
import CEventInvokeConfigLibcrypto
import Synchronization
#endif

/// SHA-256 and HMAC-SHA256 through the platform's crypto: CryptoKit on Apple platforms, OpenSSL's libcrypto
/// (EVP digests and `EVP_MAC`) elsewhere. The only place the signer touches a cryptographic primitive.
package enum Hashing {
    /// The SHA-256 digest of `bytes`.
    package static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        #if canImport(CryptoKit)
        return Array(SHA256.hash(data: bytes))
        #else
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, Libcrypto.sha256, nil)
            }
        }
        precondition(status == 1 && length == 32, "libcrypto could not compute SHA-256")
        return digest
        #endif
    }

    /// The SHA-1 digest of `bytes`, as lowercase hex: the file name of an AWS CLI SSO token cache entry (not used
    /// for any security purpose).
    package static func sha1Hex(_ bytes: [UInt8]) -> String {
        #if canImport(CryptoKit)
        let digest = Array(Insecure.SHA1.hash(data: bytes))
        #else
        var digest = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, EVP_sha1(), nil)
            }
        }
        precondition(status == 1 && length == 20, "libcrypto could not compute SHA-1")
        #endif
        var hex: [UInt8] = []
        PercentEncoding.appendHex(digest, to: &hex)
        return String(decoding: hex, as: UTF8.self)
    }

    /// The HMAC-SHA256 of `message` under `key`.
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        HMACKey(key).authenticate(message)
    }
}

/// An HMAC-SHA256 key set up once (a derived SigV4 signing key), used for many messages.
final class HMACKey: Sendable {
    #if canImport(CryptoKit)
    private let key: SymmetricKey

    init(_ bytes: [UInt8]) {
        key = SymmetricKey(data: bytes)
    }

    func authenticate(_ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }
    #else
    /// A keyed `EVP_MAC_CTX`. Each message re-initialises it with the key it holds (`EVP_MAC_init` with no key),
    /// under the lock, since a context serves one computation at a time.
    private let context: Mutex<Context>

    private struct Context: ~Copyable {
        let pointer: OpaquePointer
        deinit { EVP_MAC_CTX_free(pointer) }
    }

    init(_ bytes: [UInt8]) {
        guard let pointer = EVP_MAC_CTX_new(Libcrypto.hmac) else {
            preconditionFailure("libcrypto could not allocate an HMAC context")
        }
        let status = bytes.withUnsafeBufferPointer { key in
            Libcrypto.withSHA256Parameters { EVP_MAC_init(pointer, key.baseAddress, key.count, $0) }
        }
        precondition(status == 1, "libcrypto could not key HMAC-SHA256")
        context = Mutex(Context(pointer: pointer))
    }

    func authenticate(_ message: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: 32)
        var length = 0
        let status = context.withLock { context in
            message.withUnsafeBufferPointer { message in
                code.withUnsafeMutableBufferPointer { out in
                    EVP_MAC_init(context.pointer, nil, 0, nil) == 1
                        && EVP_MAC_update(context.pointer, message.baseAddress, message.count) == 1
                        && EVP_MAC_final(context.pointer, out.baseAddress, &length, 32) == 1
                }
            }
        }
        precondition(status && length == 32, "libcrypto could not compute HMAC-SHA256")
        return code
    }
    #endif
}

#if !canImport(CryptoKit)
/// The algorithms, fetched from libcrypto's default provider once per process (an implicit fetch per call would
/// look the provider up again every time).
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
