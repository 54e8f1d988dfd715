/// Why credentials could not be had. The message names the provider, the setting or file at fault and what to do;
/// it never holds a secret key, session token, web-identity token or SSO access token.
public struct CredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The provider is not configured here (no variable, no profile, no container): the chain moves on.
        public static let notConfigured = Code(name: "notConfigured")
        /// The configuration is wrong: a malformed file, a profile that contradicts itself, a cycle of profiles.
        public static let invalidConfiguration = Code(name: "invalidConfiguration")
        /// The source answered with an error, or with something that is not credentials.
        public static let providerFailed = Code(name: "providerFailed")
        /// The source could not be reached (connection refused, timeout).
        public static let unreachable = Code(name: "unreachable")
        /// The credentials, or the SSO token, have expired and could not be refreshed.
        public static let expired = Code(name: "expired")
        /// No provider of the chain had credentials; ``CredentialsError/attempts`` says why each was skipped.
        public static let noneFound = Code(name: "noneFound")
        /// `notConfigured`, …
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The provider that failed: `environment`, `profile default`, `sts AssumeRole`, `container`, `imds`, ….
    public var provider: String
    /// What happened and what to do.
    public var message: String
    /// For ``Code/noneFound``: each provider tried, and why it had nothing.
    public var attempts: [Attempt]

    /// One provider of a chain and why it supplied nothing.
    public struct Attempt: Sendable, Hashable {
        /// The provider.
        public var provider: String
        /// Why it was skipped.
        public var reason: String

        /// Creates an attempt.
        public init(provider: String, reason: String) {
            self.provider = provider
            self.reason = reason
        }
    }

    /// Creates an error.
    public init(_ code: Code, provider: String, message: String, attempts: [Attempt] = []) {
        self.code = code
        self.provider = provider
        self.message = message
        self.attempts = attempts
    }

    /// `provider: message`, and for a chain every provider tried on its own line.
    public var description: String {
        var text = "\(provider): \(message)"
        for attempt in attempts { text += "\n  - \(attempt.provider): \(attempt.reason)" }
        return text
    }
}
