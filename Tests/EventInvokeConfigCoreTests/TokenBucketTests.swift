import EventInvokeConfigCore
import Testing

/// The one token bucket behind the adaptive limiter and the emulator's quota.
@Suite("Token bucket")
struct TokenBucketTests {
    @Test("takes while it holds a token, then says how long until the next one")
    func takeAndWait() {
        var bucket = TokenBucket(rate: 4, capacity: 2, tokens: 2)
        #expect(bucket.take(at: 10) == nil)
        #expect(bucket.take(at: 10) == nil)
        let wait = bucket.take(at: 10)
        #expect(wait == 0.25, "one token at 4 a second")
        #expect(bucket.take(at: 10.25) == nil, "refilled after the wait it named")
    }

    @Test("refills at the rate up to the capacity; a lower capacity drops what is above it")
    func refillAndCapacity() {
        var bucket = TokenBucket(rate: 1, capacity: 3, tokens: 0)
        bucket.refill(at: 0)
        bucket.refill(at: 100)
        #expect(bucket.tokens == 3)
        bucket.capacity = 1
        #expect(bucket.tokens == 1)
    }

    @Test("a token short of whole only by rounding is whole: the wait never becomes too small to pass")
    func rounding() {
        var bucket = TokenBucket(rate: 3, capacity: 1, tokens: 0)
        bucket.refill(at: 0)
        // 1/3 + 1/3 + 1/3 s of refill can sum to a hair under one token.
        bucket.refill(at: 1.0 / 3)
        bucket.refill(at: 2.0 / 3)
        #expect(bucket.take(at: 1) == nil)
    }
}
