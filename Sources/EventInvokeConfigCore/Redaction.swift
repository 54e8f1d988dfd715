/// The one rule for what of a credential may be printed: an access key ID masked but for its last four characters,
/// and nothing of a secret. Every type of the package that can hold a key, a token or a secret-bearing setting
/// prints itself (`description`, `debugDescription`, `customMirror`, so `dump` too) through it.
package enum Redaction {
    /// What stands for a secret.
    package static let placeholder = "<redacted>"

    /// An access key ID with all but its last four characters masked: `****MPLE`.
    package static func maskedKeyID(_ keyID: String) -> String {
        String(repeating: "*", count: max(4, keyID.count - 4)) + String(keyID.suffix(keyID.count > 8 ? 4 : 0))
    }

    /// A signature's text (an `Authorization` value, a presigned query) with the access key ID of each credential
    /// scope (`Credential=KEY/…`, `X-Amz-Credential=KEY%2F…`) masked.
    package static func maskingCredentialScopes(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let marker = rest.firstRange(of: "Credential=") {
            result += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            let end =
                [rest.firstRange(of: "/")?.lowerBound, rest.firstRange(of: "%2F")?.lowerBound]
                .compactMap { $0 }.min() ?? rest.endIndex
            result += maskedKeyID(String(rest[..<end]))
            rest = rest[end...]
        }
        return result + rest
    }

    /// Whether a setting's name says it holds a secret: a secret key, a token (session, web identity, SSO, container
    /// authorisation), a password, or a `credential_process` command line (which may carry one).
    package static func isSecret(name: String) -> Bool {
        let name = name.lowercased()
        return name.contains("secret") || name.contains("token") || name.contains("password")
            || name.contains("credential_process")
    }

    /// Whether a setting's name says it holds an access key ID (`aws_access_key_id`, `AWS_ACCESS_KEY_ID`).
    package static func isKeyID(name: String) -> Bool { name.lowercased().contains("access_key_id") }

    /// A setting's value as it may be printed: a key ID masked, a secret replaced, anything else as it is.
    package static func printable(_ value: String, name: String) -> String {
        if isKeyID(name: name) { return maskedKeyID(value) }
        return isSecret(name: name) ? placeholder : value
    }

    /// The HTTP header fields that carry a credential on their own: the session token, the SSO bearer token, the
    /// instance metadata token, and `Authorization` (a container credentials token, or a signature).
    package static func isSecretHeader(_ name: String) -> Bool {
        ["x-amz-security-token", "x-amz-sso_bearer_token", "x-aws-ec2-metadata-token", "authorization"]
            .contains(name.lowercased())
    }

    /// A table of settings (a profile, an environment) as it may be printed.
    package static func printable(_ table: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: table.map { ($0.key, printable($0.value, name: $0.key)) })
    }

    /// A table of settings as one line, keys sorted: `{name: value, …}`.
    package static func line(_ table: [String: String]) -> String {
        "[" + printable(table).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }
}

/// A type that can hold a secret and prints only its redacted ``description``: `debugDescription` is the same text,
/// and its mirror holds that text alone, so `dump` shows no more than `print` (a default mirror would show every
/// stored property, secrets included). The types of this package that hold keys, tokens or secret-bearing settings
/// conform; their `description` applies the package's one redaction rule.
public protocol RedactedDescription: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {}

extension RedactedDescription {
    /// The same as `description`.
    public var debugDescription: String { description }

    /// The redacted `description` only.
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }
}
