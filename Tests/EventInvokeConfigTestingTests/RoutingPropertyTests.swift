import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import PropertyBased
import Testing

/// The emulator remembers how it parsed each request target; a remembered parse must answer exactly as a fresh
/// one, for well-formed and malformed targets alike.
@Suite("InMemoryLambda routing properties")
struct RoutingPropertyTests {
    static let prefixes = [
        "/2019-09-25/functions/", "/2019-09-25/functions", "/2015-03-31/functions/", "/2019-09-25/functions//",
    ]
    static let nameParts = [
        "orders", "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders",
        "123456789012%3Afunction%3Aorders",
        "orders%3Alive", "orders%3A2", "orders%3A%24LATEST", "orders%3A9", "missing", "%ZZ", "%2", "%E2%82%AC",
        "%FF", "ord+ers", "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aorders", "",
    ]
    static let resources = ["/event-invoke-config", "/event-invoke-config/list", "/other", "", "/event-invoke-config/"]
    static let queries = [
        "", "?Qualifier=live", "?Qualifier=%24LATEST", "?Qualifier=2", "?Qualifier=nope", "?Qualifier=%ZZ",
        "?MaxItems=1", "?MaxItems=0", "?Marker=%ZZ&MaxItems=2", "?Qualifier=live&Qualifier=blue", "?%E2=1", "?&&",
    ]
    static let methods: [HTTPRequest.Method] = [.get, .put, .post, .delete, .patch]
    static let bodies = ["", #"{"MaximumRetryAttempts":1}"#, "{}", "not json"]

    static func emulator() async throws -> InMemoryLambda {
        let lambda = InMemoryLambda(clock: { Date(timeIntervalSince1970: 1_795_867_200) })
        try await lambda.seedFunction("orders", versions: 2, aliases: ["live": 2, "blue": 1])
        _ = try await lambda.handle(
            request(.put, "/2019-09-25/functions/orders/event-invoke-config", #"{"MaximumRetryAttempts":0}"#))
        return lambda
    }

    static func request(_ method: HTTPRequest.Method, _ target: String, _ body: String = "") -> TransportRequest {
        TransportRequest(
            head: HTTPRequest(
                method: method, scheme: "https", authority: "lambda.us-east-1.amazonaws.com", path: target),
            body: Data(body.utf8))
    }

    /// Status, error type and body: everything but the request id, which counts requests.
    static func answer(_ response: TransportResponse) -> String {
        let type = response.head.headerFields.first { $0.name.canonicalName == "x-amzn-errortype" }?.value ?? "-"
        return "\(response.head.status.code) \(type) \(String(decoding: response.body, as: UTF8.self))"
    }

    @Test("a remembered target parse answers as a fresh one")
    func rememberedParseMatchesFresh() async {
        await propertyCheck(
            count: 400, input: Gen.int(in: 0..<Self.prefixes.count), Gen.int(in: 0..<Self.nameParts.count),
            Gen.int(in: 0..<Self.resources.count), Gen.int(in: 0..<Self.queries.count),
            Gen.int(in: 0..<Self.methods.count), Gen.int(in: 0..<Self.bodies.count)
        ) { prefix, name, resource, query, method, body in
            let target = Self.prefixes[prefix] + Self.nameParts[name] + Self.resources[resource] + Self.queries[query]
            let request = Self.request(Self.methods[method], target, Self.bodies[body])
            do {
                let fresh = try await Self.emulator()
                let first = Self.answer(try await fresh.handle(request))
                // The same target seen before through a method no route has (no state change): a remembered parse.
                let primed = try await Self.emulator()
                _ = try await primed.handle(Self.request(.patch, target))
                let remembered = Self.answer(try await primed.handle(request))
                #expect(first == remembered, "\(Self.methods[method]) \(target)")
            } catch {
                Issue.record("\(target): \(error)")
            }
        }
    }

    static let targetCharacters = Array(
        "/%?&=:$.-_~+2019-09-25functionsevent-invoke-configlistQualifierMaxItemsMarker0A9fFzZ")

    @Test("any target gets a Lambda-shaped answer: a known status, an error type on every error, a request id")
    func arbitraryTargets() async {
        await propertyCheck(
            count: 500,
            input: Gen<Character?>.element(of: Self.targetCharacters).compactMap { $0 }.string(of: 0...90),
            Gen.int(in: 0..<Self.methods.count), Gen.int(in: 0..<Self.bodies.count)
        ) { tail, method, body in
            let target = (tail.count.isMultiple(of: 2) ? "/2019-09-25/functions/" : "/") + tail
            do {
                let lambda = try await Self.emulator()
                let response = try await lambda.handle(Self.request(Self.methods[method], target, Self.bodies[body]))
                let status = response.head.status.code
                #expect([200, 204, 400, 403, 404, 409].contains(status), "\(status) for \(target)")
                let fields = response.head.headerFields
                #expect(fields.contains { $0.name.canonicalName == "x-amzn-requestid" }, "\(target)")
                if status >= 400 {
                    #expect(fields.contains { $0.name.canonicalName == "x-amzn-errortype" }, "\(target)")
                }
            } catch {
                Issue.record("\(target): \(error)")
            }
        }
    }
}
