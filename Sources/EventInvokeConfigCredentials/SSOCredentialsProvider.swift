import EventInvokeConfigARN
public import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
public import Foundation
import HTTPTypes

/// Role credentials from IAM Identity Center (SSO), with the access token that `aws sso login` cached.
///
/// The token is read from `~/.aws/sso/cache/SHA1(KEY).json` — KEY is the `sso_session` name, or the
/// `sso_start_url` for profiles with the legacy keys — and exchanged at the portal
/// (`GET https://portal.sso.REGION.amazonaws.com/federation/credentials`) for the account role's credentials.
/// There is no login flow here: a missing or expired token is an error that says to run
/// `aws sso login --profile NAME`.
public struct SSOCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    /// The settings of the profile.
    public let settings: SSOSettings
    /// The profile, named in errors (`aws sso login --profile NAME`).
    public let profileName: String
    private let cacheDirectory: String
    private let portal: Endpoint
    private let transport: any HTTPTransport
    private let clock: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - cacheDirectory: where the AWS CLI keeps tokens (``FileLocations/ssoCache``).
    ///   - portal: the portal endpoint; `nil` resolves it for `sso_region` (`AWS_ENDPOINT_URL_SSO` and the
    ///     profile's configured endpoints apply).
    /// - Throws: ``CredentialsError`` with code `invalidConfiguration` for settings without account, role or
    ///   region.
    public init(
        settings: SSOSettings, profileName: String, cacheDirectory: String, portal: Endpoint? = nil,
        environment: [String: String] = [:], shared: SharedConfiguration? = nil, transport: any HTTPTransport,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(CredentialsError) {
        func failure(_ message: String) -> CredentialsError {
            CredentialsError(.invalidConfiguration, provider: "sso (profile \(profileName))", message: message)
        }
        guard settings.accountID != nil, settings.roleName != nil else {
            throw failure("the profile names no sso_account_id and sso_role_name to get credentials for")
        }
        guard let region = settings.region else { throw failure("sso_region is not set") }
        guard settings.session != nil || settings.startURL != nil else { throw failure("sso_start_url is not set") }
        self.settings = settings
        self.profileName = profileName
        self.cacheDirectory = cacheDirectory
        if let portal {
            self.portal = portal
        } else {
            do throws(InvalidValueError) {
                self.portal = try Endpoint.resolve(
                    service: .sso, region: region, environment: environment, shared: shared)
            } catch {
                throw failure(error.description)
            }
        }
        self.transport = transport
        self.clock = clock
    }

    /// The token cache file for these settings.
    public var cacheFile: String {
        let key = settings.session ?? settings.startURL ?? ""
        return cacheDirectory + "/" + Hashing.sha1Hex(Array(key.utf8)) + ".json"
    }

    /// Exchanges the cached token for role credentials.
    ///
    /// - Throws: ``CredentialsError``: `expired` for a missing or expired token (run `aws sso login`),
    ///   `providerFailed` for the portal's refusal.
    public func credentials() async throws -> Credentials {
        let provider = "sso (profile \(profileName))"
        let login = "run `aws sso login --profile \(profileName)`"
        guard FileManager.default.fileExists(atPath: cacheFile) else {
            throw CredentialsError(
                .expired, provider: provider, message: "no SSO token is cached at \(cacheFile); \(login)")
        }
        let data: Data
        do throws(BoundedFile.Failure) {
            data = try BoundedFile.read(cacheFile, limit: BoundedFile.tokenLimit)
        } catch {
            throw CredentialsError(
                .expired, provider: provider,
                message: "the SSO token cache \(cacheFile) cannot be read (\(error.reason)); \(login)")
        }
        let token: CachedToken
        do {
            token = try JSONDecoder().decode(CachedToken.self, from: data)
        } catch {
            throw CredentialsError(
                .expired, provider: provider, message: "the SSO token cache \(cacheFile) is unreadable; \(login)")
        }
        guard let expiry = token.expiresAt.flatMap(Self.parseExpiry), clock() < expiry else {
            throw CredentialsError(
                .expired, provider: provider,
                message: "the SSO token in \(cacheFile) has expired"
                    + (token.expiresAt.map { " (\(DisplayText.escaped($0, limit: 40)))" } ?? "") + "; \(login)")
        }
        let query =
            "account_id=" + PercentEncoding.encoded(settings.accountID ?? "") + "&role_name="
            + PercentEncoding.encoded(settings.roleName ?? "")
        var head = CredentialsHTTP.head(.get, portal, path: "/federation/credentials?" + query)
        head.headerFields[fieldName("x-amz-sso_bearer_token")] = token.accessToken
        let response = try await CredentialsHTTP.send(
            head, timeout: .seconds(10), transport: transport, provider: provider, operation: "GetRoleCredentials")
        guard response.head.status.kind == .successful else {
            let hint = [401, 403].contains(response.head.status.code) ? "; \(login)" : ""
            throw CredentialsError(
                response.head.status.code == 401 ? .expired : .providerFailed, provider: provider,
                message: "GetRoleCredentials for role \(DisplayText.quoted(settings.roleName ?? "")) in account "
                    + "\(DisplayText.quoted(settings.accountID ?? "")) answered \(response.head.status.code): "
                    + CredentialsHTTP.excerpt(response.body) + hint)
        }
        guard let answer = try? JSONDecoder().decode(RoleCredentialsAnswer.self, from: response.body),
            let role = answer.roleCredentials, let key = role.accessKeyId, let secret = role.secretAccessKey
        else {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "the GetRoleCredentials answer (\(response.body.count) bytes) has no roleCredentials")
        }
        return Credentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: role.sessionToken,
            expiration: role.expiration.map { Date(timeIntervalSince1970: $0 / 1000) })
    }

    /// `2026-12-07T10:00:00Z`, or the AWS CLI v1's `2026-12-07T10:00:00UTC`.
    static func parseExpiry(_ text: String) -> Date? {
        Timestamp.parseISO8601(text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text)
    }

    private struct CachedToken: Decodable {
        var accessToken: String
        var expiresAt: String?
    }

    private struct RoleCredentialsAnswer: Decodable {
        struct Role: Decodable {
            var accessKeyId: String?
            var secretAccessKey: String?
            var sessionToken: String?
            var expiration: Double?
        }
        var roleCredentials: Role?
    }

    /// Names the profile and role only.
    public var description: String {
        "SSOCredentialsProvider(profile: \(profileName), role: \(settings.roleName ?? "-"))"
    }
}

extension SSOCredentialsProvider: RedactedDescription {}
