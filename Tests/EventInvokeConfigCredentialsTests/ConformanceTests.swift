import EventInvokeConfigAWSConfig
import EventInvokeConfigCredentials
import EventInvokeConfigSigV4
import EventInvokeConfigTestSupport
import Foundation
import Testing

/// The cross-SDK test cases for the shared config files, the profile chains and the metadata endpoints
/// (`Tests/TestSupport/Conformance`, see its PROVENANCE.md), table-driven.
@Suite("Credentials conformance")
struct CredentialsConformanceTests {
    static func cases(_ file: String, key: String? = "tests") -> [[String: Any]] {
        guard let json = try? ConformanceData.json(file) else { return [] }
        if let key { return (json as? [String: Any])?[key] as? [[String: Any]] ?? [] }
        return json as? [[String: Any]] ?? []
    }

    nonisolated(unsafe) static let parserCases = cases("smithy-rs-aws-runtime/profile-parser-tests.json")
    nonisolated(unsafe) static let locationCases = cases("smithy-rs-aws-runtime/file-location-tests.json")
    nonisolated(unsafe) static let assumeRoleCases = cases("smithy-rs-aws-config/assume-role-tests.json", key: nil)
    nonisolated(unsafe) static let ecsCases = cases("smithy-rs-aws-config/ecs-tests.json")
    nonisolated(unsafe) static let imdsCases = cases("smithy-rs-aws-config/imds-endpoint-tests.json")

    @Test("every case file is present and complete")
    func casesArePresent() {
        #expect(Self.parserCases.count == 65)
        #expect(Self.locationCases.count == 9)
        #expect(Self.assumeRoleCases.count == 28)
        #expect(Self.ecsCases.count == 11)
        #expect(Self.imdsCases.count == 14)
    }

    @Test("profile parser", arguments: parserCases.indices)
    func profileParser(_ index: Int) {
        let testCase = Self.parserCases[index]
        let name = testCase["name"] as? String ?? "?"
        let input = testCase["input"] as? [String: String] ?? [:]
        let output = testCase["output"] as? [String: Any] ?? [:]
        let result = Result { () throws(ProfileFileError) in
            try ProfileFile.parse(
                config: input["configFile"].map { ($0, "config") },
                credentials: input["credentialsFile"].map { ($0, "credentials") })
        }
        if let expected = output["errorContaining"] as? String {
            guard case .failure(let error) = result else {
                Issue.record("\(name): parsed, expected an error containing \(expected)")
                return
            }
            #expect(error.description.contains(expected), "\(name): \(error)")
            return
        }
        guard case .success(let file) = result else {
            Issue.record("\(name): \(result)")
            return
        }
        let config = output["config"] as? [String: Any] ?? [:]
        #expect(file.profiles == config["profiles"] as? [String: [String: String]], "\(name)")
        if let sessions = config["sso_sessions"] as? [String: [String: String]] {
            #expect(file.ssoSessions == sessions, "\(name)")
        }
    }

    @Test("file locations", arguments: locationCases.indices)
    func fileLocations(_ index: Int) throws {
        let testCase = Self.locationCases[index]
        let environment = testCase["environment"] as? [String: String] ?? [:]
        let platform: FileLocations.Platform = testCase["platform"] as? String == "windows" ? .windows : .posix
        let locations = FileLocations(environment: environment, platform: platform)
        #expect(locations.config == testCase["configLocation"] as? String, "\(testCase["name"] ?? "")")
        #expect(locations.credentials == testCase["credentialsLocation"] as? String, "\(testCase["name"] ?? "")")
        if platform == .posix, let profile = testCase["profile"] as? String {
            #expect(try SharedConfiguration.load(environment: environment).profileName == profile)
        }
    }

