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

    static let resolutionTargets = [
        "orders", "orders%3Alive", "orders%3Ablue", "orders%3A1", "orders%3A2", "orders%3A3", "orders%3A%24LATEST",
        "orders?Qualifier=live", "orders?Qualifier=3", "orders?Qualifier=%24LATEST.PUBLISHED",
        "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders%3Ablue",
    ]

    /// The function's state as the steps leave it: `nil` when deleted.
    struct FunctionModel {
        var versions = 2
        var aliases = ["live": 2, "blue": 1]
    }

    @Test("a remembered resolution follows every change to functions, versions and aliases")
    func rememberedResolutionFollowsChanges() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0..<10_000).array(of: 1...12)) { steps in
            do {
                let lambda = try await Self.emulator()
                var model: FunctionModel? = FunctionModel()
                for step in steps {
                    // A change to the function (or none), then a Put to one target, compared with the answer of an
                    // emulator that is given the same function state directly and has remembered nothing.
                    switch step % 6 {
                    case 0:
                        if let version = await lambda.publishVersion(of: "orders") { model?.versions = version }
                    case 1:
                        let version = (step / 6) % 4
                        let alias = (step / 24).isMultiple(of: 2) ? "live" : "blue"
                        if await lambda.setAlias(alias, of: "orders", to: version == 0 ? nil : version) {
                            model?.aliases[alias] = version == 0 ? nil : version
                        }
                    case 2:
                        await lambda.deleteFunction("orders")
                        model = nil
                    case 3:
                        let versions = (step / 6) % 3
                        let aliases = versions > 0 ? ["live": versions] : [:]
                        try await lambda.seedFunction("orders", versions: versions, aliases: aliases)
                        model = FunctionModel(versions: versions, aliases: aliases)
                    default:
                        break
                    }
                    let target =
                        "/2019-09-25/functions/" + Self.resolutionTargets[(step / 7) % Self.resolutionTargets.count]
                    let path =
                        target.contains("?")
                        ? target.replacingOccurrences(of: "?", with: "/event-invoke-config?")
                        : target + "/event-invoke-config"
                    let put = Self.request(.put, path, #"{"MaximumRetryAttempts":1}"#)
                    let reference = InMemoryLambda(clock: { Date(timeIntervalSince1970: 1_795_867_200) })
                    if let model {
                        try await reference.seedFunction("orders", versions: model.versions, aliases: model.aliases)
                    }
                    let expected = Self.answer(try await reference.handle(put))
                    #expect(Self.answer(try await lambda.handle(put)) == expected, "\(steps) → \(path)")
                }
            } catch {
                Issue.record("\(steps): \(error)")
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
