import EventInvokeConfigARN
public import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
public import Foundation
public import Logging

/// The credentials of a profile: static keys, `credential_process`, IAM Identity Center, a web identity, or a
/// named source, followed by the roles of its `role_arn` / `source_profile` chain.
public struct ProfileCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    /// The resolved chain.
    public let chain: ProfileChain
    /// The profile.
    public let profileName: String
    private let provider: any CredentialsProvider

    /// Resolves the selected profile of `shared` into providers.
    ///
    /// - Throws: ``CredentialsError``: `notConfigured` when the profile does not exist (and was not named
    ///   explicitly) or holds no credentials; `invalidConfiguration` for a broken chain.
    public init(
        shared: SharedConfiguration, transport: any HTTPTransport, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(CredentialsError) {
        let name = shared.profileName
        if shared.profile == nil {
            let files = [shared.locations.config, shared.locations.credentials].joined(separator: " and ")
            throw CredentialsError(
                shared.profileIsExplicit ? .invalidConfiguration : .notConfigured, provider: "profile \(name)",
                message: "the profile `\(name)` is not defined in \(files)")
        }
        let chain = try ProfileChain.resolve(profile: name, in: shared.file)
        let environment = shared.environment
        // Resolved once for every role of the chain (and not at all without one).
        var resolvedSTS: STSClient?
        var sts: STSClient {
            get throws(CredentialsError) {
                if let resolvedSTS { return resolvedSTS }
                let client = try STSClient.resolving(shared: shared, transport: transport, clock: clock)
                resolvedSTS = client
                return client
            }
        }
        var provider: any CredentialsProvider
        switch chain.base {
        case .staticKeys(_, let credentials): provider = StaticCredentialsProvider(credentials)
        case .namedSource("Environment"): provider = EnvironmentCredentialsProvider(environment: environment)
        case .namedSource("EcsContainer"):
            provider = ContainerCredentialsProvider(environment: environment, transport: transport)
        case .namedSource:
            provider = try InstanceMetadataCredentialsProvider(
                environment: environment, shared: shared, transport: transport)
        case .webIdentity(let roleARN, let tokenFile, let sessionName):
            provider = WebIdentityCredentialsProvider(
                roleARN: roleARN, tokenFile: tokenFile, sessionName: sessionName, sts: try sts)
        case .sso(let settings):
            provider = try SSOCredentialsProvider(
                settings: settings, profileName: name, cacheDirectory: shared.locations.ssoCache,
                environment: environment, shared: shared, transport: transport, clock: clock)
        case .process(let command): provider = ProcessCredentialsProvider(command: command)
        }
        for role in chain.roles {
            provider = AssumeRoleCredentialsProvider(
                roleARN: role.roleARN, source: provider, sts: try sts, sessionName: role.sessionName,
                externalID: role.externalID, durationSeconds: role.durationSeconds)
        }
        self.chain = chain
        self.profileName = name
        self.provider = provider
    }

    /// Fetches the profile's credentials (running its whole chain).
    ///
    /// - Throws: ``CredentialsError`` from the step that failed.
    public func credentials() async throws -> Credentials { try await provider.credentials() }

    /// The profile and its providers, never a secret.
    public var description: String { "ProfileCredentialsProvider(\(profileName): \(provider))" }
}

/// The AWS default credential provider chain, cached: the first of these that is configured supplies the
/// credentials, and keeps supplying them (refreshed ahead of expiry, one refresh at a time):
///
/// 1. the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (passed over when a
///    profile is named in code, as `aws --profile` passes them over);
/// 2. the shared config and credentials files: the profile named in code, else `AWS_PROFILE`, else `default`
///    (static keys, `credential_process`, roles, web identity, IAM Identity Center);
/// 3. a web identity: `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` (EKS IAM roles for service accounts);
/// 4. the container endpoint: ECS and Fargate task roles, EKS Pod Identity;
/// 5. the EC2 instance metadata service (IMDSv2), unless `AWS_EC2_METADATA_DISABLED=true`.
///
/// A provider that is configured but fails (a malformed file, STS refusing the role) stops the chain with its
/// error; when none is configured, the error lists every provider and why it was passed over.
///
/// ```swift
/// let credentials = DefaultCredentialsProvider(transport: URLSessionTransport())
/// ```
public final class DefaultCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    private let resolver: ChainResolver
    private let cache: CachedCredentialsProvider

    /// Creates the chain; nothing is read until credentials are first asked for.
    ///
    /// - Parameters:
    ///   - profile: the profile to use (like `--profile`); `nil` for `AWS_PROFILE`, else `default`.
    ///   - environment: the environment to read (the process's by default).
    ///   - sharedConfiguration: the config files already read for this profile and environment (as
    ///     `Configuration.fromEnvironment` has them), so they are not read again; `nil` reads them at the first
    ///     request that gets to the profile step.
    ///   - transport: sends the STS, SSO, container and instance-metadata requests.
    ///   - logger: warnings about failed refreshes; never a secret.
    ///   - clock: the wall clock; replace in tests.
    public init(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        sharedConfiguration: SharedConfiguration? = nil, transport: any HTTPTransport,
        logger: Logger = Logger(label: "event-invoke-config.credentials", factory: { _ in SwiftLogNoOpLogHandler() }),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        resolver = ChainResolver(
            profile: profile, environment: environment, shared: sharedConfiguration, transport: transport, clock: clock)
        cache = CachedCredentialsProvider(resolver, clock: clock, logger: logger)
    }

    /// Credentials from the first configured provider, cached.
    ///
    /// - Throws: ``CredentialsError``: `noneFound` (with every provider's reason) or the failing provider's error.
    public func credentials() async throws -> Credentials { try await cache.credentials() }

    /// Which provider supplied the credentials (`environment`, `profile dev (…)`, `container`, …); `nil` before
    /// the first successful call.
    public func source() async -> String? { await resolver.selectedName }

    /// Names the chain only.
    public var description: String { "DefaultCredentialsProvider" }
}

