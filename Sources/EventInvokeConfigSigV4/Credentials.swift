public import EventInvokeConfigCore

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// AWS credentials: an access key ID, its secret, and for temporary credentials a session token and an expiry.
///
/// Every textual form — `description`, `debugDescription`, `dump`, string interpolation, logging — shows the
/// access key ID masked but for its last four characters and redacts the secret and the token, so credentials can
/// be logged by accident without leaking.
public struct Credentials: Sendable, Hashable, RedactedDescription {
    /// The access key ID, e.g. `AKIDEXAMPLE`. Not secret.
    public let accessKeyID: String
    /// The secret access key. Never printed by this library.
    public let secretAccessKey: String
    /// The session token of temporary credentials. Never printed by this library.
    public let sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public let expiration: Date?

    /// Creates credentials.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether the credentials expire within `margin` of `now` (always `false` without an expiry).
    public func expires(within margin: Duration, of now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin.inSeconds
    }

    /// `Credentials(accessKeyID: ****MPLE, secretAccessKey: <redacted>, sessionToken: <redacted>)`.
    public var description: String {
        var text =
            "Credentials(accessKeyID: \(Redaction.maskedKeyID(accessKeyID)), secretAccessKey: \(Redaction.placeholder)"
        if sessionToken != nil { text += ", sessionToken: \(Redaction.placeholder)" }
        if let expiration { text += ", expiration: \(Timestamp.iso8601(expiration, style: .awsCLI))" }
        return text + ")"
    }

}
