import EventInvokeConfigCredentials
import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Testing

/// Every public type that can hold a secret prints the same redacted text however it is printed: `description`,
/// interpolation, `String(reflecting:)` and `dump`. The access key ID shows its last four characters only.
@Suite("Secrets never print")
struct RedactionTests {
    static let keyID = "AKIDLEAKPREFIX1234"
    static let secrets = [
        "SECRETKEYwJalrXUtnFEMI", "SESSIONTOKENsecretvalue", "AKIDLEAKPREFIX", "hunter2xyz", "CONTAINERTOKENabc",
        "dbpassword", "WEBIDTOKENzz", "SSOBEARERqq", "IMDSTOKENpp",
    ]

    static let credentials = Credentials(
        accessKeyID: keyID, secretAccessKey: "SECRETKEYwJalrXUtnFEMI", sessionToken: "SESSIONTOKENsecretvalue")

    static let environment = [
        "AWS_ACCESS_KEY_ID": keyID, "AWS_SECRET_ACCESS_KEY": "SECRETKEYwJalrXUtnFEMI",
        "AWS_SESSION_TOKEN": "SESSIONTOKENsecretvalue", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "CONTAINERTOKENabc",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/creds", "AWS_REGION": "us-east-1",
        "DATABASE_URL": "postgres://app:dbpassword@db", "HOME": "/nonexistent/redaction",
    ]

    static func shared() throws -> SharedConfiguration {
        let file = try ProfileFile.parse(
            config: (
                """
                [profile dev]
                region = eu-west-1
                credential_process = /usr/bin/fetch-creds --password hunter2xyz
                """, "config"
            ),
            credentials: (
                """
                [dev]
                aws_access_key_id = \(keyID)
                aws_secret_access_key = SECRETKEYwJalrXUtnFEMI
                aws_session_token = SESSIONTOKENsecretvalue
                """, "credentials"
            ))
        return SharedConfiguration(file: file, profileName: "dev", environment: environment)
    }

    /// Every printed form of `value`.
    static func printed(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), "\(value)", String(reflecting: value), dumped]
    }

    static func values() async throws -> [(String, Any)] {
        let transport = ScriptedTransport([])
        let shared = try shared()
        let sts = STSClient(
            endpoint: try Endpoint(url: "https://sts.us-east-1.amazonaws.com"), region: "us-east-1",
            transport: transport)
        var head = HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/")
        head.headerFields[try #require(HTTPField.Name("x-amz-security-token"))] = "SESSIONTOKENsecretvalue"
        head.headerFields[try #require(HTTPField.Name("x-amz-sso_bearer_token"))] = "SSOBEARERqq"
        head.headerFields[try #require(HTTPField.Name("x-aws-ec2-metadata-token"))] = "IMDSTOKENpp"
        head.headerFields[.authorization] = "CONTAINERTOKENabc"
        var configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(credentials),
            environment: environment)
        configuration.sharedConfiguration = shared
        let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
        let signer = SigV4Signer(region: "us-east-1", service: "lambda")
        let request = SigV4Request(method: "GET", target: "/", headers: [("host", "h")], payload: .empty)
        let signature = try signer.sign(request, credentials: credentials, date: Date())
        let presigned = try signer.presign(request, credentials: credentials, date: Date(), expires: 60)
        let lambda = InMemoryLambda()
        await lambda.verifySignatures(with: [credentials])
        return [
            ("Credentials", credentials),
            ("StaticCredentialsProvider", StaticCredentialsProvider(credentials)),
            ("SigV4HeaderSignature", signature),
            ("SigV4PresignedRequest", presigned),
            ("SigningKeyCache", signer.keyCache as Any),
            ("ProfileFile", shared.file),
            ("SharedConfiguration", shared),
            ("EnvironmentCredentialsProvider", EnvironmentCredentialsProvider(environment: environment)),
            (
                "ContainerCredentialsProvider",
                ContainerCredentialsProvider(environment: environment, transport: transport)
            ),
            (
                "ProcessCredentialsProvider",
                ProcessCredentialsProvider(command: "/usr/bin/fetch-creds --password hunter2xyz")
            ),
            (
                "AssumeRoleCredentialsProvider",
                AssumeRoleCredentialsProvider(
                    roleARN: "arn:aws:iam::123456789012:role/r", source: StaticCredentialsProvider(credentials),
                    sts: sts)
            ),
            ("ProfileCredentialsProvider", try ProfileCredentialsProvider(shared: shared, transport: transport)),
            (
                "DefaultCredentialsProvider",
                DefaultCredentialsProvider(
                    profile: "dev", environment: environment, sharedConfiguration: shared, transport: transport)
            ),
            ("CachedCredentialsProvider", CachedCredentialsProvider(StaticCredentialsProvider(credentials))),
            ("ProfileChain", try ProfileChain.resolve(profile: "dev", in: shared.file)),
            ("TransportRequest", TransportRequest(head: head, body: Data("{}".utf8), operation: "Get")),
            ("Configuration", configuration),
            ("LambdaEventInvokeConfigClient", client),
            ("InMemoryLambda", lambda),
        ]
    }

    @Test("description, interpolation, debugDescription and dump of every type holding a secret show none of it")
    func nothingLeaks() async throws {
        for (name, value) in try await Self.values() {
            for text in Self.printed(value) {
                for secret in Self.secrets {
                    #expect(!text.contains(secret), "\(name) printed \(secret): \(text)")
                }
            }
        }
    }

    @Test("the access key ID shows its last four characters, masked before")
    func keyIDMasked() {
        #expect(Self.credentials.description.contains("**************1234"))
        #expect(StaticCredentialsProvider(Self.credentials).description.contains("1234"))
    }

    @Test("a configuration keeps only the environment variables the package reads")
    func configurationKeepsWhatItReads() throws {
        var configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(Self.credentials),
            environment: Self.environment)
        #expect(configuration.environment["DATABASE_URL"] == nil)
        #expect(configuration.environment["AWS_REGION"] == "us-east-1")
        configuration.environment["GITHUB_TOKEN"] = "x"
        #expect(configuration.environment["GITHUB_TOKEN"] == nil)
        #expect(try Self.shared().environment["DATABASE_URL"] == nil)
    }
}
