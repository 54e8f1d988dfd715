/// Where requests go: scheme, authority and an optional base path.
///
/// ``resolve(region:useFIPS:useDualStack:override:environment:)`` applies the Lambda endpoint rules —
/// `https://lambda[-fips].{region}.{dnsSuffix | dualStackDnsSuffix}` of the region's partition — and the precedence
/// of configured endpoints: client configuration, then `AWS_ENDPOINT_URL_LAMBDA`, then `AWS_ENDPOINT_URL`
/// (both ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`).
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
        let schemeEnd = url.firstRange(of: "://")
        guard let schemeEnd else { throw failure("the URL has no scheme") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = String(rest.dropFirst(authority.count))
        guard !authority.isEmpty, !authority.contains("@") else { throw failure("the URL has no host") }
        guard !path.contains("?"), !path.contains("#") else { throw failure("the URL has a query or fragment") }
        while path.hasSuffix("/") { path.removeLast() }
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

    /// Whether an authority (`HOST[:PORT]`) names this machine: `localhost`, an IPv4 literal in 127.0.0.0/8 or the
    /// IPv6 literal `[::1]`, with an optional decimal port. Anything else — `127.attacker.example`,
    /// `127.0.0.1.example.com`, `localhost.example.com` — is not loopback.
    static func isLoopback(_ authority: some StringProtocol) -> Bool {
        var host = Substring(authority)
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            guard rest.isEmpty || rest.hasPrefix(":") else { return false }
            port = rest.isEmpty ? nil : rest.dropFirst()
            guard host == "::1" else { return false }
        } else {
            if let colon = host.firstIndex(of: ":") {
                port = host[host.index(after: colon)...]
                host = host[..<colon]
            }
            guard host.lowercased() == "localhost" || isLoopbackIPv4(host) else { return false }
        }
        guard let port else { return true }
        return (1...5).contains(port.count) && port.allSatisfy(\.isASCIIDigit) && (Int(port) ?? .max) <= 65_535
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

    /// Resolves the endpoint for a client.
    ///
    /// - Throws: ``InvalidValueError`` with code `invalidConfiguration` for a missing region (without a custom
    ///   endpoint), or FIPS / dual-stack together with a custom endpoint.
    public static func resolve(
        region: String?, useFIPS: Bool = false, useDualStack: Bool = false, override: String? = nil,
        environment: [String: String] = [:], allowInsecure: Bool = false
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
        let ignoreConfigured = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        let configured: (String, String)? =
            override.map { ($0, "endpoint") }
            ?? (ignoreConfigured
                ? nil
                : environment["AWS_ENDPOINT_URL_LAMBDA"].map { ($0, "AWS_ENDPOINT_URL_LAMBDA") }
                    ?? environment["AWS_ENDPOINT_URL"].map { ($0, "AWS_ENDPOINT_URL") })
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
        let service = useFIPS ? "lambda-fips" : "lambda"
        let suffix = useDualStack ? partition.dualStackDNSSuffix : partition.dnsSuffix
        return Endpoint(scheme: "https", authority: "\(service).\(region).\(suffix)")
    }
}

extension Character {
    /// `0`–`9`.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
