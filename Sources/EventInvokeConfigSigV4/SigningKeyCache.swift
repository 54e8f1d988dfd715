import Crypto
import Synchronization

/// A bounded, thread-safe cache of derived SigV4 signing keys, keyed by (secret, date, region, service).
///
/// Deriving a key costs four HMACs; a cached key is stored as a keyed `HMAC<SHA256>` value, which the signer
/// copies and feeds the string to sign, so the warm path never re-keys. The cache holds at most ``capacity``
/// keys; when full, keys of other dates are dropped first, then everything.
public final class SigningKeyCache: Sendable {
    struct Key: Hashable {
        var secret: String
        var date: String
        var region: String
        var service: String
    }

    private let storage = Mutex<[Key: HMAC<SHA256>]>([:])
    /// The most keys held at once.
    public let capacity: Int

    /// Creates an empty cache.
    ///
    /// - Parameter capacity: the most keys held at once (at least 1).
    public init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// The cache the signer uses by default, shared by the whole process.
    public static let shared = SigningKeyCache()

    /// How many keys are cached.
    public var count: Int { storage.withLock { $0.count } }

    /// Drops every cached key (for example after rotating credentials).
    public func removeAll() { storage.withLock { $0.removeAll() } }

    func keyedHMAC(secret: String, date: String, region: String, service: String) -> HMAC<SHA256> {
        let key = Key(secret: secret, date: date, region: region, service: service)
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let derived = SigningKeyCache.derive(secret: secret, date: date, region: region, service: service)
        storage.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.key.date == date }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[key] = derived
        }
        return derived
    }

    /// Derives `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")` and returns an
    /// HMAC keyed with it.
    static func derive(secret: String, date: String, region: String, service: String) -> HMAC<SHA256> {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in [date, region, service, "aws4_request"] {
            let code = HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)
            key = SymmetricKey(data: code)
        }
        return HMAC<SHA256>(key: key)
    }
}
