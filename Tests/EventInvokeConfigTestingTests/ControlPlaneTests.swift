import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Testing

/// The control plane the Terraform provider's `aws_lambda_function` and `aws_lambda_alias` call, at the HTTP level:
/// shapes, defaults, versions, revisions, aliases, tags, and the refusals Lambda answers.
@Suite("InMemoryLambda control plane")
struct ControlPlaneTests {
    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:"
    static let role = "arn:aws:iam::123456789012:role/app"
    /// An empty zip archive, base64: what the provider sends as `Code.ZipFile`.
    static let zip = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))

    static func object(_ response: TransportResponse) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            "\(String(decoding: response.body, as: UTF8.self))")
    }

    static func create(
        _ h: Harness, _ name: String, publish: Bool = false, extra: String = ""
    ) async throws
        -> TransportResponse
    {
        try await h.raw(
            .post, "/2015-03-31/functions",
            body: #"{"FunctionName":"\#(name)","Role":"\#(role)","Runtime":"python3.12","Handler":"index.handler","#
                + #""Code":{"ZipFile":"\#(zip.base64EncodedString())"},"Publish":\#(publish)\#(extra)}"#)
    }

    @Test("CreateFunction answers Lambda's configuration: defaults, the code's digest, and the members it was given")
    func createShape() async throws {
        let h = try await Harness.make()
        let response = try await Self.create(h, "api", publish: true, extra: #","MemorySize":256,"Tags":{"team":"a"}"#)
        #expect(response.head.status.code == 201)
        let object = try Self.object(response)
        #expect(object["FunctionArn"] as? String == Self.arn + "api:1")
        #expect(object["Version"] as? String == "1")
        #expect(object["MemorySize"] as? Int == 256)
        #expect(object["Timeout"] as? Int == 3)
        #expect(object["PackageType"] as? String == "Zip")
        #expect(object["State"] as? String == "Active")
        #expect(object["LastUpdateStatus"] as? String == "Successful")
        #expect(object["CodeSize"] as? Int == 22)
        // base64 of SHA-256 of the 22 bytes (as `openssl dgst -sha256 -binary | base64` prints it).
        #expect(object["CodeSha256"] as? String == "hznHbmgfkAkjuQDJ3w73XPQh05yrtUZQxLmtGbanbYU=")
        #expect(object["Role"] as? String == Self.role)
        #expect(object["Tags"] == nil, "tags are not part of the configuration")
        let get = try Self.object(try await h.raw(.get, "/2015-03-31/functions/api"))
        #expect(get["Tags"] as? [String: String] == ["team": "a"])
        #expect((get["Configuration"] as? [String: Any])?["Version"] as? String == "$LATEST")
    }

    @Test(
        "versions: ListVersionsByFunction pages; PublishVersion publishes only a changed $LATEST; a version keeps its snapshot"
    )
    func versions() async throws {
        let h = try await Harness.make()
        _ = try await Self.create(h, "api", publish: true)
        let unchanged = try Self.object(try await h.raw(.post, "/2015-03-31/functions/api/versions", body: "{}"))
        #expect(unchanged["Version"] as? String == "1", "nothing changed since version 1")
        let update = try await h.raw(.put, "/2015-03-31/functions/api/configuration", body: #"{"MemorySize":512}"#)
        #expect(update.head.status.code == 200)
        let published = try Self.object(try await h.raw(.post, "/2015-03-31/functions/api/versions", body: "{}"))
        #expect(published["Version"] as? String == "2")
        #expect(published["MemorySize"] as? Int == 512)
        let first = try Self.object(try await h.raw(.get, "/2015-03-31/functions/api/configuration?Qualifier=1"))
        #expect(first["MemorySize"] as? Int == 128, "version 1 keeps what it was published with")

        let page = try Self.object(try await h.raw(.get, "/2015-03-31/functions/api/versions?MaxItems=2"))
        let versions = try #require(page["Versions"] as? [[String: Any]])
        #expect(versions.compactMap { $0["Version"] as? String } == ["$LATEST", "1"])
        let marker = try #require(page["NextMarker"] as? String)
        let next = try Self.object(
            try await h.raw(.get, "/2015-03-31/functions/api/versions?Marker=\(marker)&MaxItems=2"))
        #expect((next["Versions"] as? [[String: Any]])?.compactMap { $0["Version"] as? String } == ["2"])
        #expect(next["NextMarker"] == nil)

        let code = try Self.object(
            try await h.raw(
                .put, "/2015-03-31/functions/api/code",
                body: #"{"ZipFile":"\#(Data("other".utf8).base64EncodedString())","Publish":true}"#))
        #expect(code["Version"] as? String == "3")
        #expect(code["CodeSize"] as? Int == 5)
    }

    @Test("a write with a stale RevisionId is refused with 412 PreconditionFailedException")
    func revision() async throws {
        let h = try await Harness.make()
        let created = try Self.object(try await Self.create(h, "api"))
        let revision = try #require(created["RevisionId"] as? String)
        let stale = try await h.raw(
            .put, "/2015-03-31/functions/api/configuration", body: #"{"Timeout":9,"RevisionId":"stale"}"#)
        #expect(stale.head.status.code == 412)
        #expect(stale.head.headerFields.value(named: "x-amzn-errortype") == "PreconditionFailedException")
        let current = try await h.raw(
            .put, "/2015-03-31/functions/api/configuration", body: #"{"Timeout":9,"RevisionId":"\#(revision)"}"#)
        #expect(current.head.status.code == 200)
        #expect(try Self.object(current)["RevisionId"] as? String != revision)
    }

    @Test("aliases: create, update, list by version, and a version an alias points at cannot be deleted")
    func aliases() async throws {
        let h = try await Harness.make()
        _ = try await Self.create(h, "api", publish: true)
        _ = try await h.raw(.put, "/2015-03-31/functions/api/configuration", body: #"{"Timeout":5}"#)
        _ = try await h.raw(.post, "/2015-03-31/functions/api/versions", body: "{}")
        let created = try await h.raw(
            .post, "/2015-03-31/functions/api/aliases",
            body: #"{"Name":"live","FunctionVersion":"1","Description":"first"}"#)
        #expect(created.head.status.code == 201)
        #expect(try Self.object(created)["AliasArn"] as? String == Self.arn + "api:live")
        let refused = try await h.raw(.delete, "/2015-03-31/functions/api?Qualifier=1")
        #expect(refused.head.status.code == 409)
        #expect(refused.head.headerFields.value(named: "x-amzn-errortype") == "ResourceConflictException")
        #expect(
            try Self.object(refused)["message"] as? String
                == "Unable to delete version because the following aliases reference it: [live]")
        let updated = try Self.object(
            try await h.raw(.put, "/2015-03-31/functions/api/aliases/live", body: #"{"FunctionVersion":"2"}"#))
        #expect(updated["FunctionVersion"] as? String == "2")
        #expect(updated["Description"] as? String == "first", "an update without Description keeps it")
        let listed = try Self.object(try await h.raw(.get, "/2015-03-31/functions/api/aliases?FunctionVersion=2"))
        #expect((listed["Aliases"] as? [[String: Any]])?.compactMap { $0["Name"] as? String } == ["live"])
        #expect(try await h.raw(.delete, "/2015-03-31/functions/api?Qualifier=1").head.status.code == 204)
        let missing = try await h.raw(.put, "/2015-03-31/functions/api/aliases/gone", body: #"{"FunctionVersion":"2"}"#)
        #expect(missing.head.status.code == 404)
        #expect(try Self.object(missing)["Message"] as? String == "Alias not found: \(Self.arn)api:gone")
    }

    @Test("tags: TagResource, ListTags, UntagResource with repeated tagKeys")
    func tags() async throws {
        let h = try await Harness.make()
        _ = try await Self.create(h, "api")
        let resource = "/2017-03-31/tags/" + (Self.arn + "api").replacingOccurrences(of: ":", with: "%3A")
        let tagged = try await h.raw(.post, resource, body: #"{"Tags":{"a":"1","b":"2","c":"3"}}"#)
        #expect(tagged.head.status.code == 204)
        #expect(try await h.raw(.delete, resource + "?tagKeys=a&tagKeys=c").head.status.code == 204)
        #expect(try Self.object(try await h.raw(.get, resource))["Tags"] as? [String: String] == ["b": "2"])
        let unknown = try await h.raw(.get, "/2017-03-31/tags/" + Self.arn + "nope")
        #expect(unknown.head.status.code == 404)
    }

    @Test("code signing config and concurrency of a function without them; unknown routes name the operation")
    func smallReads() async throws {
        let h = try await Harness.make()
        let signing = try Self.object(try await h.raw(.get, "/2020-06-30/functions/orders/code-signing-config"))
        #expect(signing["FunctionName"] as? String == "orders")
        #expect(signing["CodeSigningConfigArn"] as? String == "")
        #expect(try await h.raw(.get, "/2019-09-30/functions/orders/concurrency").head.status.code == 200)
        let unknown = try await h.raw(.get, "/2021-10-31/functions/orders/url")
        #expect(unknown.head.status.code == 404)
        #expect(unknown.head.headerFields.value(named: "x-amzn-errortype") == "UnknownOperationException")
        #expect(
            try Self.object(unknown)["message"] as? String == "Unknown operation GET /2021-10-31/functions/orders/url")
    }

    @Test("another account's function is refused as IAM refuses it (403), whatever the operation and existence")
    func otherAccount() async throws {
        let h = try await Harness.make()
        let other = "arn:aws:lambda:us-east-1:999999999999:function:orders"
        for (method, path, action) in [
            (HTTPRequest.Method.get, "/2015-03-31/functions/\(other)", "GetFunction"),
            (.get, "/2015-03-31/functions/\(other)/versions", "ListVersionsByFunction"),
            (.put, "/2019-09-25/functions/\(other)/event-invoke-config", "PutFunctionEventInvokeConfig"),
        ] {
            let response = try await h.raw(method, path, body: #"{"MaximumRetryAttempts":1}"#)
            #expect(response.head.status.code == 403, "\(action)")
            #expect(response.head.headerFields.value(named: "x-amzn-errortype") == "AccessDeniedException")
            #expect(
                try Self.object(response)["Message"] as? String
                    == "User: arn:aws:iam::123456789012:root is not authorized to perform: lambda:\(action) on "
                    + "resource: \(other) because no resource-based policy allows the lambda:\(action) action")
        }
    }

    @Test("CreateFunction checks the service model's constraints and refuses a second function of the same name")
    func createRefusals() async throws {
        let h = try await Harness.make()
        let noRole = try await h.raw(.post, "/2015-03-31/functions", body: #"{"FunctionName":"x"}"#)
        #expect(noRole.head.status.code == 400)
        #expect(
            try Self.object(noRole)["message"] as? String
                == "1 validation error detected: Value null at 'role' failed to satisfy constraint: "
                + "Member must not be null")
        let memory = try await Self.create(h, "x", extra: #","MemorySize":64"#)
        #expect(
            try Self.object(memory)["message"] as? String
                == "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 128")
        _ = try await Self.create(h, "x")
        let again = try await Self.create(h, "x")
        #expect(again.head.status.code == 409)
        #expect(try Self.object(again)["message"] as? String == "Function already exist: x")
    }

    @Test("an emulator in an EU Sovereign Cloud region answers its own function ARNs")
    func sovereignRegion() async throws {
        let region = try Region("eusc-de-east-1")
        let lambda = InMemoryLambda(region: region)
        let function = try await lambda.seedFunction("orders")
        #expect(function.functionName.hasPrefix("arn:aws-eusc:lambda:eusc-de-east-1:123456789012:function:orders"))
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: region, credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                environment: [:]),
            transport: InMemoryTransport(lambda))
        let record = try await client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: function)
        #expect(record.functionARN.description == function.functionName + ":$LATEST")
    }
}

/// One server, many accounts and regions: each request answered by the emulator of its signing scope's region and
/// its access key's account.
@Suite("InMemoryLambdaService")
struct InMemoryLambdaServiceTests {
    static let staging = Credentials(accessKeyID: "AKIDSTAGING", secretAccessKey: "staging-secret")

    static func client(
        _ service: InMemoryLambdaService, region: String, credentials: Credentials
    ) throws
        -> LambdaEventInvokeConfigClient
    {
        try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region(region), credentials: StaticCredentialsProvider(credentials), environment: [:]),
            transport: service)
    }

    @Test("the region comes from the signing scope, the account from the access key")
    func routing() async throws {
        let service = InMemoryLambdaService()
        let account = try AccountID("210987654321")
        await service.assignAccount(account, toAccessKey: Self.staging.accessKeyID)
        await service.verifySignatures(with: [InMemoryLambda.testCredentials, Self.staging])
        let east = try await service.lambda().seedFunction("orders")
        let west = try await service.lambda(region: try Region("eu-west-1")).seedFunction("orders")
        let stagingWest = try await service.lambda(account: account, region: try Region("eu-west-1"))
            .seedFunction("orders")

        let eastClient = try Self.client(service, region: "us-east-1", credentials: InMemoryLambda.testCredentials)
        let westClient = try Self.client(service, region: "eu-west-1", credentials: InMemoryLambda.testCredentials)
        let stagingClient = try Self.client(service, region: "eu-west-1", credentials: Self.staging)
        _ = try await eastClient.put(EventInvokeConfig(maximumRetryAttempts: .zero), for: east)
        _ = try await westClient.put(EventInvokeConfig(maximumRetryAttempts: .one), for: west)
        let staged = try await stagingClient.put(EventInvokeConfig(maximumRetryAttempts: .two), for: stagingWest)
        #expect(staged.functionARN.description == "arn:aws:lambda:eu-west-1:210987654321:function:orders:$LATEST")

        #expect(try await eastClient.get(try FunctionReference("orders")).config.maximumRetryAttempts == .zero)
        #expect(try await westClient.get(try FunctionReference("orders")).config.maximumRetryAttempts == .one)
        #expect(try await stagingClient.get(try FunctionReference("orders")).config.maximumRetryAttempts == .two)
        #expect(await service.allLambdas.count == 3)

        // The staging key cannot reach the default account's function by ARN.
        let denied = await errorCode { _ = try await stagingClient.get(west) }
        #expect(denied?.code == .accessDenied)
    }

    @Test("an unknown access key is refused by the default account's emulator when signatures are verified")
    func unknownKey() async throws {
        let service = InMemoryLambdaService()
        await service.verifySignatures()
        let stranger = Credentials(accessKeyID: "AKIDSTRANGER", secretAccessKey: "x")
        let client = try Self.client(service, region: "us-east-1", credentials: stranger)
        let error = await errorCode { _ = try await client.get(try FunctionReference("orders")) }
        #expect(error?.errorType == "UnrecognizedClientException")
    }
}

/// Lambda's request-rate quota, as `eic-local --quota` enforces it.
@Suite("InMemoryLambda request-rate quota")
struct RequestQuotaTests {
    @Test("over the quota: 429 TooManyRequestsException with Retry-After, Type, message and Reason; GetFunction apart")
    func quota() async throws {
        let h = try await Harness.make()
        await h.lambda.limitRequestRate(controlPlane: 2, getFunction: 3)
        let config = "/2019-09-25/functions/orders/event-invoke-config"
        #expect(try await h.raw(.get, config).head.status.code == 404)
        #expect(try await h.raw(.get, config).head.status.code == 404)
        let refused = try await h.raw(.get, config)
        #expect(refused.head.status.code == 429)
        #expect(refused.head.headerFields.value(named: "x-amzn-errortype") == "TooManyRequestsException")
        #expect(refused.head.headerFields.value(named: "retry-after") == "1")
        #expect(refused.head.headerFields.value(named: "x-amzn-requestid") != nil)
        let body = try #require(try JSONSerialization.jsonObject(with: refused.body) as? [String: String])
        #expect(body == ["Type": "User", "message": "Rate exceeded", "Reason": "CallerRateLimitExceeded"])
        // GetFunction has a quota of its own.
        for _ in 0..<3 { #expect(try await h.raw(.get, "/2015-03-31/functions/orders").head.status.code == 200) }
        #expect(try await h.raw(.get, "/2015-03-31/functions/orders").head.status.code == 429)
        // A second later the bucket holds tokens again.
        h.clock.advance(.seconds(1))
        #expect(try await h.raw(.get, config).head.status.code == 404)
        #expect(await h.lambda.throttledRequestCount == 2)
    }

    @Test("the client retries the quota's 429 and succeeds once tokens are back")
    func clientRetries() async throws {
        let h = try await Harness.make()
        await h.lambda.limitRequestRate(controlPlane: 1, getFunction: nil)
        _ = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: h.orders)
        // The second call is throttled; the harness's sleep does not advance its clock, so advance it by hand.
        h.clock.advance(.seconds(1))
        let record = try await h.client.get(h.orders)
        #expect(record.config.maximumRetryAttempts == .one)
    }
}
