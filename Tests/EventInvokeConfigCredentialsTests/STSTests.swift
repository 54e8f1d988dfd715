import EventInvokeConfigAWSConfig
import EventInvokeConfigCredentials
import EventInvokeConfigSigV4
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import EventInvokeConfigTransport
import EventInvokeConfigURLSession
import Foundation
import HTTPTypes
import Testing

/// AssumeRole and AssumeRoleWithWebIdentity: the request on the wire, the XML answers (through a scripted transport)
/// and the real exchange with moto's STS (started by the fixture; moto checks no signature on STS, so the signature
/// itself is checked against botocore's signer by the SigV4 suites).
@Suite("STS", .serialized)
struct STSTests {
    static let base = Credentials(accessKeyID: "AKIDBASE", secretAccessKey: "base-secret", sessionToken: "base-token")

    static func client(_ transport: ScriptedTransport) throws -> STSClient {
        STSClient(
            endpoint: try Endpoint(url: "https://sts.eu-west-1.amazonaws.com"), region: "eu-west-1",
            transport: transport, clock: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    static let answer = """
        <?xml version="1.0" encoding="UTF-8"?>
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>
            <Credentials>
              <AccessKeyId>ASIAROLE</AccessKeyId>
              <SecretAccessKey><![CDATA[role/secret+&value]]></SecretAccessKey>
              <SessionToken>tok&amp;en<!-- a comment --></SessionToken>
              <Expiration>2027-01-01T00:00:00Z</Expiration>
            </Credentials>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """

    @Test("AssumeRole: a signed form POST; the XML answer read with entities, CDATA and comments")
    func assumeRoleWire() async throws {
        let transport = ScriptedTransport([.response(TransportResponse(status: .ok, body: Self.answer))])
        let credentials = try await Self.client(transport).assumeRole(
            "arn:aws:iam::123456789012:role/r", sessionName: "s", externalID: "ext id", durationSeconds: 900,
            with: Self.base)
        #expect(credentials.accessKeyID == "ASIAROLE")
        #expect(credentials.secretAccessKey == "role/secret+&value")
        #expect(credentials.sessionToken == "tok&en")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_798_761_600))
        let request = try #require(transport.requests.first)
        #expect(request.url == "https://sts.eu-west-1.amazonaws.com/")
        #expect(request.head.method == .post)
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr"
                + "&RoleSessionName=s&ExternalId=ext%20id&DurationSeconds=900")
        let authorization = try #require(request.head.headerFields[.authorization])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDBASE/20270115/eu-west-1/sts/aws4_request"))
        #expect(request.head.headerFields[HTTPField.Name("x-amz-security-token")!] == "base-token")
    }

    @Test(
        "AssumeRole's signature is botocore's for the same request",
        .enabled(if: Prerequisites.botocore.isAvailable, Prerequisites.botocore.skipReason))
    func signatureMatchesBotocore() async throws {
        let transport = ScriptedTransport([.response(TransportResponse(status: .ok, body: Self.answer))])
        _ = try await Self.client(transport).assumeRole(
            "arn:aws:iam::123456789012:role/deploy", sessionName: "eic-1", externalID: "x/y+z", with: Self.base)
        let request = try #require(transport.requests.first)
        let headers = request.head.headerFields.filter {
            !["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.canonicalName)
        }.map { [$0.name.canonicalName, $0.value] }
        let input: [String: Any] = [
            "method": "POST", "url": request.url, "headers": headers, "body": request.body.base64EncodedString(),
            "service": "sts", "region": "eu-west-1", "accessKeyId": Self.base.accessKeyID,
            "secretAccessKey": Self.base.secretAccessKey, "sessionToken": Self.base.sessionToken ?? NSNull(),
            "epoch": 1_800_000_000,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self)
        let output = try ProcessRunner.python([
            MotoServer.scriptsDirectory.appendingPathComponent("botocore_sign_request.py").path, json,
        ])
        let botocore = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(request.head.headerFields[.authorization] == botocore)
    }

    @Test("STS errors: code and message, never a secret or the web identity token")
    func errors() async throws {
        let errorBody = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code>
              <Message>User: arn:aws:iam::123456789012:user/u is not authorized to perform: sts:AssumeRole</Message>
              </Error><RequestId>r</RequestId>
            </ErrorResponse>
            """
        let transport = ScriptedTransport([
            .response(TransportResponse(status: .forbidden, body: errorBody)),
            .response(TransportResponse(status: .badRequest, body: "<not xml")),
            .response(TransportResponse(status: .ok, body: "<AssumeRoleWithWebIdentityResponse/>")),
        ])
        let client = try Self.client(transport)
        let denied = await #expect(throws: CredentialsError.self) {
            try await client.assumeRole("arn:aws:iam::123456789012:role/r", sessionName: "s", with: Self.base)
        }
        #expect(denied?.message.hasPrefix("AccessDenied: User: arn:aws:iam::123456789012:user/u is not") == true)
        let garbled = await #expect(throws: CredentialsError.self) {
            try await client.assumeRoleWithWebIdentity("arn:aws:iam::1:role/r", sessionName: "s", token: "jwt-secret")
        }
        #expect(garbled?.message.contains("HTTP 400") == true)
        let empty = await #expect(throws: CredentialsError.self) {
            try await client.assumeRoleWithWebIdentity("arn:aws:iam::1:role/r", sessionName: "s", token: "jwt-secret")
        }
        #expect(empty?.message.contains("is not an AssumeRoleWithWebIdentityResponse") == true)
        for error in [denied, garbled, empty] {
            let text = error.map { "\($0)" } ?? ""
            #expect(!text.contains("base-secret") && !text.contains("base-token") && !text.contains("jwt-secret"))
        }
        // The web identity request is not signed.
        #expect(transport.requests.last?.head.headerFields[.authorization] == nil)
    }

    @Test(
        "against moto: a role chain two deep from a profile, and web identity from the environment",
        .enabled(if: Prerequisites.moto.isAvailable, Prerequisites.moto.skipReason))
    func moto() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(
            ".aws/config",
            """
            [profile deploy]
            role_arn = arn:aws:iam::123456789012:role/deploy
            source_profile = ops
            role_session_name = eic-deploy
            [profile ops]
            role_arn = arn:aws:iam::123456789012:role/ops
            source_profile = base
            external_id = ops-external
            [profile base]
            region = us-east-1
            """)
        try home.write(
            ".aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n")
        var environment = home.environment
        environment["AWS_ENDPOINT_URL_STS"] = moto.endpoint
        let recorder = RecordingTransport(URLSessionTransport())
        let chain = DefaultCredentialsProvider(profile: "deploy", environment: environment, transport: recorder)
        let credentials = try await chain.credentials()
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(credentials.expiration != nil)
        let bodies = recorder.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies.count == 2)
        #expect(bodies.first?.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops") == true)
        #expect(bodies.first?.contains("ExternalId=ops-external") == true)
        #expect(bodies.last?.contains("RoleSessionName=eic-deploy") == true)
        // The second call is signed with the first role's credentials, not the base keys.
        let second = recorder.requests.last?.head.headerFields[.authorization] ?? ""
        #expect(second.contains("Credential=ASIA"))
        #expect(!second.contains("AKIDBASE"))

        let token = try home.write("token.jwt", "eyJhbGciOiJSUzI1NiJ9.e30.sig\n")
        var web = TemporaryHome.bare
        web["AWS_WEB_IDENTITY_TOKEN_FILE"] = token
        web["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/web"
        web["AWS_ROLE_SESSION_NAME"] = "pod-1"
        web["AWS_ENDPOINT_URL_STS"] = moto.endpoint
        web["HOME"] = home.url.appendingPathComponent("empty").path
        let webChain = DefaultCredentialsProvider(environment: web, transport: URLSessionTransport())
        let webCredentials = try await webChain.credentials()
        #expect(webCredentials.accessKeyID.hasPrefix("ASIA"))
        #expect(await webChain.source() == "web identity")
    }
}

/// Passes requests on and remembers them.
final class RecordingTransport: HTTPTransport {
    let inner: any HTTPTransport
    private let log = ScriptedTransport(handler: { _ in TransportResponse(status: .ok) })

    init(_ inner: any HTTPTransport) { self.inner = inner }

    var requests: [TransportRequest] { log.requests }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        _ = try await log.send(request)
        return try await inner.send(request)
    }
}

extension TemporaryHome {
    /// No files, no instance metadata service.
    static let bare = ["AWS_EC2_METADATA_DISABLED": "true"]
}
