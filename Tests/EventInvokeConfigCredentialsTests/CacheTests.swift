import EventInvokeConfigCredentials
import EventInvokeConfigSigV4
import EventInvokeConfigTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A provider that counts its fetches, hands out credentials expiring `lifetime` after the test clock's now, and
/// can be told to fail.
final class CountingProvider: CredentialsProvider {
    let fetches = Atomic<Int>(0)
    let failing = Atomic<Bool>(false)
    let clock: TestClock
    let lifetime: TimeInterval
    let delay: Duration

    init(clock: TestClock, lifetime: TimeInterval = 3600, delay: Duration = .milliseconds(50)) {
        self.clock = clock
        self.lifetime = lifetime
        self.delay = delay
    }

    func credentials() async throws -> Credentials {
        let number = fetches.add(1, ordering: .sequentiallyConsistent).newValue
        try await Task.sleep(for: delay)
        if failing.load(ordering: .sequentiallyConsistent) {
            throw CredentialsError(.unreachable, provider: "counting", message: "down")
        }
        return Credentials(
            accessKeyID: "ASIA\(number)", secretAccessKey: "secret-\(number)", sessionToken: "token-\(number)",
            expiration: clock.now().addingTimeInterval(lifetime))
    }
}

@Suite("Credentials cache")
struct CacheTests {
    @Test("1,000 concurrent callers at expiry make exactly one fetch")
    func singleFlight() async throws {
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        let source = CountingProvider(clock: clock, delay: .milliseconds(200))
        let cache = CachedCredentialsProvider(source, jitter: .zero, clock: { clock.now() })
        let first = try await cache.credentials()
        #expect(source.fetches.load(ordering: .sequentiallyConsistent) == 1)
        clock.advance(3600)  // expired
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<1_000 { group.addTask { try await cache.credentials().accessKeyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(source.fetches.load(ordering: .sequentiallyConsistent) == 2)
        #expect(keys == ["ASIA2"])
        #expect(first.accessKeyID == "ASIA1")
    }

    @Test("credentials are refreshed ahead of expiry, not before")
    func refreshAhead() async throws {
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        let source = CountingProvider(clock: clock, delay: .zero)
        let cache = CachedCredentialsProvider(
            source, refreshAhead: .seconds(300), jitter: .seconds(60), clock: { clock.now() }, random: { 0.5 })
        _ = try await cache.credentials()
        clock.advance(3600 - 331)  // 331 s left: outside the 330 s window (300 + 0.5 × 60)
        #expect(try await cache.credentials().accessKeyID == "ASIA1")
        clock.advance(2)  // 329 s left: inside
        #expect(try await cache.credentials().accessKeyID == "ASIA2")
        #expect(source.fetches.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test("a failed refresh keeps valid credentials, warns without secrets, and retries later")
    func failedRefreshKeepsOld() async throws {
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        let logs = CapturingLogHandler()
        let source = CountingProvider(clock: clock, delay: .zero)
        let cache = CachedCredentialsProvider(
            source, jitter: .zero, retryAfterFailure: .seconds(10), clock: { clock.now() }, logger: logs.logger)
        _ = try await cache.credentials()
        source.failing.store(true, ordering: .sequentiallyConsistent)
        clock.advance(3600 - 120)  // inside the window, still valid for 2 minutes
        #expect(try await cache.credentials().accessKeyID == "ASIA1")
        #expect(try await cache.credentials().accessKeyID == "ASIA1")  // within retryAfterFailure: no new fetch
        #expect(source.fetches.load(ordering: .sequentiallyConsistent) == 2)
        let lines = logs.lines.map(\.rendered)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("warning") == true)
        #expect(lines.first?.contains("ASIA1") == true)
        #expect(lines.allSatisfy { !$0.contains("secret-1") && !$0.contains("token-1") })
        clock.advance(11)
        #expect(try await cache.credentials().accessKeyID == "ASIA1")
        #expect(source.fetches.load(ordering: .sequentiallyConsistent) == 3)
        // Expired and still failing: a typed error, no stale credentials.
        clock.advance(200)
        let error = await #expect(throws: CredentialsError.self) { try await cache.credentials() }
        #expect(error?.code == .expired)
        #expect(error.map { !"\($0)".contains("secret-1") } == true)
        // Back up: fresh credentials.
        source.failing.store(false, ordering: .sequentiallyConsistent)
        #expect(try await cache.credentials().accessKeyID == "ASIA5")
    }

    @Test("credentials without expiry are fetched once")
    func staticOnce() async throws {
        let source = StaticCredentialsProvider(Credentials(accessKeyID: "AKID", secretAccessKey: "s"))
        let cache = CachedCredentialsProvider(source)
        for _ in 0..<10 { #expect(try await cache.credentials().accessKeyID == "AKID") }
    }
}

@Suite("Waiting for credentials can be left")
struct CredentialWaitTests {
    /// A source that takes its time and counts its fetches.
    final class SlowSource: CredentialsProvider {
        let fetches = Mutex(0)
        let delay: Duration
        init(delay: Duration) { self.delay = delay }
        func credentials() async throws -> Credentials {
            fetches.withLock { $0 += 1 }
            // Not cancellable on purpose: like a process or a blocking read.
            let delay = self.delay
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: Double(delay.components.seconds))
                    continuation.resume()
                }
            }
            return Credentials(accessKeyID: "AKIDSLOW", secretAccessKey: "secret")
        }
    }

    @Test("a cancelled waiter leaves at once; the shared refresh goes on and serves the others, fetched once")
    func cancelledWaiterLeaves() async throws {
        let source = SlowSource(delay: .seconds(8))
        let cache = CachedCredentialsProvider(source)
        let patient = Task { try await cache.credentials() }
        let impatient = Task { try await cache.credentials() }
        try await Task.sleep(for: .milliseconds(200))
        let start = ContinuousClock.now
        impatient.cancel()
        await #expect(throws: CancellationError.self) { try await impatient.value }
        #expect(ContinuousClock.now - start < .seconds(4), "well before the refresh ends (8 s)")
        #expect(try await patient.value.accessKeyID == "AKIDSLOW")
        #expect(source.fetches.withLock { $0 } == 1)
        #expect(try await cache.credentials().accessKeyID == "AKIDSLOW")
        #expect(source.fetches.withLock { $0 } == 1)
    }
}
