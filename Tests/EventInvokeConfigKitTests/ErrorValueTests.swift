import EventInvokeConfigKit
import HTTPTypes
import Testing

/// `EventInvokeConfigError` keeps its fields behind one copy-on-write reference (so that async frames and thrown
/// boxes hold 8 bytes, not 264); it must still behave as a plain value.
@Suite("EventInvokeConfigError is a value")
struct ErrorValueTests {
    struct Underlying: Error, Equatable {
        let text: String
    }

    static let original = EventInvokeConfigError(
        .throttled, operation: "GetFunctionEventInvokeConfig", message: "Rate exceeded",
        errorType: "TooManyRequestsException", statusCode: 429, requestID: "req-1", retryAfter: .seconds(2))

    @Test("changing a copy leaves the original as it was, field by field")
    func copiesAreIndependent() {
        var copy = Self.original
        copy.code = .service
        copy.operation = "PutFunctionEventInvokeConfig"
        copy.errorType = nil
        copy.message = "changed"
        copy.statusCode = 500
        copy.requestID = "req-2"
        copy.retryAfter = nil
        copy.iamHint = "sqs:SendMessage"
        copy.underlying = Underlying(text: "cause")
        copy.attempts = 3

        let original = Self.original
        #expect(original.code == .throttled)
        #expect(original.operation == "GetFunctionEventInvokeConfig")
        #expect(original.errorType == "TooManyRequestsException")
        #expect(original.message == "Rate exceeded")
        #expect(original.statusCode == 429)
        #expect(original.requestID == "req-1")
        #expect(original.retryAfter == .seconds(2))
        #expect(original.iamHint == nil)
        #expect(original.underlying == nil)
        #expect(original.attempts == 0)

        #expect(copy.code == .service)
        #expect(copy.operation == "PutFunctionEventInvokeConfig")
        #expect(copy.errorType == nil)
        #expect(copy.message == "changed")
        #expect(copy.statusCode == 500)
        #expect(copy.requestID == "req-2")
        #expect(copy.retryAfter == nil)
        #expect(copy.iamHint == "sqs:SendMessage")
        #expect(copy.underlying as? Underlying == Underlying(text: "cause"))
        #expect(copy.attempts == 3)
    }

    @Test("copies changed concurrently by many tasks never see each other's changes")
    func concurrentCopies() async {
        let shared = Self.original
        let results = await withTaskGroup(of: (Int, EventInvokeConfigError).self) { group in
            for index in 0..<64 {
                group.addTask {
                    var mine = shared
                    for _ in 0..<100 {
                        mine.attempts = index
                        mine.message = "task \(index)"
                    }
                    return (index, mine)
                }
            }
            var collected: [(Int, EventInvokeConfigError)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 64)
        for (index, error) in results {
            #expect(error.attempts == index)
            #expect(error.message == "task \(index)")
        }
        #expect(shared.attempts == 0)
        #expect(shared.message == "Rate exceeded")
    }

    @Test("the description reads the fields as they are after changes")
    func descriptionFollowsChanges() {
        var error = Self.original
        error.attempts = 2
        error.iamHint = "sns:Publish"
        #expect(
            error.description
                == "GetFunctionEventInvokeConfig: TooManyRequestsException: Rate exceeded (HTTP 429, request id req-1, "
                + "retry after 2.0 seconds, 2 attempts); hint: sns:Publish")
    }
}
