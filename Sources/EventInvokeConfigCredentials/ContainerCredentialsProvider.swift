import EventInvokeConfigARN
import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
public import Foundation
import HTTPTypes

/// Credentials from the container credentials endpoint: ECS and Fargate task roles
/// (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, served at `http://169.254.170.2`) and EKS Pod Identity
/// (`AWS_CONTAINER_CREDENTIALS_FULL_URI` with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`).
///
/// A full URI may be `https` anywhere; plain `http` only to a loopback host or the container hosts
/// `169.254.170.2`, `169.254.170.23` and `fd00:ec2::23`. The authorization token file is read again at every
/// fetch (EKS rotates it); a token with CR or LF is refused.
public struct ContainerCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    private let environment: [String: String]
    private let transport: any HTTPTransport
    /// The longest one attempt may take (there is one retry).
    public let timeout: Duration

    /// Creates a provider reading `environment` at each fetch.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, transport: any HTTPTransport,
        timeout: Duration = .seconds(5)
    ) {
        self.environment = environment
        self.transport = transport
        self.timeout = timeout
    }

    /// The URL credentials are fetched from.
    ///
    /// - Throws: ``CredentialsError`` with code `notConfigured` when neither variable is set, and
    ///   `invalidConfiguration` for a URI without host or a plain-http URI to another host.
    public static func endpointURL(environment: [String: String]) throws(CredentialsError) -> String {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            return "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else {
            throw CredentialsError(
                .notConfigured, provider: "container",
                message: "No environment variables were set to configure ECS provider "
                    + "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI)")
        }
        let url = try MetadataURL(full, field: "AWS_CONTAINER_CREDENTIALS_FULL_URI", provider: "container")
        if url.scheme == "http" {
            let allowed = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]
            guard Endpoint.isLoopback(url.authority) || allowed.contains(url.host.lowercased()) else {
                throw CredentialsError(
                    .invalidConfiguration, provider: "container",
                    message: "AWS_CONTAINER_CREDENTIALS_FULL_URI \(DisplayText.quoted(full)) uses plain http to "
                        + "\(DisplayText.quoted(url.host)); http is allowed only to loopback, 169.254.170.2, "
                        + "169.254.170.23 or fd00:ec2::23 (use https)")
            }
        }
        return full
    }

    /// Fetches credentials from the endpoint.
    ///
    /// - Throws: ``CredentialsError``.
    public func credentials() async throws -> Credentials {
        let url = try MetadataURL(
            try Self.endpointURL(environment: environment), field: "container URI", provider: "container")
        var head = HTTPRequest(method: .get, scheme: url.scheme, authority: url.authority, path: url.pathAndQuery)
        head.headerFields[.accept] = "application/json"
        if let token = try authorizationToken() { head.headerFields[.authorization] = token }
        let response = try await CredentialsHTTP.sendWithRetry(
            head, timeout: timeout, transport: transport, provider: "container", operation: "GET container credentials")
        guard response.head.status.kind == .successful else {
            throw CredentialsError(
                .providerFailed, provider: "container",
                message: "\(url.display) answered \(response.head.status.code): "
                    + CredentialsHTTP.excerpt(response.body))
        }
        return try CredentialDocument.credentials(from: response.body, provider: "container")
    }

    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read now), else `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
    private func authorizationToken() throws(CredentialsError) -> String? {
        let token: String
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            token = try TokenFile.read(path, provider: "container", what: "authorization token")
        } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
            token = value
        } else {
            return nil
        }
        guard !token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            throw CredentialsError(
                .invalidConfiguration, provider: "container",
                message: "the container authorization token contains a CR or LF; it would split the HTTP header")
        }
        return token
    }

    /// Names the source only.
    public var description: String { "ContainerCredentialsProvider" }
}

/// A metadata endpoint URL split into the parts a request needs (parsed by ``URLParts``).
struct MetadataURL: Sendable {
    var scheme: String
    var host: String
    var authority: String
    var pathAndQuery: String
    var display: String

    init(_ text: String, field: String, provider: String) throws(CredentialsError) {
        func failure(_ reason: String) -> CredentialsError {
            CredentialsError(
                .invalidConfiguration, provider: provider,
                message: "\(field) \(DisplayText.quoted(text)) is not a URL: \(reason)")
        }
        guard !text.contains(where: { $0 == " " || $0.isNewline || $0 == "\t" }) else {
            throw failure("invalid uri character")
        }
        guard let parts = URLParts(text), !parts.host.isEmpty else {
            // Parsed again only to say which of the two it was.
            throw failure(URLComponents(string: text) == nil ? "invalid uri character" : "URI did not specify a host")
        }
        let scheme = parts.scheme
        guard scheme == "http" || scheme == "https" else { throw failure("the scheme is neither http nor https") }
        self.scheme = scheme
        self.host = parts.host
        self.authority = parts.authority
        let path = parts.path
        self.pathAndQuery = (path.isEmpty ? "/" : path) + (parts.query.map { "?" + $0 } ?? "")
        self.display = "\(scheme)://\(authority)\(path)"
    }
}

extension ContainerCredentialsProvider: RedactedDescription {}
