import EventInvokeConfigARN
import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
public import Foundation
public import Logging

/// Caches another provider's credentials and refreshes them ahead of expiry, one refresh at a time.
///
/// - Credentials without an expiry are fetched once.
/// - Temporary credentials are refreshed when less than ``refreshAhead`` (plus a random part of ``jitter``, so that
///   many processes do not refresh together) remains; every caller that arrives during a refresh waits for that
///   one refresh: a thousand concurrent callers at expiry make one fetch.
/// - A refresh that fails while the old credentials are still valid keeps them, logs a warning (never a secret)
///   and is tried again after ``retryAfterFailure``; a refresh that fails once they have expired throws.
public actor CachedCredentialsProvider: CredentialsProvider {
    private let source: any CredentialsProvider
    /// How long before expiry a refresh starts.
    public nonisolated let refreshAhead: Duration
    /// The most added at random to ``refreshAhead`` for each set of credentials.
    public nonisolated let jitter: Duration
    /// How long to keep using still-valid credentials after a failed refresh before trying again.
    public nonisolated let retryAfterFailure: Duration
    private let clock: @Sendable () -> Date
    private let random: @Sendable () -> Double
    private let logger: Logger

    private var cached: Credentials?
    /// When the cached credentials should be refreshed; `nil` never.
    private var refreshAt: Date?
    private var inFlight: Task<Credentials, any Error>?

    /// Wraps `source`.
    ///
    /// - Parameters:
    ///   - refreshAhead: refresh when this little time remains (default 5 minutes).
    ///   - jitter: up to this much earlier, at random (default 1 minute).
    ///   - retryAfterFailure: after a failed refresh with valid credentials, wait this long (default 10 s).
    ///   - clock: the wall clock; replace in tests.
    ///   - random: uniform numbers in [0, 1) for the jitter; replace in tests.
    ///   - logger: where a failed refresh is reported.
    public init(
        _ source: any CredentialsProvider, refreshAhead: Duration = .seconds(300), jitter: Duration = .seconds(60),
        retryAfterFailure: Duration = .seconds(10), clock: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger = Logger(label: "event-invoke-config.credentials", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.source = source
        self.refreshAhead = refreshAhead
        self.jitter = jitter
        self.retryAfterFailure = retryAfterFailure
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// The cached credentials, refreshed first when due. One refresh runs at a time however many callers wait for
    /// it; a waiting caller that is cancelled throws `CancellationError` at once, and the refresh continues.
    ///
    /// - Throws: the source's error when there are no valid credentials to fall back on.
    public func credentials() async throws -> Credentials {
        let now = clock()
        if let cached, refreshAt.map({ now < $0 }) ?? true { return cached }
        let task: Task<Credentials, any Error>
        if let inFlight {
            task = inFlight
        } else {
            let source = self.source
            task = Task { try await source.credentials() }
            inFlight = task
        }
        do {
            // A caller that is cancelled (or whose deadline passes) stops waiting at once; the refresh goes on for
            // the others, and its result is kept by the next caller that finds it done.
            guard let fresh = try await value(of: task) else { throw CancellationError() }
            if inFlight == task { accept(fresh) }
            return fresh
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if inFlight == task { inFlight = nil }
            let now = clock()
            if let cached, let expiration = cached.expiration, now < expiration {
                if refreshAt.map({ $0 <= now }) ?? false {
                    refreshAt = min(expiration, now.addingTimeInterval(retryAfterFailure.inSeconds))
                    logger.warning(
                        "refreshing credentials failed; the current ones stay in use until they expire",
                        metadata: [
                            "accessKeyID": "\(cached.accessKeyID)",
                            "expiresIn": "\(Int(expiration.timeIntervalSince(now)))s", "error": "\(error)",
                        ])
                }
                return cached
            }
            if let cached, let expiration = cached.expiration {
                throw CredentialsError(
                    .expired, provider: "cache",
                    message: "the credentials of \(cached.accessKeyID) expired at \(expiration) and refreshing them "
                        + "failed: \(error)")
            }
            throw error
        }
    }

    /// Forgets the cached credentials, so the next call fetches new ones (e.g. after the service refused them).
    public func invalidate() {
        cached = nil
        refreshAt = nil
    }

    private func accept(_ fresh: Credentials) {
        inFlight = nil
        cached = fresh
        if let expiration = fresh.expiration {
            let ahead = refreshAhead.inSeconds + random() * jitter.inSeconds
            // Credentials that arrive inside the refresh window (short-lived ones) are used for a little while
            // rather than fetched again by every call.
            let earliest = min(expiration, clock().addingTimeInterval(retryAfterFailure.inSeconds))
            refreshAt = max(expiration.addingTimeInterval(-ahead), earliest)
        } else {
            refreshAt = nil
        }
    }
}

extension CachedCredentialsProvider: RedactedDescription {
    /// Names the source (redacted), never the cached credentials.
    public nonisolated var description: String { "CachedCredentialsProvider(\(source))" }

}
