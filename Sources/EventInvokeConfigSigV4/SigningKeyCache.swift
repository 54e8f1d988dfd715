import Synchronization

/// A bounded, thread-safe cache of derived SigV4 signing keys, keyed by (secret, date, region, service).
///
/// Deriving a key costs four HMACs; a cached key is stored as a keyed HMAC (the two SHA-256 states after the key blocks), which the signer
/// copies and feeds the string to sign, so the warm path never re-keys. The cache holds at most ``capacity``
/// keys; when full, keys of other dates are dropped first, then everything.
public final class SigningKeyCache: Sendable {
    struct Key: Hashable {
        var secret: String
        /// The eight ASCII digits of the `YYYYMMDD` date stamp, packed.
        var date: DateStamp
        var region: String
        var service: String
    }

    /// A derived key with what it was derived from; a class, so the hot path copies one reference.
    final class Entry: Sendable {
        let key: Key
        let hmac: KeyedHMAC

        init(key: Key, hmac: KeyedHMAC) {
            self.key = key
            self.hmac = hmac
        }

        func matches(secret: String, date: DateStamp, region: String, service: String) -> Bool {
            key.date == date && key.secret == secret && key.region == region && key.service == service
        }
    }

    private struct Entries {
        var keys: [Key: Entry] = [:]
        /// The key used last: most processes sign with one identity, so a lookup usually ends here, comparing
        /// four strings (which short-circuit on identical storage) instead of hashing them.
        var last: Entry?
    }

    private let storage = Mutex(Entries())
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
    public var count: Int { storage.withLock { $0.keys.count } }

    /// Drops every cached key (for example after rotating credentials).
    public func removeAll() {
        storage.withLock { entries in
            entries.keys.removeAll()
            entries.last = nil
        }
    }

    func entry(secret: String, date: DateStamp, region: String, service: String, engine: SHA256Engine) -> Entry {
        let found = storage.withLock { entries -> Entry? in
            if let last = entries.last, last.matches(secret: secret, date: date, region: region, service: service) {
                return last
            }
            let key = Key(secret: secret, date: date, region: region, service: service)
            guard let entry = entries.keys[key] else { return nil }
            entries.last = entry
            return entry
        }
        if let found { return found }
        let key = Key(secret: secret, date: date, region: region, service: service)
        let derived = Entry(
            key: key,
            hmac: SigningKeyCache.derive(secret: secret, date: date, region: region, service: service, engine: engine))
        storage.withLock { entries in
            if entries.keys.count >= capacity {
                entries.keys = entries.keys.filter { $0.key.date == date }
                if entries.keys.count >= capacity { entries.keys.removeAll() }
            }
            entries.keys[key] = derived
            entries.last = derived
        }
        return derived
    }

    /// Derives `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")` and returns an
    /// HMAC keyed with it.
    static func derive(
        secret: String, date: DateStamp, region: String, service: String, engine: SHA256Engine
    ) -> KeyedHMAC {
        withSigningKey(secret: secret, date: date, region: region, service: service, engine: engine) {
            KeyedHMAC(key: $0, engine: engine)
        }
    }

    /// The signature of `message` with a key derived for this one use (no cache): the last HMAC is computed in
    /// one pass instead of keying reusable hash states.
    static func signOnce(
        _ message: UnsafeRawBufferPointer, secret: String, date: DateStamp, region: String, service: String,
        engine: SHA256Engine
    ) -> Digest32 {
        withSigningKey(secret: secret, date: date, region: region, service: service, engine: engine) {
            KeyedHMAC.code(key: $0, message: message, engine: engine)
        }
    }

    private static func withSigningKey<R>(
        secret: String, date: DateStamp, region: String, service: String, engine: SHA256Engine,
        _ body: (UnsafeRawBufferPointer) -> R
    ) -> R {
        let secretCount = secret.utf8.count
        return withUnsafeTemporaryAllocation(byteCount: 4 + secretCount, alignment: 8) { seed in
            seed.copyBytes(from: "AWS4".utf8)
            withUTF8Bytes(secret) { UnsafeMutableRawBufferPointer(rebasing: seed[4...]).copyMemory(from: $0) }
            defer { seed.initializeMemory(as: UInt8.self, repeating: 0) }
            var key = date.withBytes { KeyedHMAC.code(key: UnsafeRawBufferPointer(seed), message: $0, engine: engine) }
            key = key.withUnsafeBytes { key in
                withUTF8Bytes(region) { KeyedHMAC.code(key: key, message: $0, engine: engine) }
            }
            key = key.withUnsafeBytes { key in
                withUTF8Bytes(service) { KeyedHMAC.code(key: key, message: $0, engine: engine) }
            }
            key = key.withUnsafeBytes { key in
                withUTF8Bytes("aws4_request") { KeyedHMAC.code(key: key, message: $0, engine: engine) }
            }
            return key.withUnsafeBytes(body)
        }
    }
}

/// Calls `body` with the UTF-8 bytes of `text`, without copying native strings.
@inline(__always)
func withUTF8Bytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    var copy = text
    return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
}

/// A `YYYYMMDD` date stamp as one integer: compared and hashed without building a string.
struct DateStamp: Hashable {
    private var packed: UInt64

    /// The eight bytes at `start` (which must be readable).
    init(_ start: UnsafeMutablePointer<UInt8>) {
        packed = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
    }

    /// Calls `body` with the eight ASCII bytes.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeBytes(of: packed) { body($0) }
    }
}
