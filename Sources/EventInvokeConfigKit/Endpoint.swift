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
    /// - Throws: ``ValidationError`` with code `invalidConfiguration`.
    public init(url: String, allowInsecure: Bool = false, field: String = "endpoint") throws(ValidationError) {
        func failure(_ reason: String) -> ValidationError {
            ValidationError(
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

    static func isLoopback(_ authority: some StringProtocol) -> Bool {
        let text = String(authority)
        let host: Substring
        if text.hasPrefix("[") {
            host = text.dropFirst().prefix { $0 != "]" }
        } else {
            host = text.prefix { $0 != ":" }
        }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Resolves the endpoint for a client.
    ///
    /// - Throws: ``ValidationError`` with code `invalidConfiguration` for a missing region (without a custom
    ///   endpoint), or FIPS / dual-stack together with a custom endpoint.
    public static func resolve(
        region: String?, useFIPS: Bool = false, useDualStack: Bool = false, override: String? = nil,
        environment: [String: String] = [:], allowInsecure: Bool = false
    ) throws(ValidationError) -> Endpoint {
        let ignoreConfigured = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        let configured: (String, String)? =
            override.map { ($0, "endpoint") }
            ?? (ignoreConfigured
                ? nil
                : environment["AWS_ENDPOINT_URL_LAMBDA"].map { ($0, "AWS_ENDPOINT_URL_LAMBDA") }
                    ?? environment["AWS_ENDPOINT_URL"].map { ($0, "AWS_ENDPOINT_URL") })
        if let (url, source) = configured, !url.isEmpty {
            if useFIPS {
                throw ValidationError(
                    .invalidConfiguration, field: source, value: url,
                    reason: "Invalid Configuration: FIPS and custom endpoint are not supported",
                    rule: "use either FIPS or a custom endpoint")
            }
            if useDualStack {
                throw ValidationError(
                    .invalidConfiguration, field: source, value: url,
                    reason: "Invalid Configuration: Dualstack and custom endpoint are not supported",
                    rule: "use either dual-stack or a custom endpoint")
            }
            return try Endpoint(url: url, allowInsecure: allowInsecure, field: source)
        }
        guard let region, !region.isEmpty else {
            throw ValidationError(
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
