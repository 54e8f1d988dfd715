import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Testing

@Suite("InMemoryLambda faults and signature verification")
struct FaultAndSignatureTests {
    @Test("throttling: 429 with Retry-After, retried by the client until it succeeds")
    func throttle() async throws {
        let h = try await Harness.make()
        await h.lambda.inject(.throttle(2, retryAfterSeconds: 3))
        _ = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: try FunctionReference("orders"))
        let statuses = await h.lambda.requests.map(\.status)
        #expect(statuses == [429, 429, 200])
        let noRetry = try await Harness.make(retry: .none)
        await noRetry.lambda.inject(.throttle(1, retryAfterSeconds: 7))
        let error = await errorCode { _ = try await noRetry.client.get(try FunctionReference("orders")) }
        #expect(error?.code == .throttled)
        #expect(error?.retryAfter == .seconds(7))
        #expect(error?.message.contains("CallerRateLimitExceeded") == true)
    }

    @Test("5xx, conflicts and dropped connections")
    func faults() async throws {
        let h = try await Harness.make(retry: .none)
        await h.lambda.inject(.serviceError(1, status: 503), .conflict(1), .dropConnection(1))
        let fn = try FunctionReference("orders")
        #expect(await errorCode { _ = try await h.client.get(fn) }?.code == .service)
        // A Get cannot be answered 409: the queued conflict waits for the next write.
        #expect(await errorCode { _ = try await h.client.get(fn) }?.code == .transport)
        #expect(await errorCode { _ = try await h.client.delete(fn) }?.code == .resourceConflict)
        #expect(await errorCode { _ = try await h.client.get(fn) }?.code == .resourceNotFound)
        let retried = try await Harness.make()
        await retried.lambda.inject(.dropConnection(1), .serviceError(1))
        _ = try await retried.client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: fn)
        #expect(await retried.lambda.requests.map(\.status) == [nil, 500, 200])
    }

    @Test("faults can target one operation")
    func targetedFault() async throws {
        let h = try await Harness.make(retry: .none)
        await h.lambda.inject(.conflict(1, operation: "DeleteFunctionEventInvokeConfig"))
        let fn = try FunctionReference("orders")
        _ = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: fn)
        #expect(await errorCode { try await h.client.delete(fn) }?.code == .resourceConflict)
        try await h.client.delete(fn)
    }

    @Test("injected latency delays answers and cancellation ends the wait")
    func latency() async throws {
        let h = try await Harness.make(retry: .none)
        await h.lambda.setLatency(.seconds(3600))
        let task = Task { try await h.client.get(try FunctionReference("orders")) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("correctly signed requests pass verification")
    func verifiedSigning() async throws {
        let h = try await Harness.make(verify: true)
        _ = try await h.client.put(
            EventInvokeConfig(maximumRetryAttempts: .one), for: try FunctionReference("orders:$LATEST"))
        _ = try await h.client.get(
            try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:orders:live").unqualified
        )
        .functionARN
        let list = try await h.client.list(try FunctionReference("orders"), marker: nil, maxItems: 5)
        #expect(list.records.count == 1)
        let token = Credentials(
            accessKeyID: "AKIDTOKEN", secretAccessKey: "token-secret", sessionToken: "session/token+=")
        await h.lambda.verifySignatures(with: [token])
        let withToken = try await Harness.make(verify: false, credentials: token)
        await withToken.lambda.verifySignatures(with: [token])
        _ = try await withToken.client.put(
            EventInvokeConfig(maximumRetryAttempts: .one), for: try FunctionReference("orders"))
    }

    @Test("bad signatures get Lambda's 403s")
    func rejectedSignatures() async throws {
        let wrongSecret = try await Harness.make(
            verify: true,
            credentials: Credentials(accessKeyID: InMemoryLambda.testCredentials.accessKeyID, secretAccessKey: "wrong"),
            retry: .none)
        #expect(
            await errorCode { _ = try await wrongSecret.client.get(try FunctionReference("orders")) }?.code
                == .invalidSignature)
        let unknownKey = try await Harness.make(
            verify: true, credentials: Credentials(accessKeyID: "AKIDUNKNOWN", secretAccessKey: "x"), retry: .none)
        #expect(
            await errorCode { _ = try await unknownKey.client.get(try FunctionReference("orders")) }?.code
                == .unrecognizedClient)
        let stale = try await Harness.make(verify: true, retry: .none, clientClockOffset: -600)
        let staleError = await errorCode { _ = try await stale.client.get(try FunctionReference("orders")) }
        #expect(staleError?.code == .invalidSignature)
        #expect(staleError?.message.contains("Signature expired") == true)
        let unsigned = try await Harness.make(verify: true)
        let response = try await unsigned.raw(.get, "/2019-09-25/functions/orders/event-invoke-config")
        #expect(response.head.status.code == 403)
        #expect(
            response.head.headerFields.first { $0.name.canonicalName == "x-amzn-errortype" }?.value
                == "MissingAuthenticationTokenException")
    }

    /// Hands requests to the emulator with the Authorization header rewritten.
    struct TamperingTransport: HTTPTransport {
        let lambda: InMemoryLambda
        let tamper: @Sendable (String) -> String

        func send(_ request: TransportRequest) async throws -> TransportResponse {
            var request = request
            if let value = request.head.headerFields[.authorization] {
                request.head.headerFields[.authorization] = tamper(value)
            }
            return try await lambda.handle(request)
        }
    }

    @Test("the Authorization header is checked part by part: spacing is free, anything else must match")
    func tamperedAuthorization() async throws {
        let lambda = InMemoryLambda()
        await lambda.verifySignatures()
        try await lambda.seedFunction("orders")
        func code(_ tamper: @escaping @Sendable (String) -> String) async throws -> EventInvokeConfigError.Code? {
            let client = try LambdaEventInvokeConfigClient(
                configuration: .init(
                    region: try Region("us-east-1"),
                    credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                    retryPolicy: .none, environment: [:]),
                transport: TamperingTransport(lambda: lambda, tamper: tamper))
            return await errorCode {
                _ = try await client.put(
                    EventInvokeConfig(maximumRetryAttempts: .one), for: try FunctionReference("orders"))
            }?.code
        }
        #expect(try await code { $0 } == nil)
        #expect(try await code { $0.replacingOccurrences(of: ", ", with: ",") } == nil)
        #expect(try await code { String($0.dropLast()) + ($0.hasSuffix("0") ? "1" : "0") } == .invalidSignature)
        #expect(
            try await code { $0.replacingOccurrences(of: "content-type;host", with: "host;content-type") }
                == .invalidSignature)
        #expect(try await code { $0 + "0" } == .invalidSignature)
        #expect(
            try await code { $0.replacingOccurrences(of: "/lambda/", with: "/lambdaa/") } == .invalidSignature)
        #expect(
            try await code { $0.replacingOccurrences(of: "AKIDINMEMORYLAMBDA", with: "AKIDOTHER") }
                == .unrecognizedClient)
    }

    @Test("malformed or mis-scoped Authorization headers get the 403 type Lambda gives")
    func malformedAuthorization() async throws {
        let lambda = InMemoryLambda(clock: { Date(timeIntervalSince1970: 1_795_867_200) })
        await lambda.verifySignatures()
        try await lambda.seedFunction("orders")
        func answer(_ authorization: String) async throws -> (String, String) {
            var fields = HTTPFields()
            fields[.authorization] = authorization
            fields[HTTPField.Name("x-amz-date")!] = "20261128T120000Z"
            let response = try await lambda.handle(
                TransportRequest(
                    head: HTTPRequest(
                        method: .get, scheme: "https", authority: "lambda.us-east-1.amazonaws.com",
                        path: "/2019-09-25/functions/orders/event-invoke-config", headerFields: fields)))
            #expect(response.head.status.code == 403)
            let type = response.head.headerFields.first { $0.name.canonicalName == "x-amzn-errortype" }?.value ?? ""
            return (type, String(decoding: response.body, as: UTF8.self))
        }
        let scope = "AKIDINMEMORYLAMBDA/20261128/us-east-1/lambda/aws4_request"
        let signature = String(repeating: "0", count: 64)
        for header in [
            "Bearer token", "AWS4-HMAC-SHA256 Credential=\(scope)",
            "AWS4-HMAC-SHA256 Credential=AKIDINMEMORYLAMBDA/20261128/us-east-1/lambda, SignedHeaders=host;x-amz-date, Signature=\(signature)",
            "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host;x-amz-date, Signature",
            "AWS4-HMAC-SHA256 Credential=\(scope), SignedHeaders=host, Signature=\(signature)",
            // Six scope parts, and five whose last is not `aws4_request`.
            "AWS4-HMAC-SHA256 Credential=AKIDINMEMORYLAMBDA/extra/20261128/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)",
            "AWS4-HMAC-SHA256 Credential=AKIDINMEMORYLAMBDA/20261128/us-east-1/lambda/aws4_reques, SignedHeaders=host;x-amz-date, Signature=\(signature)",
        ] {
            #expect(try await answer(header).0 == "IncompleteSignatureException", "\(header)")
        }
        #expect(
            try await answer(
                "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20261128/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)"
            ).0 == "UnrecognizedClientException")
        let region = try await answer(
            "AWS4-HMAC-SHA256 Credential=AKIDINMEMORYLAMBDA/20261128/eu-west-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)"
        )
        #expect(region.0 == "InvalidSignatureException" && region.1.contains("not 'eu-west-1'"), "\(region)")
        let service = try await answer(
            "AWS4-HMAC-SHA256 Credential=AKIDINMEMORYLAMBDA/20261128/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)"
        )
        #expect(service.0 == "InvalidSignatureException" && service.1.contains("correct service"), "\(service)")
        let wrong = try await answer(
            "AWS4-HMAC-SHA256  Credential=\(scope),SignedHeaders=host;x-amz-date,  Signature=\(signature)")
        #expect(wrong.0 == "InvalidSignatureException" && wrong.1.contains("does not match"), "\(wrong)")
    }

    @Test("a wrong region in the scope is refused")
    func wrongScope() async throws {
        let lambda = InMemoryLambda()
        await lambda.verifySignatures()
        try await lambda.seedFunction("orders")
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-west-2"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                retryPolicy: .none, environment: [:]),
            transport: InMemoryTransport(lambda))
        let error = await errorCode { _ = try await client.get(try FunctionReference("orders")) }
        #expect(error?.code == .invalidSignature)
        #expect(error?.message.contains("scoped to a valid region") == true)
    }
}
