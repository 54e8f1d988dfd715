import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import PropertyBased
import Testing

/// What a test reads back from the test doubles' request logs must be exactly what was sent, whatever the request
/// holds.
@Suite("Request logs")
struct RequestLogTests {
    /// A small deterministic generator (SplitMix64), so a failing seed reproduces.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let names = [
        "host", "Content-Type", "X-Amz-Date", "x-amz-security-token", "Authorization", "amz-sdk-request",
        "X-Custom-Header", "x-a", "ACCEPT",
    ]
    static let valueParts = [
        "", " ", "abc", "AWS4-HMAC-SHA256 Credential=AKID/20261128", "é", "€", "a  b", "%24", "\t",
    ]

    static func text(_ parts: [String], count: Int, using generator: inout Seeded) -> String {
        (0..<count).map { _ in parts.randomElement(using: &generator) ?? "" }.joined()
    }

    static func randomRequest(seed: Int) -> TransportRequest {
        var generator = Seeded(state: UInt64(truncatingIfNeeded: seed))
        let methods: [HTTPRequest.Method] = [.get, .put, .post, .delete, .patch, .options]
        var head = HTTPRequest(
            method: methods.randomElement(using: &generator) ?? .get,
            scheme: Bool.random(using: &generator) ? "https" : nil,
            authority: Bool.random(using: &generator) ? "lambda.us-east-1.amazonaws.com" : nil,
            path: Bool.random(using: &generator)
                ? "/2019-09-25/functions/"
                    + text(["orders", "%3A", "é", "$LATEST", "?Q=1", "&"], count: 4, using: &generator)
                : nil)
        if Int.random(in: 0..<8, using: &generator) == 0 { head.extendedConnectProtocol = "websocket" }
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            let name = names.randomElement(using: &generator) ?? "host"
            guard let fieldName = HTTPField.Name(name) else { continue }
            let long = Int.random(in: 0..<10, using: &generator) == 0
            var field = HTTPField(
                name: fieldName,
                value: text(valueParts, count: long ? 300 : Int.random(in: 0...4, using: &generator), using: &generator)
            )
            field.indexingStrategy = [.automatic, .prefer, .avoid].randomElement(using: &generator) ?? .automatic
            head.headerFields.append(field)
        }
        let body = Data(
            (0..<Int.random(in: 0...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let timeout: Duration? =
            Bool.random(using: &generator) ? .milliseconds(Int.random(in: 1...90_000, using: &generator)) : nil
        return TransportRequest(
            head: head, body: body, timeout: timeout,
            operation: ["", "GetFunctionEventInvokeConfig", "Opération"].randomElement(using: &generator) ?? "")
    }

    @Test("ScriptedTransport gives back every part of a request as sent")
    func scriptedTransportRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            let sent = Self.randomRequest(seed: seed)
            let transport = ScriptedTransport { _ in TransportResponse(status: .ok) }
            _ = try? await transport.send(sent)
            let logged = try #require(transport.requests.first)
            #expect(logged.head == sent.head)
            #expect(logged.head.extendedConnectProtocol == sent.head.extendedConnectProtocol)
            #expect(logged.head.headerFields.map(\.name.rawName) == sent.head.headerFields.map(\.name.rawName))
            #expect(logged.head.headerFields.map(\.value) == sent.head.headerFields.map(\.value))
            #expect(
                logged.head.headerFields.map(\.indexingStrategy) == sent.head.headerFields.map(\.indexingStrategy))
            #expect(logged.body == sent.body)
            #expect(logged.timeout == sent.timeout)
            #expect(logged.operation == sent.operation)
        }
    }

    @Test("InMemoryLambda records the target, headers and body as received")
    func emulatorRecordsRequests() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in
            let sent = Self.randomRequest(seed: seed)
            let lambda = InMemoryLambda()
            _ = try? await lambda.handle(sent)
            let recorded = try #require(await lambda.requests.last)
            #expect(recorded.method == sent.head.method.rawValue)
            #expect(recorded.target == (sent.head.path ?? "/"))
            #expect(recorded.body == sent.body)
            #expect(recorded.headers.map(\.name) == sent.head.headerFields.map(\.name.canonicalName))
            #expect(recorded.headers.map(\.value) == sent.head.headerFields.map(\.value))
        }
    }

    @Test("a full log keeps the newest requests in order")
    func wrappedLogKeepsNewest() async throws {
        let transport = ScriptedTransport(requestLogLimit: 3) { _ in TransportResponse(status: .ok) }
        for index in 0..<7 {
            _ = try await transport.send(
                TransportRequest(head: HTTPRequest(method: .get, scheme: "https", authority: "a", path: "/\(index)")))
        }
        #expect(transport.requests.map(\.head.path) == ["/4", "/5", "/6"])
        #expect(transport.requestCount == 7)
    }
}
