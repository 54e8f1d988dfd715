public import EventInvokeConfigCore

/// Supplies credentials for each request. The client asks before every attempt, so a provider can refresh
/// temporary credentials; implementations cache and refresh as they see fit.
public protocol CredentialsProvider: Sendable {
    /// The credentials to sign the next request with.
    ///
    /// - Throws: any error explaining why no credentials are available (it is reported to the caller unchanged).
    func credentials() async throws -> Credentials
}

/// A provider that always returns the same credentials.
public struct StaticCredentialsProvider: CredentialsProvider, RedactedDescription {
    private let value: Credentials

    /// Creates a provider for fixed credentials.
    public init(_ credentials: Credentials) { self.value = credentials }

    /// Returns the fixed credentials.
    public func credentials() async throws -> Credentials { value }

    /// Names the access key only, masked.
    public var description: String { "StaticCredentialsProvider(\(Redaction.maskedKeyID(value.accessKeyID)))" }

}