    @Test("assume-role chains", arguments: assumeRoleCases.indices)
    func assumeRole(_ index: Int) {
        let testCase = Self.assumeRoleCases[index]
        let docs = testCase["docs"] as? String ?? "?"
        let input = testCase["input"] as? [String: Any] ?? [:]
        let file = ProfileFile(
            profiles: input["profiles"] as? [String: [String: String]] ?? [:],
            ssoSessions: input["sso_sessions"] as? [String: [String: String]] ?? [:])
        let selected = input["selected_profile"] as? String ?? "default"
        let output = testCase["output"] as? [String: Any] ?? [:]
        let result = Result { () throws(CredentialsError) in try ProfileChain.resolve(profile: selected, in: file) }
        if let expected = output["Error"] as? String {
            guard case .failure(let error) = result else {
                Issue.record("\(docs): resolved, expected an error containing \(expected)")
                return
            }
            #expect(error.message.contains(expected), "\(docs): \(error)")
            return
        }
        guard case .success(let chain) = result else {
            Issue.record("\(docs): \(result)")
            return
        }
        let expected = output["ProfileChain"] as? [[String: Any]] ?? []
        let actual = Self.render(chain)
        #expect(actual.count == expected.count, "\(docs)")
        for (got, want) in zip(actual, expected) {
            #expect(
                NSDictionary(dictionary: got).isEqual(to: Self.withoutAccountID(want)), "\(docs): \(got) vs \(want)")
        }
    }

    /// The chain in the cases' JSON shape. `account_id` (`aws_account_id`) is not part of a chain here: the
    /// library reads no account ID from profiles, so it is left out of the comparison.
    static func render(_ chain: ProfileChain) -> [[String: Any]] {
        var steps: [[String: Any]] = []
        switch chain.base {
        case .staticKeys(_, let credentials):
            steps.append([
                "AccessKey": [
                    "access_key_id": credentials.accessKeyID, "secret_access_key": credentials.secretAccessKey,
                ]
            ])
        case .namedSource(let name): steps.append(["NamedSource": name])
        case .webIdentity(let role, let file, let session):
            var fields = ["role_arn": role, "web_identity_token_file": file]
            fields["role_session_name"] = session
            steps.append(["WebIdentityToken": fields])
        case .sso(let settings):
            var fields: [String: String] = [:]
            fields["sso_session"] = settings.session
            fields["sso_region"] = settings.region
            fields["sso_start_url"] = settings.startURL
            fields["sso_account_id"] = settings.accountID
            fields["sso_role_name"] = settings.roleName
            steps.append(["Sso": fields])
        case .process(let command): steps.append(["CredentialProcess": command])
        }
        for role in chain.roles {
            var fields = ["role_arn": role.roleARN]
            fields["role_session_name"] = role.sessionName
            fields["external_id"] = role.externalID
            steps.append(["AssumeRole": fields])
        }
        return steps
    }

    static func withoutAccountID(_ step: [String: Any]) -> [String: Any] {
        guard var keys = step["AccessKey"] as? [String: String] else { return step }
        keys["account_id"] = nil
        return ["AccessKey": keys]
    }

    @Test("ECS container endpoint", arguments: ecsCases.indices)
    func ecs(_ index: Int) {
        let testCase = Self.ecsCases[index]
        let environment = testCase["env"] as? [String: String] ?? [:]
        let result = testCase["result"] as? [String: String] ?? [:]
        let outcome = Result { () throws(CredentialsError) in
            try ContainerCredentialsProvider.endpointURL(environment: environment)
        }
        switch (outcome, result["Ok"], result["ErrorContains"]) {
        case (.success(let url), let expected?, nil): #expect(url == expected, "\(testCase["docs"] ?? "")")
        case (.failure(let error), nil, let expected?):
            #expect(error.message.contains(expected), "\(testCase["docs"] ?? ""): \(error)")
        default: Issue.record("\(testCase["docs"] ?? ""): \(outcome) vs \(result)")
        }
    }

    @Test("IMDS endpoint", arguments: imdsCases.indices)
    func imds(_ index: Int) throws {
        let testCase = Self.imdsCases[index]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eic-imds-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in testCase["fs"] as? [String: String] ?? [:] {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var environment = testCase["env"] as? [String: String] ?? [:]
        for key in ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] {
            environment[key] = directory.appendingPathComponent(environment[key] ?? "absent-\(key)").path
        }
        let result = testCase["result"] as? [String: String] ?? [:]
        let shared = try SharedConfiguration.load(environment: environment)
        let outcome = Result { () throws(CredentialsError) in
            try InstanceMetadataCredentialsProvider.endpoint(
                environment: environment, shared: shared, endpointOverride: testCase["endpoint_override"] as? String,
                modeOverride: testCase["mode_override"] as? String) + "/latest/api/token"
        }
        switch (outcome, result["Ok"], result["Err"]) {
        case (.success(let url), let expected?, nil): #expect(url == expected, "\(testCase["docs"] ?? "")")
        case (.failure(let error), nil, let expected?):
            #expect(error.message.contains(expected), "\(testCase["docs"] ?? ""): \(error)")
        default: Issue.record("\(testCase["docs"] ?? ""): \(outcome) vs \(result)")
        }
    }

    @Test("configured endpoint URLs")
    func configuredEndpoints() throws {
        let json = try ConformanceData.json("botocore/configured_endpoint_urls_profile-tests.json")
        let suite = try #require(((json as? [String: Any])?["testSuites"] as? [[String: Any]])?.first)
        let profiles = suite["profiles"] as? [String: [String: String]] ?? [:]
        var services: [String: [String: String]] = [:]
        for (section, entries) in suite["services"] as? [String: [String: [String: String]]] ?? [:] {
            services[section] = entries.mapValues { fields in
                fields.sorted { $0.key < $1.key }.map { "\n\($0.key) = \($0.value)" }.joined()
            }
        }
        let file = ProfileFile(profiles: profiles, services: services)
        let clientConfigs = suite["client_configs"] as? [String: [String: Any]] ?? [:]
        let environments = suite["environments"] as? [String: [String: String]] ?? [:]
        let tests = suite["endpointUrlTests"] as? [[String: Any]] ?? []
        #expect(tests.count == 39)
        for test in tests {
            let name = test["name"] as? String ?? "?"
            let profileName = test["profile"] as? String ?? "default"
            let client = clientConfigs[test["client_config"] as? String ?? ""] ?? [:]
            let environment = environments[test["environment"] as? String ?? ""] ?? [:]
            let shared = SharedConfiguration(file: file, profileName: profileName, environment: environment)
            let region = profiles[profileName]?["region"]
            let endpoint = try Endpoint.resolve(
                service: Endpoint.Service(identifier: test["service"] as? String ?? ""), region: region,
                override: client["endpoint_url"] as? String, environment: environment, shared: shared,
                ignoreConfiguredEndpoints: client["ignore_configured_endpoint_urls"] as? Bool ?? false)
            let expected = (test["output"] as? [String: String])?["endpointUrl"]
            #expect(endpoint.description == expected, "\(name)")
        }
    }
}
