import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Logging
import Synchronization
import Testing

@Suite("Requests on the wire")
struct RequestTests {
    static func value(_ request: TransportRequest, _ name: String) -> String? {
        request.head.headerFields.first { $0.name.canonicalName == name }?.value
    }

    @Test("each operation's method, path, query and body")
    func operations() async throws {
        let transport = ScriptedTransport([
            Fixture.ok(), Fixture.ok(), Fixture.ok(), .response(TransportResponse(status: .noContent)),
            Fixture.ok(#"{"FunctionEventInvokeConfigs":[],"NextMarker":null}"#),
        ])
        let client = try Fixture.client(transport)
        let function = try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST")
        let config = EventInvokeConfig(
            maximumRetryAttempts: .zero, maximumEventAge: .minimum,
            destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:dlq"))
        _ = try await client.put(config, for: function)
        _ = try await client.update(EventInvokeConfigPatch(maximumRetryAttempts: .two), for: function)
        _ = try await client.get(function)
        try await client.delete(function)
        _ = try await client.list(function.unqualified, marker: "a+b/c=d", maxItems: 50)
        let requests = transport.requests
        #expect(requests.map(\.head.method) == [.put, .post, .get, .delete, .get])
        #expect(
            requests.map(\.operation) == [
                "PutFunctionEventInvokeConfig", "UpdateFunctionEventInvokeConfig", "GetFunctionEventInvokeConfig",
                "DeleteFunctionEventInvokeConfig", "ListFunctionEventInvokeConfigs",
            ])
        let encoded = "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-function"
        for request in requests.prefix(4) {
            #expect(request.head.path == "/2019-09-25/functions/\(encoded)/event-invoke-config?Qualifier=%24LATEST")
            #expect(request.url.hasPrefix("https://lambda.us-east-1.amazonaws.com/2019-09-25/functions/"))
        }
        #expect(
            requests[4].head.path
                == "/2019-09-25/functions/\(encoded)/event-invoke-config/list?Marker=a%2Bb%2Fc%3Dd&MaxItems=50")
        let put = try JSONSerialization.jsonObject(with: requests[0].body) as? [String: Any]
        #expect(put?["MaximumRetryAttempts"] as? Int == 0)
        #expect(put?["MaximumEventAgeInSeconds"] as? Int == 60)
        #expect(String(decoding: requests[1].body, as: UTF8.self) == #"{"MaximumRetryAttempts":2}"#)
        #expect(requests[2].body.isEmpty)
        #expect(Self.value(requests[0], "content-type") == "application/json")
        #expect(Self.value(requests[2], "content-type") == nil)
        for request in requests {
            #expect(
                Self.value(request, "authorization")?.hasPrefix(
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-east-1/lambda/aws4_request, SignedHeaders=")
                    == true)
            #expect(Self.value(request, "authorization")?.contains("amz-sdk") == false)
            #expect(Self.value(request, "x-amz-date") == "20261128T120000Z")
            #expect(Self.value(request, "x-amz-security-token") == "SESSIONTOKENEXAMPLE")
            #expect(Self.value(request, "user-agent")?.hasPrefix("swift-event-invoke-config/") == true)
            #expect(Self.value(request, "amz-sdk-request") == "attempt=1; max=3")
            let id = Self.value(request, "amz-sdk-invocation-id") ?? ""
            #expect(id.count == 36)
            #expect(UUID(uuidString: id) != nil, "\(id) is a UUID")
            #expect(Array(id)[14] == "4", "version 4")
        }
    }