/// Finds the first configured provider and sticks to it.
actor ChainResolver: CredentialsProvider {
    private let profile: String?
    private let environment: [String: String]
    private let transport: any HTTPTransport
    private let clock: @Sendable () -> Date
    private(set) var selectedName: String?
    private var selected: (any CredentialsProvider)?
    /// The config files, read once (or given).
    private var shared: SharedConfiguration?

    init(
        profile: String?, environment: [String: String], shared: SharedConfiguration?, transport: any HTTPTransport,
        clock: @escaping @Sendable () -> Date
    ) {
        self.profile = profile
        self.environment = environment
        self.shared = shared
        self.transport = transport
        self.clock = clock
    }

    /// The config files: as given, or read now (once).
    private func sharedConfiguration() throws(CredentialsError) -> SharedConfiguration {
        if let shared { return shared }
        let loaded: SharedConfiguration
        do throws(ProfileFileError) {
            loaded = try SharedConfiguration.load(profile: profile, environment: environment)
        } catch {
            throw CredentialsError(.invalidConfiguration, provider: "profile", message: error.description)
        }
        shared = loaded
        return loaded
    }

    func credentials() async throws -> Credentials {
        if let selected { return try await selected.credentials() }
        var attempts: [CredentialsError.Attempt] = []
        for step in Step.allCases {
            let provider: any CredentialsProvider
            switch Result(catching: { () throws(CredentialsError) in try make(step) }) {
            case .success(let made): provider = made
            case .failure(let error):
                guard error.code == .notConfigured else { throw error }
                attempts.append(CredentialsError.Attempt(provider: error.provider, reason: error.message))
                continue
            }
            do {
                let credentials = try await provider.credentials()
                selected = provider
                selectedName = step == .profile ? "profile \(shared?.profileName ?? "default")" : step.rawValue
                return credentials
            } catch let error as CredentialsError where step == .imds && error.code == .unreachable {
                attempts.append(
                    CredentialsError.Attempt(provider: "imds", reason: "no instance metadata service: \(error.message)")
                )
            }
        }
        throw CredentialsError(
            .noneFound, provider: "default chain",
            message: "no credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, configure a profile "
                + "(aws configure, aws sso login) or run where a role is attached. Tried:",
            attempts: attempts)
    }

    private enum Step: String, CaseIterable {
        case environment, profile
        case webIdentity = "web identity"
        case container, imds
    }

    /// The provider of one step, or a `notConfigured` error saying why there is none.
    private func make(_ step: Step) throws(CredentialsError) -> any CredentialsProvider {
        switch step {
        case .environment:
            // A profile named in code (`--profile`) wins over keys in the environment, as in the AWS CLI;
            // `AWS_PROFILE` does not.
            if let profile {
                throw CredentialsError(
                    .notConfigured, provider: "environment",
                    message: "not used: the profile `\(profile)` was named explicitly")
            }
            return StaticCredentialsProvider(try EnvironmentCredentialsProvider(environment: environment).resolve())
        case .profile:
            let loaded = try sharedConfiguration()
            if loaded.filesFound.isEmpty && !loaded.profileIsExplicit {
                throw CredentialsError(
                    .notConfigured, provider: "profile",
                    message: "neither \(loaded.locations.config) nor \(loaded.locations.credentials) exists")
            }
            return try ProfileCredentialsProvider(shared: loaded, transport: transport, clock: clock)
        case .webIdentity:
            // The files were read (or refused, which ended the chain) at the profile step. STS is resolved only
            // when the environment configures web identity.
            return try WebIdentityCredentialsProvider.fromEnvironment(
                environment,
                sts: try STSClient.resolving(shared: try sharedConfiguration(), transport: transport, clock: clock))
        case .container:
            _ = try ContainerCredentialsProvider.endpointURL(environment: environment)
            return ContainerCredentialsProvider(environment: environment, transport: transport)
        case .imds:
            return try InstanceMetadataCredentialsProvider(
                environment: environment, shared: try sharedConfiguration(), transport: transport)
        }
    }
}

extension ProfileCredentialsProvider: RedactedDescription {}

extension DefaultCredentialsProvider: RedactedDescription {}
