import EventInvokeConfigARN
public import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4

/// What a profile's credentials are made of: a base source, then roles assumed one after the other.
///
/// `role_arn` + `source_profile` chains of any depth resolve to the source's base and one ``Role`` per profile;
/// a source profile with static keys ends the chain there (its own `role_arn` is not assumed), as in every AWS SDK.
public struct ProfileChain: Sendable, Hashable {
    /// Where the first credentials come from.
    public enum Base: Sendable, Hashable {
        /// `aws_access_key_id`, `aws_secret_access_key`, optional `aws_session_token` of a profile (the
        /// credentials print redacted).
        case staticKeys(profile: String, credentials: Credentials)
        /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
        case namedSource(String)
        /// `role_arn` + `web_identity_token_file` (STS AssumeRoleWithWebIdentity).
        case webIdentity(roleARN: String, tokenFile: String, sessionName: String?)
        /// IAM Identity Center: `sso_session` (or the legacy `sso_start_url`, `sso_region`) with
        /// `sso_account_id` and `sso_role_name`.
        case sso(SSOSettings)
        /// `credential_process`: a command that prints credentials as JSON.
        case process(command: String)
    }

    /// A role assumed with the credentials before it (STS AssumeRole).
    public struct Role: Sendable, Hashable {
        /// The profile that names the role.
        public var profile: String
        /// `role_arn`.
        public var roleARN: String
        /// `external_id`.
        public var externalID: String?
        /// `role_session_name`.
        public var sessionName: String?
        /// `duration_seconds`.
        public var durationSeconds: Int?
    }

    /// The first credentials.
    public var base: Base
    /// The roles to assume in order (the selected profile's last).
    public var roles: [Role]

    /// Resolves the chain of `profileName` in `file`.
    ///
    /// - Throws: ``CredentialsError`` with code `invalidConfiguration` for a missing profile or source profile, a
    ///   cycle, contradictory or incomplete settings; `notConfigured` when the profile holds no credential
    ///   settings at all.
    public static func resolve(
        profile profileName: String, in file: ProfileFile
    ) throws(CredentialsError)
        -> ProfileChain
    {
        func failure(_ message: String, _ code: CredentialsError.Code = .invalidConfiguration) -> CredentialsError {
            CredentialsError(code, provider: "profile \(profileName)", message: message)
        }
        guard !file.profiles.isEmpty else { throw failure("No profiles were defined", .notConfigured) }
        var roles: [Role] = []
        var visited: Set<String> = []
        var name = profileName
        var isSource = false
        while true {
            guard let profile = file.profiles[name] else {
                if isSource, let referrer = roles.last?.profile {
                    throw failure("could not find source profile \(name) referenced from \(referrer)")
                }
                throw failure("profile `\(name)` was not defined", .notConfigured)
            }
            guard visited.insert(name).inserted else {
                throw failure(
                    "profile formed an infinite loop: "
                        + (roles.map(\.profile) + [name]).joined(separator: " -> "))
            }
            // A source profile with static keys ends the chain, even when it names a role of its own.
            if isSource, profile["aws_access_key_id"] != nil {
                return ProfileChain(
                    base: try staticKeys(profile, name: name) { failure($0) }, roles: roles.reversed())
            }
            guard let roleARN = profile["role_arn"] else {
                let base: Base
                do {
                    base = try self.base(of: profile, name: name, in: file, failure)
                } catch  where isSource && error.code == .notConfigured {
                    // A source profile without credentials is a broken chain, not "nothing configured".
                    throw failure(error.message)
                }
                return ProfileChain(base: base, roles: roles.reversed())
            }
            if let tokenFile = profile["web_identity_token_file"] {
                let base = Base.webIdentity(
                    roleARN: roleARN, tokenFile: tokenFile, sessionName: profile["role_session_name"])
                return ProfileChain(base: base, roles: roles.reversed())
            }
            if profile["mfa_serial"] != nil {
                throw failure(
                    "profile `\(name)` sets mfa_serial: assuming its role needs a one-time code typed at a prompt, "
                        + "which a library cannot ask for; run `aws sts assume-role` (or aws-vault) and pass the "
                        + "temporary credentials in the environment")
            }
            let source = profile["source_profile"]
            let named = profile["credential_source"]
            if source != nil, named != nil {
                throw failure("profile contained both source_profile and credential_source (profile `\(name)`)")
            }
            var duration: Int?
            if let text = profile["duration_seconds"] {
                guard let seconds = Int(text), (900...43_200).contains(seconds) else {
                    throw failure(
                        "duration_seconds of profile `\(name)` is \(DisplayText.quoted(text)); it must be a whole "
                            + "number of seconds from 900 to 43200")
                }
                duration = seconds
            }
            roles.append(
                Role(
                    profile: name, roleARN: roleARN, externalID: profile["external_id"],
                    sessionName: profile["role_session_name"], durationSeconds: duration))
            if let named {
                guard ["Environment", "Ec2InstanceMetadata", "EcsContainer"].contains(named) else {
                    throw failure(
                        "credential_source \(DisplayText.quoted(named)) of profile `\(name)` is not one of "
                            + "Environment, Ec2InstanceMetadata, EcsContainer")
                }
                return ProfileChain(base: .namedSource(named), roles: roles.reversed())
            }
            guard let source else {
                throw failure(
                    "profile must contain `source_profile` or `credential_source` with `role_arn` (profile `\(name)`)")
            }
            if source == name {
                // A profile that is its own source: its static keys, then its role.
                return ProfileChain(
                    base: try staticKeys(profile, name: name) { failure($0) }, roles: roles.reversed())
            }
            name = source
            isSource = true
        }
    }

