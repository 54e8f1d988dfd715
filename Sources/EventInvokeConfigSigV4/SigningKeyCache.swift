public import EventInvokeConfigCore
import Synchronization

/// A bounded, thread-safe cache of derived SigV4 signing keys.
///
/// Deriving a key costs four HMACs; a signer with a cache derives it once per identity, day, region and service.
/// Entries are keyed by the access key ID, a fingerprint of the secret (a 64-bit SipHash with this process's
/// random seed: the secret itself is never kept), the date stamp, the region and the service. When full, keys of
/// other dates are dropped first, then everything. Each ``SigV4Signer`` gets its own cache unless you pass one to
/// share.
public final class SigningKeyCache: Sendable, RedactedDescription {
    struct Key: Hashable {
        var accessKeyID: String
        var secretFingerprint: Int
        var dateStamp: String
        var region: String
        var service: String
    }

    private let keys = Mutex<[Key: HMACKey]>([:])
    /// The most keys held at once.
    public let capacity: Int

    /// `SigningKeyCache(capacity: 16)`: the keys themselves are never shown.
    public var description: String { "SigningKeyCache(capacity: \(capacity))" }

    /// Creates an empty cache.
    ///
    /// - Parameter capacity: the most keys held at once (at least 1).
    public init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
    }

    /// How many keys are cached.
    public var count: Int { keys.withLock { $0.count } }

    /// Drops every cached key (for example after rotating credentials).
    public func removeAll() {
        keys.withLock { $0.removeAll() }
    }

    /// The signing key for these credentials and scope, derived on first use.
    func signingKey(_ credentials: Credentials, dateStamp: [UInt8], region: String, service: String) -> HMACKey {
        var fingerprint = Hasher()
        fingerprint.combine(credentials.secretAccessKey)
        let key = Key(
            accessKeyID: credentials.accessKeyID, secretFingerprint: fingerprint.finalize(),
            dateStamp: String(decoding: dateStamp, as: UTF8.self), region: region, service: service)
        if let found = keys.withLock({ $0[key] }) { return found }
        let derived = HMACKey(
            SigningKeyCache.derive(
                secret: credentials.secretAccessKey, dateStamp: dateStamp, region: region, service: service))
        keys.withLock { keys in
            if keys.count >= capacity {
                keys = keys.filter { $0.key.dateStamp == key.dateStamp }
                if keys.count >= capacity { keys.removeAll() }
            }
            keys[key] = derived
        }
        return derived
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    static func derive(secret: String, dateStamp: [UInt8], region: String, service: String) -> [UInt8] {
        var key = Hashing.hmacSHA256(key: Array(("AWS4" + secret).utf8), message: dateStamp)
        for part in [region, service, "aws4_request"] {
            key = Hashing.hmacSHA256(key: key, message: Array(part.utf8))
        }
        return key
    }
}
