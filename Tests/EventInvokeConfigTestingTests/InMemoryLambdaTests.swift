import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Synchronization
import Testing

struct Harness {
    let lambda: InMemoryLambda
    let client: LambdaEventInvokeConfigClient
    let clock: TestClock
    let orders: FunctionReference

    static func make(
        verify: Bool = false, credentials: Credentials = InMemoryLambda.testCredentials, retry: RetryPolicy = .standard,
        clientClockOffset: Double = 0
    ) async throws -> Harness {
        let clock = TestClock()
        let lambda = InMemoryLambda(clock: { clock.date })
        if verify { await lambda.verifySignatures() }
        let orders = try await lambda.seedFunction("orders", versions: 2, aliases: ["live": 2, "blue": 1])
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(credentials),
                retryPolicy: retry,
                environment: [:], clock: { clock.date.addingTimeInterval(clientClockOffset) }, random: { 0 },
                sleep: { _ in }),
            transport: InMemoryTransport(lambda))
        return Harness(lambda: lambda, client: client, clock: clock, orders: orders)
    }

    /// Sends a raw request (bypassing the client's own validation) and returns the response.
    func raw(_ method: HTTPRequest.Method, _ path: String, body: String = "") async throws -> TransportResponse {
        try await lambda.handle(
            TransportRequest(
                head: HTTPRequest(
                    method: method, scheme: "https", authority: "lambda.us-east-1.amazonaws.com", path: path),
                body: Data(body.utf8)))
    }
}

