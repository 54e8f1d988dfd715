public import EventInvokeConfigCore
public import EventInvokeConfigSigV4
public import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    private let environment: [String: String]

    /// Reads from the given environment (the process environment by default) at each request.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The credentials in the environment.
    ///
    /// - Throws: ``CredentialsError`` with code `notConfigured` when `AWS_ACCESS_KEY_ID` is not set, and
    ///   `invalidConfiguration` when only one of the two keys is.
    public func credentials() async throws -> Credentials {
        try resolve()
    }

    func resolve() throws(CredentialsError) -> Credentials {
        let key = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        guard let key else {
            throw CredentialsError(
                secret == nil ? .notConfigured : .invalidConfiguration, provider: "environment",
                message: secret == nil
                    ? "AWS_ACCESS_KEY_ID is not set" : "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        }
        guard let secret else {
            throw CredentialsError(
                .invalidConfiguration, provider: "environment",
                message: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
    }

    /// Names the source, never the values.
    public var description: String { "EnvironmentCredentialsProvider" }
}

extension EnvironmentCredentialsProvider: RedactedDescription {}