    @Test("a first attempt and its retry carry the same header fields in the order sent, for every template shape")
    func firstAttemptFieldsMatchRetries() async throws {
        for token in [nil, "SESSIONTOKENEXAMPLE"] as [String?] {
            for withBody in [false, true] {
                let transport = ScriptedTransport([Fixture.error(500, type: "ServiceException"), Fixture.ok()])
                let configuration = LambdaEventInvokeConfigClient.Configuration(
                    region: try Region("us-east-1"),
                    credentials: StaticCredentialsProvider(
                        Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: token)),
                    retryPolicy: .standard, environment: [:], clock: { Fixture.epoch }, random: { 0 },
                    sleep: { _ in })
                let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
                let function = try FunctionReference("orders")
                if withBody {
                    _ = try await client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: function)
                } else {
                    _ = try await client.get(function)
                }
                let requests = transport.requests
                try #require(requests.count == 2)
                let first = requests[0].head.headerFields.map { ($0.name.canonicalName, $0.value) }
                let retry = requests[1].head.headerFields.map { ($0.name.canonicalName, $0.value) }
                let names =
                    ["user-agent"] + (withBody ? ["content-type"] : []) + ["x-amz-date"]
                    + (token != nil ? ["x-amz-security-token"] : [])
                    + ["authorization", "amz-sdk-invocation-id", "amz-sdk-request"]
                #expect(first.map(\.0) == names, "token \(token != nil), body \(withBody)")
                #expect(retry.map(\.0) == names, "token \(token != nil), body \(withBody)")
                for (a, b) in zip(first, retry) where a.0 != "amz-sdk-request" {
                    #expect(a.1 == b.1, "\(a.0): token \(token != nil), body \(withBody)")
                }
                #expect(first.last?.1 == "attempt=1; max=3")
                #expect(retry.last?.1 == "attempt=2; max=3")
                #expect(Self.value(requests[0], "x-amz-security-token") == token)
                #expect(!first.contains { $0.1 == "-" }, "no placeholder left")
            }
        }
    }

    @Test("x-amz-date is the signing time's own second, whether the clock stays in a second, moves on or goes back")
    func amzDateFollowsTheClock() async throws {
        let base = Fixture.epoch.timeIntervalSince1970.rounded(.down)
        // Offsets in seconds from a whole second: within it, just past it, back again (a clock set back), a
        // second before 1970 (rounding down, not toward zero), and a day later.
        let offsets: [Double] = [0, 0.25, 0.999, 1, 1.5, 0.5, 0, 86_400.75, 86_400.75, 0.001]
        var dates = offsets.map { Date(timeIntervalSince1970: base + $0) }
        dates += [-0.5, -0.5, 0.25, -1.0, -0.999].map { Date(timeIntervalSince1970: $0) }
        let clockDates = Mutex(dates)
        let transport = ScriptedTransport(Array(repeating: Fixture.ok(), count: dates.count))
        let configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Fixture.credentials),
            retryPolicy: .none,
            environment: [:], clock: { clockDates.withLock { $0.isEmpty ? Fixture.epoch : $0.removeFirst() } })
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
        let signer = SigV4Signer(region: "us-east-1", service: "lambda")
        let probe = SigV4Request(method: "GET", path: "/", headers: [("host", "example.com")])
        for date in dates {
            _ = try await client.get(FunctionReference("orders"))
            let request = try #require(transport.requests.last)
            let expected = try signer.sign(probe, credentials: Fixture.credentials, date: date).amzDate
            #expect(Self.value(request, "x-amz-date") == expected, "\(date.timeIntervalSince1970)")
            let scope = "Credential=\(Fixture.credentials.accessKeyID)/\(expected.prefix(8))/"
            #expect(Self.value(request, "authorization")?.contains(scope) == true, "\(date.timeIntervalSince1970)")
        }
    }

    /// Hands out the given session tokens in turn (rotating credentials).
    final class RotatingCredentials: CredentialsProvider {
        let tokens: Mutex<[String?]>
        init(_ tokens: [String?]) { self.tokens = Mutex(tokens) }
        func credentials() async throws -> Credentials {
            let token = tokens.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            return Credentials(
                accessKeyID: "ASIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                sessionToken: token)
        }
    }

    @Test("each request carries the session token of its own credentials, however they rotate")
    func rotatingSessionTokens() async throws {
        let long = String(repeating: "IQoJb3JpZ2luX2VjEXAMPLE+/=", count: 40)
        let tokens: [String?] = ["A", "A", long, "B", nil, long + "x", long, "A"]
        let transport = ScriptedTransport(Array(repeating: Fixture.ok(), count: tokens.count))
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: RotatingCredentials(tokens), retryPolicy: .none,
                environment: [:],
                clock: { Fixture.epoch }),
            transport: transport)
        for _ in tokens { _ = try await client.get(FunctionReference("my-function")) }
        let requests = Array(transport.requests)
        #expect(requests.count == tokens.count)
        for (request, token) in zip(requests, tokens) {
            #expect(Self.value(request, "x-amz-security-token") == token)
            let signedHeaders = Self.value(request, "authorization")?.contains("x-amz-security-token") ?? false
            #expect(signedHeaders == (token != nil))
        }
    }

    @Test("every call gets its own version-4 invocation id")
    func invocationIDsAreDistinct() async throws {
        let count = 300
        let transport = ScriptedTransport(Array(repeating: Fixture.ok(), count: count))
        let client = try Fixture.client(transport)
        for _ in 0..<count { _ = try await client.get(try FunctionReference("my-function")) }
        let ids = transport.requests.compactMap { Self.value($0, "amz-sdk-invocation-id") }
        #expect(ids.count == count)
        #expect(Set(ids).count == count)
        for id in ids {
            let characters = Array(id)
            #expect(UUID(uuidString: id) != nil && characters[14] == "4" && "89ab".contains(characters[19]), "\(id)")
        }
    }

    @Test("names and partial ARNs are encoded once; the qualifier goes into the query")
    func encoding() async throws {
        let transport = ScriptedTransport([Fixture.ok(), Fixture.ok(), Fixture.ok()])
        let client = try Fixture.client(transport)
        _ = try await client.get(try FunctionReference("my-function:live"))
        _ = try await client.get(try FunctionReference("123456789012:function:my-function:7"))
        _ = try await client.get(try FunctionReference("my-function"))
        #expect(
            transport.requests.map { $0.head.path ?? "" } == [
                "/2019-09-25/functions/my-function/event-invoke-config?Qualifier=live",
                "/2019-09-25/functions/123456789012%3Afunction%3Amy-function/event-invoke-config?Qualifier=7",
                "/2019-09-25/functions/my-function/event-invoke-config",
            ])
    }

    @Test("request lines are right for every function, operation and qualifier, past the line cache's capacity")
    func requestLinesPerFunction() async throws {
        let transport = ScriptedTransport { request in
            request.head.method == .delete
                ? TransportResponse(status: .noContent)
                : TransportResponse(
                    status: .ok,
                    body: #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f:1","LastModified":1,"#
                        + #""MaximumRetryAttempts":1,"FunctionEventInvokeConfigs":[]}"#)
        }
        let client = try Fixture.client(transport)
        // 150 distinct (function, qualifier) pairs, three rounds, concurrently: more than the cache keeps.
        let names = (0..<50).map { "function-\($0)" }
        let qualifiers = [nil, "live", "7"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<3 {
                for name in names {
                    for qualifier in qualifiers {
                        group.addTask {
                            let function = try FunctionReference(qualifier.map { "\(name):\($0)" } ?? name)
                            switch round {
                            case 0: _ = try await client.get(function)
                            case 1:
                                _ = try await client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: function)
                            default: try await client.delete(function)
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let requests = transport.requests
        #expect(requests.count == 450)
        for request in requests {
            let path = request.head.path ?? ""
            let expectedMethod: HTTPRequest.Method
            switch request.operation {
            case "GetFunctionEventInvokeConfig": expectedMethod = .get
            case "PutFunctionEventInvokeConfig": expectedMethod = .put
            default: expectedMethod = .delete
            }
            #expect(request.head.method == expectedMethod)
            #expect(path.hasPrefix("/2019-09-25/functions/function-"))
        }
        // Every (operation, function, qualifier) was requested exactly once, with the right target.
        var expected: [String] = []
        for operation in [
            "GetFunctionEventInvokeConfig", "PutFunctionEventInvokeConfig", "DeleteFunctionEventInvokeConfig",
        ] {
            for name in names {
                for qualifier in qualifiers {
                    let query = qualifier.map { "?Qualifier=\($0)" } ?? ""
                    expected.append("\(operation) /2019-09-25/functions/\(name)/event-invoke-config\(query)")
                }
            }
        }
        #expect(requests.map { "\($0.operation) \($0.head.path ?? "")" }.sorted() == expected.sorted())
        // The scheme and authority stay those of the endpoint on every line.
        #expect(
            requests.allSatisfy { $0.head.scheme == "https" && $0.head.authority == "lambda.us-east-1.amazonaws.com" })
    }

    @Test("the scripted transport's log can be emptied; queued outcomes stay")
    func scriptedLogReset() async throws {
        let transport = ScriptedTransport([Fixture.ok(), .response(TransportResponse(status: .noContent))])
        let client = try Fixture.client(transport)
        _ = try await client.get(try FunctionReference("my-function"))
        #expect(transport.requests.count == 1)
        transport.removeAllRequests()
        #expect(transport.requests.isEmpty)
        try await client.delete(try FunctionReference("my-function"))
        #expect(transport.requests.map(\.head.method) == [.delete])
    }

    @Test("the scripted transport keeps the most recent requests up to its limit and counts every one")
    func scriptedLogLimit() async throws {
        #expect(ScriptedTransport.defaultRequestLogLimit == 10_000)
        let transport = ScriptedTransport(requestLogLimit: 2) { _ in TransportResponse(status: .noContent) }
        let client = try Fixture.client(transport)
        for name in ["a", "b", "c", "d", "e"] { try await client.delete(try FunctionReference(name)) }
        #expect(transport.requestCount == 5)
        #expect(
            transport.requests.map { $0.head.path ?? "" } == [
                "/2019-09-25/functions/d/event-invoke-config", "/2019-09-25/functions/e/event-invoke-config",
            ])
        transport.removeAllRequests()
        #expect(transport.requestCount == 0)
        let queued = ScriptedTransport([Fixture.ok(), Fixture.ok()], requestLogLimit: 1)
        let queuedClient = try Fixture.client(queued)
        _ = try await queuedClient.get(try FunctionReference("x"))
        _ = try await queuedClient.get(try FunctionReference("y"))
        #expect(queued.requests.map { $0.head.path ?? "" } == ["/2019-09-25/functions/y/event-invoke-config"])
    }

    @Test("invalid input is rejected before anything is sent")
    func validation() async throws {
        let transport = ScriptedTransport([])
        let client = try Fixture.client(transport)
        let fn = try FunctionReference("fn")
        let cases: [(String, () async throws -> Void)] = [
            ("noSettings", { _ = try await client.put(EventInvokeConfig(), for: fn) }),
            ("noSettings", { _ = try await client.update(EventInvokeConfigPatch(), for: fn) }),
            (
                "invalidQualifier",
                { _ = try await client.list(try FunctionReference("fn:live"), marker: nil, maxItems: nil) }
            ),
            ("outOfRange", { _ = try await client.list(fn, marker: nil, maxItems: 51) }),
            ("outOfRange", { _ = try await client.list(fn, marker: nil, maxItems: 0) }),
            (
                "invalidRegion",
                { _ = try await client.get(try FunctionReference("arn:aws:lambda:eu-west-1:123456789012:function:f")) }
            ),
            (
                "selfDestination",
                {
                    _ = try await client.put(
                        EventInvokeConfig(
                            destinationConfig: try DestinationConfig(
                                onSuccessARN: "arn:aws:lambda:us-east-1:123456789012:function:fn")), for: fn)
                }
            ),
        ]
        for (code, run) in cases {
            let error = await #expect(throws: EventInvokeConfigError.self) { try await run() }
            #expect(error?.code == .validation)
            #expect(error?.invalidValue?.code.description == code)
        }
        #expect(transport.requests.isEmpty)
    }

    @Test("a configuration without a usable region or endpoint is rejected")
    func configuration() {
        // A region is a validated `Region`: a bad one cannot reach a configuration.
        #expect(throws: InvalidValueError.self) { try Fixture.client(ScriptedTransport([]), region: "") }
        #expect(throws: InvalidValueError.self) { try Fixture.client(ScriptedTransport([]), region: "US EAST") }
        let badRegion = #expect(throws: EventInvokeConfigError.self) {
            try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(
                Fixture.noFiles.merging(["AWS_REGION": "US EAST"]) { $1 }, transport: ScriptedTransport([]))
        }
        #expect(badRegion?.invalidValue?.field == "AWS_REGION")
        #expect(throws: EventInvokeConfigError.self) {
            try Fixture.client(ScriptedTransport([]), environment: ["AWS_ENDPOINT_URL": "http://lambda.example.com"])
        }
        #expect(throws: EventInvokeConfigError.self) {
            try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(
                Fixture.noFiles, transport: ScriptedTransport([]))
        }
    }

    @Test("fromEnvironment reads the profile's region, endpoint_url and credentials")
    func profileConfiguration() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("eic-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "[profile ci]\nregion = eu-north-1\nendpoint_url = http://127.0.0.1:9\n".write(
            to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        try "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = ci-secret\n".write(
            to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        let environment = ["HOME": home.path, "AWS_PROFILE": "ci", "AWS_EC2_METADATA_DISABLED": "true"]
        let configuration = try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(
            environment, transport: ScriptedTransport([]))
        #expect(configuration.region.name == "eu-north-1")
        let transport = ScriptedTransport([Fixture.ok()])
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
        #expect(client.endpoint.description == "http://127.0.0.1:9")
        _ = try await client.get(try FunctionReference("fn"))
        let authorization = transport.requests.first?.head.headerFields[.authorization] ?? ""
        #expect(authorization.contains("Credential=AKIDCI/") && authorization.contains("/eu-north-1/lambda/"))
        // A region given in code wins; AWS_REGION wins over the profile.
        let given = try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(
            environment, region: try Region("ap-east-1"), transport: ScriptedTransport([]))
        #expect(given.region.name == "ap-east-1")
        let fromVariable = try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(
            environment.merging(["AWS_REGION": "sa-east-1"]) { $1 }, transport: ScriptedTransport([]))
        #expect(fromVariable.region.name == "sa-east-1")
    }

    @Test("the environment supplies region and credentials")
    func environmentConfiguration() async throws {
        let environment = [
            "AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secret",
            "AWS_ENDPOINT_URL_LAMBDA": "http://127.0.0.1:9", "AWS_ENDPOINT_URL": "https://ignored.example.com",
        ].merging(Fixture.noFiles) { $1 }
        let configuration = try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(
            environment, transport: ScriptedTransport([]))
        #expect(configuration.region.name == "eu-west-1")
        let transport = ScriptedTransport([Fixture.ok()])
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
        #expect(client.endpoint.description == "http://127.0.0.1:9")
        _ = try await client.get(try FunctionReference("fn"))
        #expect(transport.requests.first?.url == "http://127.0.0.1:9/2019-09-25/functions/fn/event-invoke-config")
        let missing = EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "x"])
        let error = await #expect(throws: CredentialsError.self) { _ = try await missing.credentials() }
        #expect(error?.message.contains("AWS_SECRET_ACCESS_KEY") == true)
    }
}