func errorCode(_ body: () async throws -> Void) async -> EventInvokeConfigError? {
    do {
        try await body()
        return nil
    } catch let error as EventInvokeConfigError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite("InMemoryLambda semantics")
struct InMemoryLambdaTests {
    static let queue = "arn:aws:sqs:us-east-1:123456789012:dlq"

    @Test("no qualifier means $LATEST; FunctionArn is qualified; LastModified comes from the clock")
    func latestByDefault() async throws {
        let h = try await Harness.make()
        let put = try await h.client.put(
            EventInvokeConfig(maximumRetryAttempts: .one), for: try FunctionReference("orders"))
        #expect(put.functionARN.description == "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST")
        #expect(put.lastModified == h.clock.date)
        let viaLatest = try await h.client.get(h.orders.qualified(.latest))
        #expect(viaLatest == put)
        #expect(await h.lambda.storedConfig(function: "orders")?.config.maximumRetryAttempts == .one)
    }

    @Test("every reference form reaches the same config")
    func referenceForms() async throws {
        let h = try await Harness.make()
        _ = try await h.client.put(
            EventInvokeConfig(maximumRetryAttempts: .zero), for: h.orders.qualified(.alias(try Alias("live"))))
        for text in [
            "orders:live", "123456789012:function:orders:live",
            "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
        ] {
            let record = try await h.client.get(try FunctionReference(text))
            #expect(record.functionARN.description == "arn:aws:lambda:us-east-1:123456789012:function:orders:live")
        }
    }

    @Test("unknown functions, versions and aliases are 404 with Lambda's messages")
    func notFound() async throws {
        let h = try await Harness.make()
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:"
        let cases: [(String, String)] = [
            ("nope", "The function \(arn)nope:$LATEST doesn't have an EventInvokeConfig"),
            ("orders:7", "The function \(arn)orders:7 doesn't have an EventInvokeConfig"),
            ("orders:gone", "The function \(arn)orders:gone doesn't have an EventInvokeConfig"),
            ("orders:blue", "The function \(arn)orders:blue doesn't have an EventInvokeConfig"),
        ]
        for (text, message) in cases {
            let error = await errorCode { _ = try await h.client.get(try FunctionReference(text)) }
            #expect(error?.code == .resourceNotFound, "\(text)")
            #expect(error?.statusCode == 404)
            #expect(error?.message == message, "\(text): \(String(describing: error?.message))")
        }
        // Another account's function is refused as IAM refuses a caller its resource policy does not name,
        // whether or not it exists.
        let other = "arn:aws:lambda:us-east-1:999999999999:function:orders"
        let denied = await errorCode { _ = try await h.client.get(try FunctionReference(other)) }
        #expect(denied?.code == .accessDenied)
        #expect(denied?.statusCode == 403)
        #expect(
            denied?.message
                == "User: arn:aws:iam::123456789012:root is not authorized to perform: "
                + "lambda:GetFunctionEventInvokeConfig on resource: \(other) because no resource-based policy allows "
                + "the lambda:GetFunctionEventInvokeConfig action")
    }

    @Test("Put replaces: omitted settings are removed")
    func putReplaces() async throws {
        let h = try await Harness.make()
        let fn = try FunctionReference("orders")
        _ = try await h.client.put(
            EventInvokeConfig(
                maximumRetryAttempts: .two, maximumEventAge: .maximum,
                destinationConfig: try DestinationConfig(onFailureARN: Self.queue)), for: fn)
        let replaced = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .zero), for: fn)
        #expect(replaced.config == EventInvokeConfig(maximumRetryAttempts: .zero))
        #expect(try await h.client.get(fn).config == EventInvokeConfig(maximumRetryAttempts: .zero))
    }

    @Test("Update merges and needs an existing config")
    func updateMerges() async throws {
        let h = try await Harness.make()
        let fn = try FunctionReference("orders:blue")
        let missing = await errorCode {
            _ = try await h.client.update(EventInvokeConfigPatch(maximumRetryAttempts: .one), for: fn)
        }
        #expect(missing?.code == .resourceNotFound)
        #expect(missing?.message.contains("doesn't have an EventInvokeConfig") == true)
        _ = try await h.client.put(
            EventInvokeConfig(maximumRetryAttempts: .two, maximumEventAge: try MaximumEventAge(seconds: 120)), for: fn)
        h.clock.advance(30)
        let updated = try await h.client.update(EventInvokeConfigPatch(maximumRetryAttempts: .zero), for: fn)
        #expect(updated.config.maximumRetryAttempts == .zero)
        #expect(updated.config.maximumEventAge?.seconds == 120)
        #expect(updated.lastModified == h.clock.date)
    }

    @Test("Delete answers 204, then the config is gone")
    func delete() async throws {
        let h = try await Harness.make()
        let fn = try FunctionReference("orders:live")
        _ = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: fn)
        try await h.client.delete(fn)
        #expect(await h.lambda.requests.last?.status == 204)
        #expect(await errorCode { try await h.client.delete(fn) }?.code == .resourceNotFound)
        #expect(await errorCode { _ = try await h.client.get(fn) }?.code == .resourceNotFound)
    }

    @Test("List pages through every qualifier's config")
    func listPaging() async throws {
        let h = try await Harness.make()
        let many = try await h.lambda.seedFunction(
            "many", versions: 3, aliases: Dictionary(uniqueKeysWithValues: (0..<60).map { ("alias-\($0)", 1 + $0 % 3) })
        )
        var expected: [String] = []
        for qualifier in ["$LATEST", "1", "2", "3"] + (0..<60).map({ "alias-\($0)" }) {
            _ = try await h.client.put(
                EventInvokeConfig(maximumRetryAttempts: .one), for: many.qualified(try Qualifier(qualifier)))
            expected.append(many.functionName + ":" + qualifier)
        }
        let firstPage = try await h.client.list(many, marker: nil, maxItems: nil)
        #expect(firstPage.records.count == 50)
        #expect(firstPage.nextMarker != nil)
        let all = try await h.client.listAll(many, pageSize: 7).collect()
        #expect(all.count == 64)
        #expect(Set(all.map(\.functionARN.description)) == Set(expected))
        #expect(all.prefix(4).map { $0.functionARN.qualifier?.rawValue } == ["$LATEST", "1", "2", "3"])
        let bad = try await h.raw(.get, "/2019-09-25/functions/many/event-invoke-config/list?Marker=garbage")
        #expect(bad.head.status.code == 400)
        let tooMany = try await h.raw(.get, "/2019-09-25/functions/many/event-invoke-config/list?MaxItems=51")
        #expect(tooMany.head.status.code == 400)
    }

    @Test("deleting a function deletes its configs")
    func deleteFunction() async throws {
        let h = try await Harness.make()
        _ = try await h.client.put(
            EventInvokeConfig(maximumRetryAttempts: .one), for: try FunctionReference("orders:live"))
        await h.lambda.deleteFunction("orders")
        #expect(await h.lambda.storedConfigs.isEmpty)
        try await h.lambda.seedFunction("orders", versions: 2, aliases: ["live": 2])
        #expect(
            await errorCode { _ = try await h.client.get(try FunctionReference("orders:live")) }?.code
                == .resourceNotFound)
    }

    @Test("request ids count up in Lambda's format; a repeated query key's last value wins; /list takes only GET")
    func requestIDsAndRouting() async throws {
        let h = try await Harness.make()
        _ = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .zero), for: h.orders)
        var ids: [String] = []
        for _ in 0..<3 {
            let response = try await h.raw(.get, "/2019-09-25/functions/orders/event-invoke-config")
            ids.append(response.head.headerFields.first { $0.name.canonicalName == "x-amzn-requestid" }?.value ?? "")
        }
        let seeded = await h.lambda.requests.count - 3
        #expect(
            ids == (1...3).map { "00000000-0000-4000-8000-" + String(format: "%012d", seeded + $0) }, "\(ids)")
        let repeated = try await h.raw(
            .get, "/2019-09-25/functions/orders/event-invoke-config?Qualifier=blue&Qualifier=%24LATEST")
        #expect(repeated.head.status == .ok)
        let notList = try await h.raw(.put, "/2019-09-25/functions/orders/event-invoke-config/list")
        #expect(
            notList.head.headerFields.first { $0.name.canonicalName == "x-amzn-errortype" }?.value
                == "UnknownOperationException")
    }

    @Test("the request log can be emptied; configs stay and request ids keep counting")
    func requestLogReset() async throws {
        let h = try await Harness.make()
        _ = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .zero), for: h.orders)
        let before = await h.lambda.requests.count
        #expect(before >= 1)
        await h.lambda.removeAllRequests()
        #expect(await h.lambda.requests.isEmpty)
        let response = try await h.raw(.get, "/2019-09-25/functions/orders/event-invoke-config")
        #expect(response.head.status == .ok)
        #expect(await h.lambda.requests.count == 1)
        let id = response.head.headerFields.first { $0.name.canonicalName == "x-amzn-requestid" }?.value
        #expect(id == "00000000-0000-4000-8000-" + String(format: "%012d", before + 1))
    }

    @Test("the request log keeps the most recent requests up to its limit and counts every one")
    func requestLogLimit() async throws {
        let lambda = InMemoryLambda(requestLogLimit: 3)
        try await lambda.seedFunction("orders")
        #expect(InMemoryLambda.defaultRequestLogLimit == 10_000)
        for index in 0..<7 {
            _ = try await lambda.handle(
                TransportRequest(
                    head: HTTPRequest(
                        method: .get, scheme: "https", authority: "lambda.us-east-1.amazonaws.com",
                        path: "/2019-09-25/functions/orders/event-invoke-config?Qualifier=\(index)")))
        }
        #expect(await lambda.requestCount == 7)
        #expect(await lambda.requests.map(\.target).map { $0.suffix(1) } == ["4", "5", "6"])
        await lambda.removeAllRequests()
        #expect(await lambda.requestCount == 0)
        #expect(await lambda.requests.isEmpty)
        let one = InMemoryLambda(requestLogLimit: 0)  // raised to 1
        _ = try await one.handle(
            TransportRequest(head: HTTPRequest(method: .get, scheme: "https", authority: "x", path: "/a")))
        _ = try await one.handle(
            TransportRequest(head: HTTPRequest(method: .get, scheme: "https", authority: "x", path: "/b")))
        #expect(await one.requests.map(\.target) == ["/b"])
        #expect(await one.requestCount == 2)
    }

    @Test("a record the wire writer declines (exponent timestamp) is still encoded, with keys in sorted order")
    func fallbackEncodingIsDeterministic() async throws {
        let lambda = InMemoryLambda(clock: { Date(timeIntervalSince1970: 1e16) })
        try await lambda.seedFunction("orders")
        let path = "/2019-09-25/functions/orders/event-invoke-config"
        let put = try await lambda.handle(
            TransportRequest(
                head: HTTPRequest(
                    method: .put, scheme: "https", authority: "lambda.us-east-1.amazonaws.com", path: path),
                body: Data(
                    #"{"MaximumRetryAttempts":1,"DestinationConfig":{"OnFailure":{"Destination":"\#(Self.queue)"}}}"#
                        .utf8)))
        #expect(put.head.status == .ok)
        let text = String(decoding: put.body, as: UTF8.self)
        let keys = ["DestinationConfig", "FunctionArn", "LastModified", "MaximumRetryAttempts"]
        let positions = keys.compactMap { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted(), "\(text)")
        let get = try await lambda.handle(
            TransportRequest(
                head: HTTPRequest(
                    method: .get, scheme: "https", authority: "lambda.us-east-1.amazonaws.com", path: path)))
        #expect(get.body == put.body)
    }

    @Test("registered destinations: unknown or not permitted is 'The destination ARN … is invalid.' with an IAM hint")
    func destinations() async throws {
        let h = try await Harness.make()
        await h.lambda.registerDestinations([Self.queue, "arn:aws:sns:us-east-1:123456789012:t"])
        try await h.lambda.seedFunction("restricted", permittedDestinations: [Self.queue])
        _ = try await h.client.put(
            EventInvokeConfig(destinationConfig: try DestinationConfig(onFailureARN: Self.queue)),
            for: try FunctionReference("orders"))
        let unknown = await errorCode {
            _ = try await h.client.put(
                EventInvokeConfig(
                    destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:other")),
                for: try FunctionReference("orders"))
        }
        #expect(unknown?.code == .invalidParameter)
        #expect(unknown?.message == "The destination ARN arn:aws:sqs:us-east-1:123456789012:other is invalid.")
        #expect(unknown?.iamHint?.contains("sqs:SendMessage") == true)
        let notPermitted = await errorCode {
            _ = try await h.client.put(
                EventInvokeConfig(
                    destinationConfig: try DestinationConfig(onSuccessARN: "arn:aws:sns:us-east-1:123456789012:t")),
                for: try FunctionReference("restricted"))
        }
        #expect(notPermitted?.iamHint?.contains("sns:Publish") == true)
    }
}
