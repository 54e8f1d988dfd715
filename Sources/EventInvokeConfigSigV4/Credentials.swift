import EventInvokeConfigCore

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// AWS credentials: an access key ID, its secret, and for temporary credentials a session token and an expiry.
///
/// Every textual form — `description`, `debugDescription`, `dump`, string interpolation, logging — shows the
/// access key ID and redacts the secret and the token, so credentials can be logged by accident without leaking.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
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

    /// `Credentials(accessKeyID: AKID…, secretAccessKey: <redacted>, sessionToken: <redacted>)`.
    public var description: String {
        var text = "Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>"
        if sessionToken != nil { text += ", sessionToken: <redacted>" }
        if let expiration { text += ", expiration: \(expiration.timeIntervalSince1970)" }
        return text + ")"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror that shows the redacted forms, so `dump(credentials)` leaks nothing.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyID": accessKeyID,
                "secretAccessKey": "<redacted>",
                "sessionToken": sessionToken == nil ? "nil" : "<redacted>",
                "expiration": expiration.map { "\($0.timeIntervalSince1970)" } ?? "nil",
            ],
            displayStyle: .struct)
    }
}
