import EventInvokeConfigARN
import EventInvokeConfigAWSConfig
import EventInvokeConfigCredentials
import EventInvokeConfigSigV4
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import EventInvokeConfigURLSession
import Foundation
import Testing

/// Each provider alone, and the chain, against files in a temporary home, scripts, and a loopback server standing
/// in for the container endpoint, the instance metadata service and the SSO portal.
@Suite("Credential providers", .serialized)
struct ProviderTests {
    @Test("environment: keys and token; a lone key is a configuration error")
    func environment() async throws {
        let full = EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
        ])
        let credentials = try await full.credentials()
        #expect(credentials.accessKeyID == "AKIDENV" && credentials.sessionToken == "env-token")
        let lone = await #expect(throws: CredentialsError.self) {
            try await EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "x"]).credentials()
        }
        #expect(lone?.code == .invalidConfiguration)
        #expect(lone?.message.contains("AWS_SECRET_ACCESS_KEY") == true)
    }

    @Test("the chain: the environment first, then the profile; nothing configured lists every provider")
    func chainOrder() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(
            ".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n")
        let transport = ScriptedTransport([])
        var environment = home.environment
        environment["AWS_ACCESS_KEY_ID"] = "AKIDENV"
        environment["AWS_SECRET_ACCESS_KEY"] = "env-secret"
        let fromEnvironment = DefaultCredentialsProvider(environment: environment, transport: transport)
        #expect(try await fromEnvironment.credentials().accessKeyID == "AKIDENV")
        #expect(await fromEnvironment.source() == "environment")
        let fromFile = DefaultCredentialsProvider(environment: home.environment, transport: transport)
        #expect(try await fromFile.credentials().accessKeyID == "AKIDFILE")
        #expect(await fromFile.source() == "profile default")

        let empty = try TemporaryHome()
        defer { empty.remove() }
        let nothing = DefaultCredentialsProvider(environment: empty.environment, transport: transport)
        let error = await #expect(throws: CredentialsError.self) { try await nothing.credentials() }
        #expect(error?.code == .noneFound)
        #expect(error?.attempts.map(\.provider) == ["environment", "profile", "web identity", "container", "imds"])
        #expect(error?.description.contains("AWS_EC2_METADATA_DISABLED") == true)
        #expect(transport.requests.isEmpty)
    }

    @Test("profiles: --profile selects, AWS_PROFILE selects, a named profile that is missing is an error")
    func profileSelection() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(
            ".aws/config",
            "[profile dev]\nregion = eu-west-1\n[default]\nregion = us-west-2\n")
        try home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n"
                + "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n")
        let transport = ScriptedTransport([])
        let dev = DefaultCredentialsProvider(profile: "dev", environment: home.environment, transport: transport)
        #expect(try await dev.credentials().accessKeyID == "AKIDDEV")
        // A profile named in code wins over keys in the environment (as `aws --profile` does); AWS_PROFILE does not.
        var withKeys = home.environment
        withKeys["AWS_ACCESS_KEY_ID"] = "AKIDENV"
        withKeys["AWS_SECRET_ACCESS_KEY"] = "env-secret"
        let named = DefaultCredentialsProvider(profile: "dev", environment: withKeys, transport: transport)
        #expect(try await named.credentials().accessKeyID == "AKIDDEV")
        withKeys["AWS_PROFILE"] = "dev"
        let variable = DefaultCredentialsProvider(environment: withKeys, transport: transport)
        #expect(try await variable.credentials().accessKeyID == "AKIDENV")
        var environment = home.environment
        environment["AWS_PROFILE"] = "dev"
        #expect(try SharedConfiguration.load(environment: environment).region()?.region.name == "eu-west-1")
        #expect(try SharedConfiguration.load(environment: home.environment).region()?.region.name == "us-west-2")
        environment["AWS_REGION"] = "ap-south-1"
        let region = try SharedConfiguration.load(environment: environment).region()
        #expect(region?.region.name == "ap-south-1" && region?.source == "AWS_REGION")
        let missing = DefaultCredentialsProvider(profile: "nope", environment: home.environment, transport: transport)
        let error = await #expect(throws: CredentialsError.self) { try await missing.credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("`nope` is not defined") == true)
    }

    @Test("a malformed config file stops the chain with the file and line")
    func malformedFile() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(".aws/config", "[default]\nregion = us-east-1\naws_secret_access_key wJalrXUtnFEMI\n")
        let error = await #expect(throws: CredentialsError.self) {
            try await DefaultCredentialsProvider(environment: home.environment, transport: ScriptedTransport([]))
                .credentials()
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("config, line 3: Expected an '=' sign defining a property") == true)
        #expect(error.map { !"\($0)".contains("wJalrXUtnFEMI") } == true)
    }

    @Test("credential_process: credentials, failures with stderr but never stdout, timeout")
    func credentialProcess() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let good = try home.write(
            "good.sh",
            """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", \
            "SessionToken": "proc-token", "Expiration": "2030-01-01T00:00:00Z"}'
            """, executable: true)
        // Scripts run through `sh`: exec'ing a file just written can fail with ETXTBSY while another test forks.
        try home.write(".aws/config", "[profile proc]\ncredential_process = sh \(good)\n")
        var environment = home.environment
        environment["AWS_PROFILE"] = "proc"
        let chain = DefaultCredentialsProvider(environment: environment, transport: ScriptedTransport([]))
        let credentials = try await chain.credentials()
        #expect(credentials.accessKeyID == "AKIDPROC" && credentials.sessionToken == "proc-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))

        // The secrets are in the scripts' output, not in their command lines (which errors do show).
        let failingScript = try home.write(
            "failing.sh",
            """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "leaked-secret"}'
            echo 'token expired, run login' >&2
            exit 3
            """, executable: true)
        let failing = ProcessCredentialsProvider(command: "sh " + failingScript)
        let failure = await #expect(throws: CredentialsError.self) { try await failing.credentials() }
        #expect(failure?.message.contains("exited with status 3") == true, "\(String(describing: failure))")
        #expect(failure?.message.contains("token expired, run login") == true)
        #expect(failure.map { !"\($0)".contains("leaked-secret") } == true)

        let badJSON = ProcessCredentialsProvider(
            command: try "sh "
                + home.write(
                    "v2.sh", "#!/bin/sh\necho '{\"Version\": 2, \"SecretAccessKey\": \"v2-secret\"}'\n",
                    executable: true))
        let versionError = await #expect(throws: CredentialsError.self) { try await badJSON.credentials() }
        #expect(versionError?.message.contains("\"Version\": 1") == true)
        #expect(versionError.map { !"\($0)".contains("v2-secret") } == true)

        let slow = ProcessCredentialsProvider(command: "echo waiting >&2; sleep 30", timeout: .milliseconds(500))
        let start = ContinuousClock.now
        let timeout = await #expect(throws: CredentialsError.self) { try await slow.credentials() }
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(timeout?.message.contains("did not finish within") == true)

        // A timeout ends the whole process group: a child the command started in the background, holding the
        // pipes, goes with it.
        let pidFile = home.url.appendingPathComponent("grandchild.pid")
        let spawning = ProcessCredentialsProvider(
            command: "sleep 60 & echo $! > '\(pidFile.path)'; wait", timeout: .milliseconds(500))
        _ = await #expect(throws: CredentialsError.self) { try await spawning.credentials() }
        let grandchild = try #require(
            Int32(
                String(decoding: try Data(contentsOf: pidFile), as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<50 where !gone {
            // Gone, or a zombie waiting to be reaped: either way it no longer runs.
            let state = (try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first
            gone = kill(grandchild, 0) != 0 || state == "Z"
            if !gone { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(gone, "the background child \(grandchild) of a timed-out credential_process still runs")
    }

    @Test(
        "container: full URI with a token file read at every fetch; CR LF and plain http elsewhere refused",
        .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason))
    func container() async throws {
        let server = try HostileServer.start(script: "credentials_server.py")
        defer { server.stop() }
        let home = try TemporaryHome()
        defer { home.remove() }
        let tokenFile = try home.write("token", "stale-token\n")
        let environment = [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/container/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
        ]
        let provider = ContainerCredentialsProvider(environment: environment, transport: URLSessionTransport())
        let refused = await #expect(throws: CredentialsError.self) { try await provider.credentials() }
        #expect(refused?.message.contains("403") == true)
        try home.write("token", "container-auth-token\n")
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyID == "ASIACONTAINER" && credentials.sessionToken == "container-session-token")
        let log = try serverLog(server)
        #expect(
            log.compactMap { ($0["headers"] as? [String: String])?["authorization"] } == [
                "stale-token", "container-auth-token",
            ])

        // In the chain (nothing else configured).
        let home2 = try TemporaryHome()
        defer { home2.remove() }
        let chain = DefaultCredentialsProvider(
            environment: home2.environment.merging(environment) { $1 }, transport: URLSessionTransport())
        #expect(try await chain.credentials().accessKeyID == "ASIACONTAINER")
        #expect(await chain.source() == "container")

        let injected = ContainerCredentialsProvider(
            environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/container/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-auth-token\r\nX-Injected: 1",
            ], transport: URLSessionTransport())
        let crlf = await #expect(throws: CredentialsError.self) { try await injected.credentials() }
        #expect(crlf?.message.contains("CR or LF") == true)
        let plain = #expect(throws: CredentialsError.self) {
            try ContainerCredentialsProvider.endpointURL(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.169.254/credentials"
            ])
        }
        #expect(plain?.message.contains("plain http") == true)
        #expect(
            try ContainerCredentialsProvider.endpointURL(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:8080/x"
            ]) == "http://127.0.0.1:8080/x")
    }

    @Test(
        "IMDSv2: token, role, credentials; one retry; the chain falls through quickly without a service",
        .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason))
    func instanceMetadata() async throws {
        let server = try HostileServer.start(script: "credentials_server.py")
        defer { server.stop() }
        let environment = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint]
        let provider = try InstanceMetadataCredentialsProvider(
            environment: environment, transport: URLSessionTransport())
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyID == "ASIAIMDS" && credentials.sessionToken == "imds-session-credential-token")
        let log = try serverLog(server)
        #expect(
            log.map { "\($0["method"] ?? "") \($0["path"] ?? "")" } == [
                "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/eic-test-role",
            ])
        let headers = log.compactMap { $0["headers"] as? [String: String] }
        #expect(headers.first?["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        #expect(headers.dropFirst().allSatisfy { $0["x-aws-ec2-metadata-token"] == "imds-session-token" })

        try serverFail(server, count: 1)
        #expect(try await provider.credentials().accessKeyID == "ASIAIMDS")
        #expect(try serverLog(server).count == 4)

        // In the chain, with nothing else configured.
        let empty = try TemporaryHome()
        defer { empty.remove() }
        var chainEnvironment = empty.environment
        chainEnvironment["AWS_EC2_METADATA_DISABLED"] = nil
        chainEnvironment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = server.endpoint
        let chain = DefaultCredentialsProvider(environment: chainEnvironment, transport: URLSessionTransport())
        #expect(try await chain.credentials().accessKeyID == "ASIAIMDS")
        #expect(await chain.source() == "imds")

        // Regression: an endpoint STS cannot use no longer stops the chain at the web identity step when web
        // identity is not configured.
        chainEnvironment["AWS_ENDPOINT_URL"] = "ftp://unusable.example"
        let unusable = DefaultCredentialsProvider(environment: chainEnvironment, transport: URLSessionTransport())
        #expect(try await unusable.credentials().accessKeyID == "ASIAIMDS")
        chainEnvironment["AWS_WEB_IDENTITY_TOKEN_FILE"] = empty.url.appendingPathComponent("token").path
        chainEnvironment["AWS_ROLE_ARN"] = "arn:aws:iam::111122223333:role/web"
        let configured = DefaultCredentialsProvider(environment: chainEnvironment, transport: URLSessionTransport())
        let refused = await #expect(throws: CredentialsError.self) { try await configured.credentials() }
        #expect(refused?.description.contains("ftp") == true, "\(String(describing: refused))")

        // Nothing listens: the chain lists IMDS as unreachable, within the 1 s × 2 attempts budget.
        let closed = HostileServer.freeLoopbackPort()
        let home = try TemporaryHome()
        defer { home.remove() }
        var bare = home.environment
        bare["AWS_EC2_METADATA_DISABLED"] = nil
        bare["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:\(closed)"
        let start = ContinuousClock.now
        let error = await #expect(throws: CredentialsError.self) {
            try await DefaultCredentialsProvider(environment: bare, transport: URLSessionTransport()).credentials()
        }
        #expect(ContinuousClock.now - start < .seconds(8))
        #expect(error?.code == .noneFound)
        #expect(error?.attempts.last?.reason.contains("no instance metadata service") == true)
    }

    @Test(
        "SSO: the cached token of aws sso login buys role credentials; expired and refused tokens say what to run",
        .enabled(if: Prerequisites.python.isAvailable, Prerequisites.python.skipReason))
    func sso() async throws {
        let server = try HostileServer.start(script: "credentials_server.py")
        defer { server.stop() }
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(
            ".aws/config",
            """
            [profile admin]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = Admin
            [sso-session corp]
            sso_region = us-east-1
            sso_start_url = https://corp.awsapps.com/start
            """)
        // The AWS CLI names the cache file after the SHA-1 of the session name.
        let cacheName = "\(Self.sha1("corp")).json"
        func cache(token: String, expires: String) throws {
            try home.write(
                ".aws/sso/cache/" + cacheName,
                #"{"accessToken": "\#(token)", "expiresAt": "\#(expires)", "region": "us-east-1"}"#)
        }
        try cache(token: "sso-access-token", expires: "2099-01-01T00:00:00Z")
        var environment = home.environment
        environment["AWS_PROFILE"] = "admin"
        environment["AWS_ENDPOINT_URL_SSO"] = server.endpoint
        let chain = DefaultCredentialsProvider(environment: environment, transport: URLSessionTransport())
        let credentials = try await chain.credentials()
        #expect(credentials.accessKeyID == "ASIASSO" && credentials.sessionToken == "sso-session-token")
        let request = try serverLog(server).first
        #expect((request?["path"] as? String)?.hasPrefix("/federation/credentials?account_id=111122223333") == true)

        try cache(token: "sso-access-token", expires: "2020-01-01T00:00:00UTC")
        let expired = await #expect(throws: CredentialsError.self) {
            try await DefaultCredentialsProvider(environment: environment, transport: URLSessionTransport())
                .credentials()
        }
        #expect(expired?.code == .expired)
        #expect(expired?.message.contains("aws sso login --profile admin") == true)

        try cache(token: "revoked-token-value", expires: "2099-01-01T00:00:00Z")
        let refused = await #expect(throws: CredentialsError.self) {
            try await DefaultCredentialsProvider(environment: environment, transport: URLSessionTransport())
                .credentials()
        }
        #expect(refused?.message.contains("401") == true)
        #expect(refused?.message.contains("aws sso login --profile admin") == true)
        #expect(refused.map { !"\($0)".contains("revoked-token-value") } == true)
    }

    static func sha1(_ text: String) -> String {
        let output = try? ProcessRunner.python([
            "-c", "import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", text,
        ])
        return String(decoding: output ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a role that needs an MFA code is refused with what to do instead")
    func mfa() {
        let file = ProfileFile(profiles: [
            "admin": [
                "role_arn": "arn:aws:iam::1:role/a", "source_profile": "base", "mfa_serial": "arn:aws:iam::1:mfa/u",
            ],
            "base": ["aws_access_key_id": "AKID", "aws_secret_access_key": "s"],
        ])
        let error = #expect(throws: CredentialsError.self) { try ProfileChain.resolve(profile: "admin", in: file) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("mfa_serial") == true)
    }

    @Test("no provider's description or error shows a secret")
    func descriptions() async throws {
        let chain = try ProfileChain.resolve(
            profile: "a",
            in: ProfileFile(profiles: ["a": ["aws_access_key_id": "AKIDA", "aws_secret_access_key": "chain-secret"]]))
        #expect(!"\(chain)".contains("chain-secret"))
        var dumped = ""
        dump(chain, to: &dumped)
        #expect(!dumped.contains("chain-secret"))
        let web = WebIdentityCredentialsProvider(
            roleARN: "arn:aws:iam::123456789012:role/r", tokenFile: "/nonexistent/token",
            sts: STSClient(
                endpoint: try Endpoint(url: "http://127.0.0.1:9"), region: "us-east-1",
                transport: ScriptedTransport([])))
        #expect("\(web)".contains("/nonexistent/token"))
    }
}

/// The DocC overview's example (compiled only: it reads the machine's files).
func credentialsCatalogExample() throws {
    let credentials = DefaultCredentialsProvider(profile: "deploy", transport: URLSessionTransport())
    let shared = try SharedConfiguration.load(profile: "deploy")
    let region = try shared.region()?.region  // AWS_REGION > AWS_DEFAULT_REGION > the profile's region
    _ = (credentials, region)
}

@Suite("Credential files are read with a size limit")
struct FileLimitTests {
    @Test("a config file over 4 MiB and a token file over 64 KiB are refused, naming the limit")
    func oversizedFiles() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let config = try home.write(
            "config", "[default]\nregion = us-east-1\n" + String(repeating: "#", count: 5 << 20))
        let error = #expect(throws: ProfileFileError.self) {
            try SharedConfiguration.load(environment: ["AWS_CONFIG_FILE": config, "HOME": home.url.path])
        }
        #expect(error?.rule.contains("larger than \(4 << 20) bytes") == true, "\(String(describing: error))")
        let token = try home.write("token", String(repeating: "t", count: 65 << 10))
        let sts = STSClient(
            endpoint: try Endpoint(url: "http://127.0.0.1:9"), region: "us-east-1", transport: ScriptedTransport([]))
        let provider = WebIdentityCredentialsProvider(
            roleARN: "arn:aws:iam::123456789012:role/r", tokenFile: token, sts: sts)
        let tokenError = await #expect(throws: CredentialsError.self) { try await provider.credentials() }
        #expect(
            tokenError?.message.contains("larger than \(64 << 10) bytes") == true, "\(String(describing: tokenError))")
    }
}
