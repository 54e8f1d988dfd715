public import CoreMetrics
public import Foundation
public import Logging

extension LambdaEventInvokeConfigClient {
    /// How the client reaches and authenticates to Lambda. Every field has a default except the region
    /// (which may come from the environment) and the credentials.
    public struct Configuration: Sendable {
        /// The region, e.g. `us-east-1`; used for the endpoint and the signature.
        public var region: Region
        /// A custom endpoint URL (`https://…`, or `http://` for loopback); overrides the environment.
        public var endpoint: String?
        /// Use the FIPS endpoint (`lambda-fips.…`).
        public var useFIPS: Bool
        /// Use the dual-stack (IPv6) endpoint.
        public var useDualStack: Bool
        /// Allow plain-http custom endpoints on non-loopback hosts (for test networks only).
        public var allowInsecureEndpoint: Bool
        /// Where credentials come from, asked before every attempt.
        public var credentials: any CredentialsProvider
        /// Retries (default: AWS standard mode).
        public var retryPolicy: RetryPolicy
        /// The longest one attempt may take, from sending the request to the last byte of the answer, on every
        /// transport (the client stops waiting and cancels the transfer when it is reached).
        public var attemptTimeout: Duration
        /// The longest a whole call may take, across its attempts and the waits between them; `nil` for no limit
        /// beyond the attempts' own. A retry that would start (or a wait that would end) past it is not made.
        public var totalTimeout: Duration?
        /// The largest response body read; a larger answer fails the call with code `invalidResponse` at once (it
        /// is not retried). Lambda's answers to these operations are a few kilobytes.
        public var maximumResponseBytes: Int
        /// One debug line per attempt goes here; secrets never do.
        public var logger: Logger
        /// Where the client reports its metrics (swift-metrics; see ``LambdaEventInvokeConfigClient``): the
        /// process's bootstrapped `MetricsSystem.factory` when `nil`. With no backend (swift-metrics' no-op
        /// default) the client records nothing and reads no extra clock.
        public var metricsFactory: (any MetricsFactory)?
        /// Appended to the `User-Agent`, e.g. `my-service/1.2`.
        public var userAgentSuffix: String?
        /// Environment variables read for endpoint overrides (`AWS_ENDPOINT_URL_LAMBDA`, `AWS_ENDPOINT_URL`).
        public var environment: [String: String]
        /// The service's clock minus ours, if already known (e.g. saved from another client); learnt from
        /// responses from then on.
        public var initialClockSkew: Duration
        /// The wall clock; replace in tests.
        public var clock: @Sendable () -> Date
        /// A source of uniform random numbers in [0, 1) for retry jitter; replace in tests.
        public var random: @Sendable () -> Double
        /// Waits between retries; replace in tests. Must throw `CancellationError` when the task is cancelled.
        public var sleep: @Sendable (Duration) async throws -> Void

        /// Creates a configuration.
        public init(
            region: Region,
            credentials: any CredentialsProvider,
            endpoint: String? = nil,
            useFIPS: Bool = false,
            useDualStack: Bool = false,
            allowInsecureEndpoint: Bool = false,
            retryPolicy: RetryPolicy = .standard,
            attemptTimeout: Duration = .seconds(30),
            totalTimeout: Duration? = nil,
            maximumResponseBytes: Int = TransportRequest.defaultMaximumResponseBytes,
            logger: Logger = Logger(label: "event-invoke-config", factory: { _ in SwiftLogNoOpLogHandler() }),
            metricsFactory: (any MetricsFactory)? = nil,
            userAgentSuffix: String? = nil,
            environment: [String: String] = ProcessInfo.processInfo.environment,
            initialClockSkew: Duration = .zero,
            clock: @escaping @Sendable () -> Date = { Date() },
            random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.region = region
            self.credentials = credentials
            self.endpoint = endpoint
            self.useFIPS = useFIPS
            self.useDualStack = useDualStack
            self.allowInsecureEndpoint = allowInsecureEndpoint
            self.retryPolicy = retryPolicy
            self.attemptTimeout = attemptTimeout
            self.totalTimeout = totalTimeout
            self.maximumResponseBytes = maximumResponseBytes
            self.logger = logger
            self.metricsFactory = metricsFactory
            self.userAgentSuffix = userAgentSuffix
            self.environment = environment
            self.initialClockSkew = initialClockSkew
            self.clock = clock
            self.random = random
            self.sleep = sleep
        }

        /// A configuration from the environment: region from `AWS_REGION` or `AWS_DEFAULT_REGION`, credentials
        /// from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
        ///
        /// - Throws: ``EventInvokeConfigError`` with code `validation` when the region is missing or is not a
        ///   region name.
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment, region: Region? = nil
        ) throws -> Configuration {
            let source = environment["AWS_REGION"] != nil ? "AWS_REGION" : "AWS_DEFAULT_REGION"
            guard let name = region?.name ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"],
                !name.isEmpty
            else {
                let error = InvalidValueError(
                    .invalidConfiguration, field: "region", value: "", reason: "no region is configured",
                    rule: "set AWS_REGION or AWS_DEFAULT_REGION, or pass a region")
                throw EventInvokeConfigError(
                    .validation, operation: "configure", message: error.description, invalidValue: error)
            }
            let validated: Region
            do {
                validated = try Region(name, field: region == nil ? source : "region")
            } catch {
                throw EventInvokeConfigError(
                    .validation, operation: "configure", message: error.description, invalidValue: error)
            }
            return Configuration(
                region: validated, credentials: EnvironmentCredentialsProvider(environment: environment),
                environment: environment)
        }
    }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    private let environment: [String: String]

    /// Reads from the given environment (the process environment by default) at each request.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The credentials in the environment.
    ///
    /// - Throws: ``EventInvokeConfigError`` with code `credentials` naming the missing variable.
    public func credentials() async throws -> Credentials {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty else {
            throw EventInvokeConfigError(
                .credentials, operation: "credentials", message: "AWS_ACCESS_KEY_ID is not set")
        }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw EventInvokeConfigError(
                .credentials, operation: "credentials", message: "AWS_SECRET_ACCESS_KEY is not set")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
    }

    /// Names the source, never the values.
    public var description: String { "EnvironmentCredentialsProvider" }
}