@Suite("Error responses")
struct ErrorResponseTests {
    static let cases: [(String, Int, [(String, String)], String, EventInvokeConfigError.Code, String?, String)] = [
        (
            "header type", 404, [("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/")],
            #"{"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:x"}"#,
            .resourceNotFound, "ResourceNotFoundException", "Function not found"
        ),
        (
            "__type with namespace", 400, [],
            #"{"__type":"com.amazonaws.lambda#InvalidParameterValueException","message":"bad"}"#,
            .invalidParameter, "InvalidParameterValueException", "bad"
        ),
        (
            "code key", 409, [], #"{"code":"ResourceConflictException","Message":"busy"}"#, .resourceConflict,
            "ResourceConflictException", "busy"
        ),
        (
            "throttle", 429, [("x-amzn-ErrorType", "TooManyRequestsException"), ("Retry-After", "3")],
            #"{"Reason":"CallerRateLimitExceeded","message":"Rate exceeded"}"#, .throttled, "TooManyRequestsException",
            "Rate exceeded (reason: CallerRateLimitExceeded)"
        ),
        (
            "access denied", 403, [("x-amzn-ErrorType", "AccessDeniedException")], #"{"Message":"no"}"#, .accessDenied,
            "AccessDeniedException", "no"
        ),
        (
            "signature", 403, [("x-amzn-ErrorType", "InvalidSignatureException")], #"{"message":"sig"}"#,
            .invalidSignature, "InvalidSignatureException", "sig"
        ),
        (
            "unknown key", 403, [("x-amzn-ErrorType", "UnrecognizedClientException")], #"{"message":"who"}"#,
            .unrecognizedClient, "UnrecognizedClientException", "who"
        ),
        (
            "service", 500, [("x-amzn-ErrorType", "ServiceException")], #"{"Message":"oops"}"#, .service,
            "ServiceException", "oops"
        ),
        ("html body", 502, [], "<html><body>Bad Gateway</body></html>", .service, nil, "non-JSON error body: <html>"),
        ("empty body", 503, [], "", .service, nil, "HTTP 503"),
        ("truncated json", 400, [], #"{"__type":"InvalidParam"#, .unknown, nil, "non-JSON error body"),
        (
            "unknown type", 418, [("x-amzn-ErrorType", "TeapotException")], #"{"message":"short"}"#, .unknown,
            "TeapotException", "short"
        ),
        ("missing type 404", 404, [], "{}", .resourceNotFound, nil, "HTTP 404"),
    ]

    @Test(arguments: cases)
    func decodesEveryShape(
        name: String, status: Int, headers: [(String, String)], body: String, code: EventInvokeConfigError.Code,
        type: String?, message: String
    ) async throws {
        var fields: HTTPFields = [:]
        for (key, value) in headers { fields.append(HTTPField(name: try #require(HTTPField.Name(key)), value: value)) }
        if let id = HTTPField.Name("x-amzn-RequestId") { fields[id] = "req-\(status)" }
        let transport = ScriptedTransport([
            .response(TransportResponse(status: .init(code: status), headers: fields, body: body))
        ])
        let client = try Fixture.client(transport, retry: .none)
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.get(try FunctionReference("fn"))
        }
        #expect(error?.code == code, "\(name)")
        #expect(error?.errorType == type, "\(name)")
        #expect(error?.message.contains(message) == true, "\(name): \(String(describing: error?.message))")
        #expect(error?.statusCode == status)
        #expect(error?.requestID == "req-\(status)")
        #expect(error?.operation == "GetFunctionEventInvokeConfig")
        if name == "throttle" { #expect(error?.retryAfter == .seconds(3)) }
    }

    @Test("an invalid destination names the IAM action the role lacks")
    func iamHint() async throws {
        let arn = "arn:aws:sqs:us-east-1:123456789012:dlq"
        let transport = ScriptedTransport([
            Fixture.error(
                400, type: "InvalidParameterValueException",
                message: "The destination ARN \(arn) is invalid.")
        ])
        let client = try Fixture.client(transport)
        let config = EventInvokeConfig(destinationConfig: try DestinationConfig(onFailureARN: arn))
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.put(config, for: try FunctionReference("fn"))
        }
        #expect(error?.code == .invalidParameter)
        #expect(error?.iamHint?.contains("sqs:SendMessage") == true)
        #expect(
            error?.description.contains("hint: the function's execution role probably lacks sqs:SendMessage") == true)
        #expect(transport.requests.count == 1, "400 is not retried")
    }

    @Test("success bodies that cannot be decoded are invalidResponse errors naming the field")
    func badSuccessBodies() async throws {
        let transport = ScriptedTransport([
            Fixture.ok(
                #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","LastModified":1,"MaximumRetryAttempts":9}"#
            ),
            Fixture.ok(#"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:fun"#),
            Fixture.ok("<html>hello</html>"),
        ])
        let client = try Fixture.client(transport)
        for mention in ["MaximumRetryAttempts", "cannot decode", "cannot decode"] {
            let error = await #expect(throws: EventInvokeConfigError.self) {
                _ = try await client.get(try FunctionReference("f"))
            }
            #expect(error?.code == .invalidResponse)
            #expect(error?.message.contains(mention) == true, "\(String(describing: error))")
        }
    }

    @Test("transport failures map to transport, timeout and (for a request the transport cannot express) validation")
    func transportFailures() async throws {
        let transport = ScriptedTransport([
            .failure(TransportError(.connectionFailed, "refused")), .failure(TransportError(.timeout, "slow")),
            .failure(TransportError(.invalidRequest, "bad url")),
        ])
        let client = try Fixture.client(transport, retry: .none)
        for code in [EventInvokeConfigError.Code.transport, .timeout, .validation] {
            let error = await #expect(throws: EventInvokeConfigError.self) {
                _ = try await client.get(try FunctionReference("f"))
            }
            #expect(error?.code == code)
            #expect(error?.underlying is TransportError)
        }
    }
}
