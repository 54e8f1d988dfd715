import EventInvokeConfigCore
import Synchronization
import Testing

@Suite("The one retry loop and backoff rule")
struct RetryingTests {
    struct Failure: Error, Equatable { let attempt: Int }

    @Test("backoff doubles from the base up to the cap, scaled by the jitter")
    func backoff() {
        let backoff = Backoff(base: .seconds(1), cap: .seconds(10))
        #expect((1...6).map { backoff.delay(beforeRetry: $0) } == [1, 2, 4, 8, 10, 10].map { Duration.seconds($0) })
        #expect(backoff.delay(beforeRetry: 3, jitter: 0.5) == .seconds(2))
        #expect(backoff.delay(beforeRetry: 1_000) == .seconds(10))
        #expect(backoff.delay(beforeRetry: 2, jitter: 7) == .seconds(2))
        #expect(Backoff.none.delay(beforeRetry: 5) == .zero)
    }

    @Test("retries while asked, sleeping the backoff; stops at the attempt limit with the last error")
    func attemptLimit() async {
        let slept = Mutex<[Duration]>([])
        do throws(Failure) {
            _ = try await retrying(
                maximumAttempts: 3, backoff: Backoff(base: .seconds(1), cap: .seconds(20)),
                sleep: { delay throws(Failure) in slept.withLock { $0.append(delay) } },
                shouldRetry: { _ in true }
            ) { number throws(Failure) -> Int in throw Failure(attempt: number) }
            Issue.record("the loop returned")
        } catch {
            #expect(error == Failure(attempt: 3))
        }
        #expect(slept.withLock { $0 } == [.seconds(1), .seconds(2)])
    }

    @Test("a success not to retry, or a wait that does not fit, ends the loop at once")
    func finalOutcomes() async throws {
        let success = try await retrying(
            backoff: .none, sleep: { _ in },
            shouldRetry: { (outcome: Result<Int, any Error>) in (try? outcome.get()) == nil }
        ) { number in number }
        #expect(success == 1)
        let retriedSuccess = try await retrying(
            backoff: .none, sleep: { _ in },
            shouldRetry: { (outcome: Result<Int, any Error>) in (try? outcome.get()).map { $0 < 4 } ?? false }
        ) { number in number }
        #expect(retriedSuccess == 4)
        let attempts = Mutex(0)
        await #expect(throws: Failure(attempt: 1)) {
            try await retrying(
                backoff: Backoff(base: .seconds(1), cap: .seconds(1)), mayWait: { $0 < .seconds(1) },
                sleep: { _ in }, shouldRetry: { _ in true }
            ) { number in
                attempts.withLock { $0 += 1 }
                throw Failure(attempt: number)
            }
        }
        #expect(attempts.withLock { $0 } == 1)
    }
}