    /// The base of a profile without `role_arn`.
    private static func base(
        of profile: [String: String], name: String, in file: ProfileFile,
        _ failure: (String, CredentialsError.Code) -> CredentialsError
    ) throws(CredentialsError) -> Base {
        if profile["web_identity_token_file"] != nil {
            throw failure(
                "`role_arn` was missing beside web_identity_token_file (profile `\(name)`)", .invalidConfiguration)
        }
        if let sso = try SSOSettings(profile: profile, name: name, in: file) { return .sso(sso) }
        if let command = profile["credential_process"], !command.isEmpty { return .process(command: command) }
        if profile["aws_access_key_id"] != nil || profile["aws_secret_access_key"] != nil {
            return try staticKeys(profile, name: name) { failure($0, .invalidConfiguration) }
        }
        throw failure("profile `\(name)` did not contain credential information", .notConfigured)
    }

    private static func staticKeys(
        _ profile: [String: String], name: String, _ failure: (String) -> CredentialsError
    ) throws(CredentialsError) -> Base {
        guard let key = profile["aws_access_key_id"], !key.isEmpty else {
            throw failure(
                profile.isEmpty || profile["aws_secret_access_key"] == nil
                    ? "profile `\(name)` did not contain credential information"
                    : "profile missing aws_access_key_id (profile `\(name)`)")
        }
        guard let secret = profile["aws_secret_access_key"], !secret.isEmpty else {
            throw failure("profile missing aws_secret_access_key (profile `\(name)`)")
        }
        let token = profile["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
        return .staticKeys(
            profile: name, credentials: Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token))
    }
}

/// The IAM Identity Center settings of a profile, with its `[sso-session]` merged in.
public struct SSOSettings: Sendable, Hashable {
    /// `sso_session`, when the profile uses one (the token cache is keyed by it); `nil` for the legacy keys.
    public var session: String?
    /// `sso_start_url` (the token cache of the legacy form is keyed by it).
    public var startURL: String?
    /// `sso_region`: where the portal is.
    public var region: String?
    /// `sso_account_id`.
    public var accountID: String?
    /// `sso_role_name`.
    public var roleName: String?

    /// Reads the SSO settings of a profile; `nil` when it has none.
    init?(profile: [String: String], name: String, in file: ProfileFile) throws(CredentialsError) {
        let keys = ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"]
        guard keys.contains(where: { profile[$0] != nil }) else { return nil }
        func failure(_ message: String) -> CredentialsError {
            CredentialsError(.invalidConfiguration, provider: "profile \(name)", message: message)
        }
        accountID = profile["sso_account_id"]
        roleName = profile["sso_role_name"]
        if roleName != nil, accountID == nil {
            throw failure("if `sso_role_name` is set, then `sso_account_id` must also be set (profile `\(name)`)")
        }
        if accountID != nil, roleName == nil {
            throw failure("if `sso_account_id` is set, then `sso_role_name` must also be set (profile `\(name)`)")
        }
        if let sessionName = profile["sso_session"] {
            guard let section = file.ssoSessions[sessionName] else {
                throw failure("sso-session named `\(sessionName)` (referenced by profile `\(name)`) was not found")
            }
            for key in ["sso_region", "sso_start_url"] {
                if let value = profile[key], value != section[key] {
                    throw failure(
                        "`\(key)` can only be specified in the [sso-session] config when a session name is given "
                            + "(profile `\(name)`, sso-session `\(sessionName)`)")
                }
            }
            session = sessionName
            region = section["sso_region"]
            startURL = section["sso_start_url"]
        } else {
            session = nil
            region = profile["sso_region"]
            startURL = profile["sso_start_url"]
        }
    }
}

extension ProfileChain: RedactedDescription {
    /// The base (static keys masked, a `credential_process` command redacted) and the roles, in order.
    public var description: String {
        let base =
            switch base {
            case .staticKeys(let profile, let credentials): "static keys of profile \(profile): \(credentials)"
            case .namedSource(let source): "credential_source \(source)"
            case .webIdentity(let roleARN, let tokenFile, _): "web identity \(roleARN), token file \(tokenFile)"
            case .sso(let settings): "IAM Identity Center, role \(settings.roleName ?? "-")"
            case .process: "credential_process \(Redaction.placeholder)"
            }
        return "ProfileChain(\(base)" + roles.map { " -> \($0.roleARN) (profile \($0.profile))" }.joined() + ")"
    }

}
