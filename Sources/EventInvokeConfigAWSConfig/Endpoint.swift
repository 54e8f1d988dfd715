public import EventInvokeConfigARN
import EventInvokeConfigCore
import Foundation

/// Where requests go: scheme, authority and an optional base path.
///
/// ``resolve(service:region:useFIPS:useDualStack:override:environment:shared:ignoreConfiguredEndpoints:allowInsecure:)``
/// applies the endpoint rules — `https://{service}[-fips].{region}.{dnsSuffix | dualStackDnsSuffix}` of the
/// region's partition — and the precedence of configured endpoints: the client's own endpoint, then
/// `AWS_ENDPOINT_URL_{SERVICE}`, `AWS_ENDPOINT_URL`, the config file's `[services]` section of the profile, the
/// profile's `endpoint_url` (all but the first ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` or the
/// profile's `ignore_configured_endpoint_urls = true`).
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `https`, or `http` for a loopback endpoint.
    public var scheme: String
    /// Host and optional port, e.g. `lambda.us-east-1.amazonaws.com` or `127.0.0.1:5000`.
    public var authority: String
    /// A path prefix of a custom endpoint, without trailing slash; usually empty.
    public var basePath: String

    /// The endpoint as a URL.
    public var description: String { "\(scheme)://\(authority)\(basePath)" }

    /// Parses a custom endpoint URL. Plain `http` is accepted only for loopback hosts unless `allowInsecure`.
    ///
    /// - Throws: ``InvalidValueError`` with code `invalidConfiguration`.
    public init(url: String, allowInsecure: Bool = false, field: String = "endpoint") throws(InvalidValueError) {
        func failure(_ reason: String) -> InvalidValueError {
            InvalidValueError(
                .invalidConfiguration, field: field, value: url, reason: reason,
                rule: "https://HOST[:PORT][/PATH], or http:// for 127.0.0.1, ::1 or localhost")
        }
        guard url.contains("://"), let parts = URLParts(url) else { throw failure("the URL has no scheme") }
        let scheme = parts.scheme
        let authority = parts.authority
        guard !authority.isEmpty, !parts.hasUserInfo else { throw failure("the URL has no host") }
        guard parts.query == nil, !parts.hasFragment else { throw failure("the URL has a query or fragment") }
        var path = parts.path
        while path.hasSuffix("/") { path.removeLast() }
        guard let (host, port, _) = Endpoint.hostAndPort(authority), !host.isEmpty else {
            throw failure("the host \(InvalidValueError.quote(String(authority))) is not HOST[:PORT]")
        }
        if let port, !Endpoint.isValidPort(port) {
            throw failure("the port \(InvalidValueError.quote(String(port))) is not a TCP port (1 to 65535)")
        }
        switch scheme {
        case "https": break
        case "http":
            guard allowInsecure || Endpoint.isLoopback(authority) else {
                throw failure(
                    "plain http is allowed only for loopback hosts; signed requests would cross the network "
                        + "unencrypted")
            }
        default: throw failure("the scheme \(scheme) is neither https nor http")
        }
        self.scheme = scheme
        self.authority = String(authority)
        self.basePath = path
    }

    private init(scheme: String, authority: String) {
        self.scheme = scheme
        self.authority = authority
        self.basePath = ""
    }

    /// Splits `HOST[:PORT]` (HOST may be a bracketed IPv6 literal, returned without brackets); `nil` when the
    /// brackets do not close or something other than `:PORT` follows them. The port is returned as written.
    package static func hostAndPort(
        _ authority: some StringProtocol
    ) -> (host: Substring, port: Substring?, bracketed: Bool)? {
        let text = Substring(authority)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { return nil }
            return (text[text.index(after: text.startIndex)..<close], rest.isEmpty ? nil : rest.dropFirst(), true)
        }
        guard let colon = text.firstIndex(of: ":") else { return (text, nil, false) }
        return (text[..<colon], text[text.index(after: colon)...], false)
    }

    /// Whether a port as written is a TCP port: 1–5 decimal digits, 1...65535.
    package static func isValidPort(_ port: Substring) -> Bool {
        (1...5).contains(port.count) && port.allSatisfy(\.isASCIIDigit) && (1...65_535).contains(Int(port) ?? 0)
    }

    /// Whether an authority (`HOST[:PORT]`) names this machine: `localhost`, an IPv4 literal in 127.0.0.0/8 or the
    /// IPv6 literal `[::1]`, with an optional decimal port. Anything else — `127.attacker.example`,
    /// `127.0.0.1.example.com`, `localhost.example.com` — is not loopback.
    package static func isLoopback(_ authority: some StringProtocol) -> Bool {
        guard let (host, port, bracketed) = hostAndPort(authority) else { return false }
        if let port, !isValidPort(port) { return false }
        return bracketed ? host == "::1" : host.lowercased() == "localhost" || isLoopbackIPv4(host)
    }

    /// Whether `host` is a dotted-quad IPv4 literal (four decimal octets 0–255, no leading zeros) in 127.0.0.0/8.
    private static func isLoopbackIPv4(_ host: Substring) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy(\.isASCIIDigit),
                octet == "0" || !octet.hasPrefix("0"), let value = Int(octet), value <= 255
            else { return false }
        }
        return octets[0] == "127"
    }

    /// A service as endpoint configuration names it.
    public struct Service: Sendable, Hashable {
        /// The service identifier in configuration: `lambda` (`AWS_ENDPOINT_URL_LAMBDA`, `lambda =` in a
        /// `[services]` section).
        public var identifier: String
        /// The first labels of the regional host name: `lambda` for `lambda.us-east-1.amazonaws.com`.
        public var hostPrefix: String

        /// Creates a service; the host prefix defaults to the identifier.
        public init(identifier: String, hostPrefix: String? = nil) {
            self.identifier = identifier
            self.hostPrefix = hostPrefix ?? identifier
        }

        /// AWS Lambda.
        public static let lambda = Service(identifier: "lambda")
        /// AWS Security Token Service.
        public static let sts = Service(identifier: "sts")
        /// The IAM Identity Center (SSO) portal: `portal.sso.{region}.amazonaws.com`.
        public static let sso = Service(identifier: "sso", hostPrefix: "portal.sso")

        /// `AWS_ENDPOINT_URL_LAMBDA`.
        var environmentVariable: String {
            "AWS_ENDPOINT_URL_" + identifier.uppercased().split(separator: " ").joined(separator: "_")
        }
        /// `lambda`, as a key of a `[services]` section.
        var configurationKey: String { identifier.lowercased().split(separator: " ").joined(separator: "_") }
    }

    /// The endpoint URL configured outside the client for `service`, with where it came from (`AWS_ENDPOINT_URL_STS`,
    /// `[services dev] sts.endpoint_url`, …); `nil` when none is, or when configured endpoints are ignored.
    public static func configuredURL(
        for service: Service, environment: [String: String], shared: SharedConfiguration? = nil
    ) -> (url: String, source: String)? {
        let ignored =
            environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || shared?.profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if ignored { return nil }
        for name in [service.environmentVariable, "AWS_ENDPOINT_URL"] {
            if let value = environment[name], !value.isEmpty { return (value, name) }
        }
        return shared?.configuredEndpointURL(forServiceKey: service.configurationKey)
    }

    /// Resolves the endpoint of a service.
    ///
    /// - Throws: ``InvalidValueError`` with code `invalidConfiguration` for a missing region (without a custom
    ///   endpoint), or FIPS / dual-stack together with a custom endpoint.
    public static func resolve(
        service: Service = .lambda, region: String?, useFIPS: Bool = false, useDualStack: Bool = false,
        override: String? = nil, environment: [String: String] = [:], shared: SharedConfiguration? = nil,
        ignoreConfiguredEndpoints: Bool = false, allowInsecure: Bool = false
    ) throws(InvalidValueError) -> Endpoint {
        // An explicitly empty endpoint is refused, never read as "the regional endpoint": it would send the real
        // credentials to AWS when the caller meant a local server. (An empty environment variable counts as unset,
        // as in the AWS SDKs.)
        if override?.isEmpty == true {
            throw InvalidValueError(
                .empty, field: "endpoint", value: "", reason: "the endpoint URL is empty",
                rule: "https://HOST[:PORT][/PATH], or http:// for 127.0.0.1, ::1 or localhost; leave it unset for the "
                    + "regional endpoint")
        }
        let configured: (String, String)? =
            override.map { ($0, "endpoint") }
            ?? (ignoreConfiguredEndpoints
                ? nil : configuredURL(for: service, environment: environment, shared: shared))
        if let (url, source) = configured, !url.isEmpty {
            if useFIPS {
                throw InvalidValueError(
                    .invalidConfiguration, field: source, value: url,
                    reason: "Invalid Configuration: FIPS and custom endpoint are not supported",
                    rule: "use either FIPS or a custom endpoint")
            }
            if useDualStack {
                throw InvalidValueError(
                    .invalidConfiguration, field: source, value: url,
                    reason: "Invalid Configuration: Dualstack and custom endpoint are not supported",
                    rule: "use either dual-stack or a custom endpoint")
            }
            return try Endpoint(url: url, allowInsecure: allowInsecure, field: source)
        }
        guard let region, !region.isEmpty else {
            throw InvalidValueError(
                .invalidConfiguration, field: "region", value: "",
                reason: "Invalid Configuration: Missing Region",
                rule: "set a region (configuration, AWS_REGION or AWS_DEFAULT_REGION) or a custom endpoint")
        }
        let partition = Partition.owning(regionNamed: region) ?? .aws
        let host = useFIPS ? service.hostPrefix + "-fips" : service.hostPrefix
        let suffix = useDualStack ? partition.dualStackDNSSuffix : partition.dnsSuffix
        return Endpoint(scheme: "https", authority: "\(host).\(region).\(suffix)")
    }
}

