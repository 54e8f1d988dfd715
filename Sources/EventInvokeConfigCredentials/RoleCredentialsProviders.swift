import EventInvokeConfigARN
import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
import Foundation

/// Credentials of a role, assumed with STS AssumeRole using another provider's credentials.
public struct AssumeRoleCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    /// The credentials that assume the role.
    public let source: any CredentialsProvider
    /// The role.
    public let roleARN: String
    /// The session name (default `eic-` and the time in milliseconds).
    public let sessionName: String?
    /// The external ID the role's trust policy asks for.
    public let externalID: String?
    /// The session's lifetime (STS's default, one hour, when `nil`).
    public let durationSeconds: Int?
    /// The STS endpoint.
    public let sts: STSClient

    /// Creates a provider.
    public init(
        roleARN: String, source: any CredentialsProvider, sts: STSClient, sessionName: String? = nil,
        externalID: String? = nil, durationSeconds: Int? = nil
    ) {
        self.roleARN = roleARN
        self.source = source
        self.sts = sts
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
    }

    /// Assumes the role.
    ///
    /// - Throws: the source's error, or ``CredentialsError`` from STS.
    public func credentials() async throws -> Credentials {
        let base = try await source.credentials()
        return try await sts.assumeRole(
            roleARN, sessionName: sessionName ?? defaultSessionName(sts.clock()), externalID: externalID,
            durationSeconds: durationSeconds, with: base)
    }

    /// Names the role and the source.
    public var description: String { "AssumeRoleCredentialsProvider(\(roleARN) <- \(source))" }
}

/// Credentials of a role for a web identity token (STS AssumeRoleWithWebIdentity): EKS IAM roles for service
/// accounts, GitHub Actions OIDC, …. The token file is read again at every fetch (EKS rotates it).
public struct WebIdentityCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    /// The role.
    public let roleARN: String
    /// The file holding the token.
    public let tokenFile: String
    /// The session name (default `eic-` and the time in milliseconds).
    public let sessionName: String?
    /// The STS endpoint.
    public let sts: STSClient

    /// Creates a provider.
    public init(roleARN: String, tokenFile: String, sessionName: String? = nil, sts: STSClient) {
        self.roleARN = roleARN
        self.tokenFile = tokenFile
        self.sessionName = sessionName
        self.sts = sts
    }

    /// `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and optionally `AWS_ROLE_SESSION_NAME`.
    ///
    /// `sts` is evaluated only when the variables configure web identity, so an STS endpoint that cannot be
    /// resolved is no error where web identity is not used.
    ///
    /// - Throws: ``CredentialsError`` with code `notConfigured` when the token file variable is not set,
    ///   `invalidConfiguration` when the role is missing, or what `sts` throws.
    public static func fromEnvironment(
        _ environment: [String: String], sts: @autoclosure () throws(CredentialsError) -> STSClient
    ) throws(CredentialsError)
        -> WebIdentityCredentialsProvider
    {
        guard let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty else {
            throw CredentialsError(
                .notConfigured, provider: "web identity", message: "AWS_WEB_IDENTITY_TOKEN_FILE is not set")
        }
        guard let role = environment["AWS_ROLE_ARN"], !role.isEmpty else {
            throw CredentialsError(
                .invalidConfiguration, provider: "web identity",
                message: "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        return WebIdentityCredentialsProvider(
            roleARN: role, tokenFile: file,
            sessionName: environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 }, sts: try sts())
    }

    /// Reads the token and exchanges it.
    ///
    /// - Throws: ``CredentialsError``.
    public func credentials() async throws -> Credentials {
        let token = try TokenFile.read(tokenFile, provider: "web identity", what: "web identity token")
        return try await sts.assumeRoleWithWebIdentity(
            roleARN, sessionName: sessionName ?? defaultSessionName(sts.clock()), token: token)
    }

    /// Names the role and the token file, never the token.
    public var description: String { "WebIdentityCredentialsProvider(\(roleARN), token file \(tokenFile))" }
}

/// `eic-1733558400000`: a session name for roles assumed without one configured.
func defaultSessionName(_ now: Date) -> String {
    "eic-\(Int64(now.timeIntervalSince1970 * 1000))"
}

extension AssumeRoleCredentialsProvider: RedactedDescription {}

extension WebIdentityCredentialsProvider: RedactedDescription {}
