import EventInvokeConfigARN
public import EventInvokeConfigAWSConfig
public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
public import Foundation
import HTTPTypes

/// Credentials of an EC2 instance's role from the instance metadata service, IMDSv2 only: a session token
/// (`PUT /latest/api/token`), the role name, then the role's credentials.
///
/// The endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the profile's `ec2_metadata_service_endpoint`, else
/// `http://169.254.169.254` (or `http://[fd00:ec2::254]` when `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` or the
/// profile's `ec2_metadata_service_endpoint_mode` is `IPv6`). `AWS_EC2_METADATA_DISABLED=true` turns it off. Each
/// request may take one second and is tried twice, so a machine that is not an instance is passed over quickly.
public struct InstanceMetadataCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    private let endpoint: String
    /// The endpoint, parsed once.
    private let url: MetadataURL
    private let transport: any HTTPTransport
    /// The longest one request may take.
    public let timeout: Duration
    /// The session token's lifetime asked for, in seconds.
    public let tokenTTL: Int

    /// Creates a provider for the endpoint ``endpoint(environment:shared:endpointOverride:modeOverride:)``
    /// resolves.
    ///
    /// - Throws: ``CredentialsError``: `notConfigured` when disabled, `invalidConfiguration` for a bad endpoint
    ///   or mode.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, shared: SharedConfiguration? = nil,
        transport: any HTTPTransport, timeout: Duration = .seconds(1), tokenTTL: Int = 21_600
    ) throws(CredentialsError) {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            throw CredentialsError(
                .notConfigured, provider: "imds", message: "disabled by AWS_EC2_METADATA_DISABLED=true")
        }
        self.endpoint = try Self.endpoint(environment: environment, shared: shared)
        self.url = try MetadataURL(endpoint, field: "imds endpoint", provider: "imds")
        self.transport = transport
        self.timeout = timeout
        self.tokenTTL = tokenTTL
    }

    /// The metadata service's base URL (without trailing slash).
    ///
    /// - Parameters:
    ///   - endpointOverride: an endpoint set in code; wins over everything.
    ///   - modeOverride: `IPv4` or `IPv6` set in code; loses to any configured endpoint.
    /// - Throws: ``CredentialsError`` with code `invalidConfiguration` for an endpoint that is not a URL or a mode
    ///   other than `IPv4` / `IPv6` (case-insensitive).
    public static func endpoint(
        environment: [String: String], shared: SharedConfiguration?, endpointOverride: String? = nil,
        modeOverride: String? = nil
    ) throws(CredentialsError) -> String {
        let profile = shared?.profile ?? [:]
        let configured: (String, String)? =
            endpointOverride.map { ($0, "endpoint") }
            ?? environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap {
                $0.isEmpty ? nil : ($0, "AWS_EC2_METADATA_SERVICE_ENDPOINT")
            }
            ?? profile["ec2_metadata_service_endpoint"].map { ($0, "ec2_metadata_service_endpoint") }
        if let (url, field) = configured {
            let parsed = try MetadataURL(url, field: field, provider: "imds")
            return parsed.scheme + "://" + parsed.authority + (parsed.pathAndQuery == "/" ? "" : parsed.pathAndQuery)
        }
        let mode =
            modeOverride
            ?? environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? profile["ec2_metadata_service_endpoint_mode"] ?? "IPv4"
        switch mode.lowercased() {
        case "ipv4": return "http://169.254.169.254"
        case "ipv6": return "http://[fd00:ec2::254]"
        default:
            throw CredentialsError(
                .invalidConfiguration, provider: "imds",
                message: "`\(DisplayText.escaped(mode, limit: 40))` is not a valid endpoint mode (IPv4 or IPv6)")
        }
    }

    /// Fetches the instance role's credentials.
    ///
    /// - Throws: ``CredentialsError``: `unreachable` when the service does not answer (not an instance),
    ///   `providerFailed` for an error answer or no role.
    public func credentials() async throws -> Credentials {
        func head(_ method: HTTPRequest.Method, _ path: String) -> HTTPRequest {
            let base = url.pathAndQuery == "/" ? "" : url.pathAndQuery
            return HTTPRequest(method: method, scheme: url.scheme, authority: url.authority, path: base + path)
        }
        var tokenRequest = head(.put, "/latest/api/token")
        tokenRequest.headerFields[Self.ttlHeader] = String(tokenTTL)
        let token = String(decoding: try await fetch(tokenRequest, "PUT /latest/api/token"), as: UTF8.self)
        guard !token.isEmpty, !token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            throw CredentialsError(.providerFailed, provider: "imds", message: "the session token answer is unusable")
        }
        let rolePath = "/latest/meta-data/iam/security-credentials/"
        var roleRequest = head(.get, rolePath)
        roleRequest.headerFields[Self.tokenHeader] = token
        let roles = String(decoding: try await fetch(roleRequest, "GET " + rolePath), as: UTF8.self)
        guard let role = roles.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            throw CredentialsError(
                .providerFailed, provider: "imds", message: "the instance has no IAM role (instance profile)")
        }
        var credentialsRequest = head(.get, rolePath + PercentEncoding.encoded(role))
        credentialsRequest.headerFields[Self.tokenHeader] = token
        let document = try await fetch(credentialsRequest, "GET " + rolePath + "ROLE")
        return try CredentialDocument.credentials(from: document, provider: "imds")
    }

    /// One request, tried twice on a transport failure or a 5xx; the body of a 2xx answer.
    private func fetch(_ head: HTTPRequest, _ operation: String) async throws(CredentialsError) -> Data {
        let response = try await CredentialsHTTP.sendWithRetry(
            head, timeout: timeout, transport: transport, provider: "imds", operation: operation)
        if response.head.status.kind == .successful { return response.body }
        if head.method == .put, [403, 404, 405].contains(response.head.status.code) {
            // No IMDSv2 here (a proxy or a service with the token API turned off): not an instance to ask.
            throw CredentialsError(
                .unreachable, provider: "imds",
                message: "\(operation) answered \(response.head.status.code): no IMDSv2 session token is offered")
        }
        throw CredentialsError(
            .providerFailed, provider: "imds",
            message: "\(operation) answered \(response.head.status.code)"
                + (response.head.status.code == 404 ? " (no IAM role is attached to the instance)" : ""))
    }

    private static let ttlHeader = fieldName("x-aws-ec2-metadata-token-ttl-seconds")
    private static let tokenHeader = fieldName("x-aws-ec2-metadata-token")

    /// Names the endpoint only.
    public var description: String { "InstanceMetadataCredentialsProvider(\(endpoint))" }
}

extension InstanceMetadataCredentialsProvider: RedactedDescription {}