/// A URL split into the parts a request needs, parsed by Foundation's `URLComponents`: the one URL parser of the
/// package (endpoints, metadata and container endpoints). The authority is kept as written.
package struct URLParts: Sendable {
    /// The scheme, lower-cased.
    package let scheme: String
    /// The host, an IPv6 literal without its brackets.
    package let host: String
    /// `HOST[:PORT]` as written (an IPv6 literal in brackets).
    package let authority: String
    /// The path, percent-encoded as written; may be empty.
    package let path: String
    /// The query, percent-encoded, without `?`; `nil` when there is none.
    package let query: String?
    /// Whether a user (`user@`) was given.
    package let hasUserInfo: Bool
    /// Whether a fragment (`#…`) was given.
    package let hasFragment: Bool

    /// Parses `text`; `nil` when `URLComponents` cannot, or when it has no scheme or no host.
    package init?(_ text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            let host = components.host, let separator = text.firstRange(of: "://")
        else { return nil }
        self.scheme = scheme.lowercased()
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let rest = text[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        self.authority = String(authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority)
        self.path = components.percentEncodedPath
        self.query = components.percentEncodedQuery
        self.hasUserInfo = components.user != nil || authority.contains("@")
        self.hasFragment = components.fragment != nil
    }
}

extension Character {
    /// `0`–`9`.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
