public import CoreMetrics
public import Foundation
public import Logging
public import Tracing

extension LambdaEventInvokeConfigClient {
    /// How the client reaches and authenticates to Lambda. Every field has a default except the region
    /// (which may come from the environment) and the credentials.
    public struct Configuration: Sendable, RedactedDescription {
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
        /// Where the client's spans go (swift-distributed-tracing): the process's bootstrapped
        /// `InstrumentationSystem.tracer` when `nil` (a no-op tracer unless one was bootstrapped). Each call is a
        /// span `Lambda.OPERATION` (`rpc.system` `aws-api`, `rpc.service` `Lambda`, `rpc.method`, `cloud.region`,
        /// `aws.request_id`, `http.response.status_code`, `http.request.resend_count`) with a child span per attempt.
        public var tracer: (any Tracer)?
        /// Appended to the `User-Agent`, e.g. `my-service/1.2`.
        public var userAgentSuffix: String?
        /// Environment variables read for endpoint overrides (`AWS_ENDPOINT_URL_LAMBDA`, `AWS_ENDPOINT_URL`,
        /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`). Only the variables the package reads (`AWS_*` and the home
        /// directory's) are kept, whatever is assigned.
        public var environment: [String: String] {
            didSet { environment = SharedConfiguration.variablesRead(from: environment) }
        }
        /// The shared config files and selected profile, read for configured endpoints (the profile's `[services]`
        /// section and `endpoint_url`); `nil` when they were not read. ``fromEnvironment(_:region:profile:transport:logger:)``
        /// sets it.
        public var sharedConfiguration: SharedConfiguration?
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
            self.environment = SharedConfiguration.variablesRead(from: environment)
            self.initialClockSkew = initialClockSkew
            self.clock = clock
            self.random = random
            self.sleep = sleep
        }

        /// The settings with credentials and secrets redacted: region, endpoint, the credentials provider's
        /// (redacted) description, retries, timeouts, the environment with key IDs masked and secrets redacted.
        public var description: String {
            "Configuration(region: \(region), endpoint: \(endpoint ?? "(resolved)"), credentials: \(credentials), "
                + "retryPolicy: maximumAttempts \(retryPolicy.maximumAttempts), attemptTimeout: \(attemptTimeout), "
                + "totalTimeout: \(totalTimeout.map { "\($0)" } ?? "none"), "
                + "environment: \(Redaction.line(environment)), "
                + "sharedConfiguration: \(sharedConfiguration.map { "\($0)" } ?? "none"))"
        }

        /// A configuration from where the AWS CLI finds it: the region from `AWS_REGION`, `AWS_DEFAULT_REGION` or
        /// the profile's `region`; credentials from the default chain (``DefaultCredentialsProvider``:
        /// environment, profile, web identity, container, instance metadata); endpoints configured in the
        /// environment or the profile.
        ///
        /// - Parameters:
        ///   - environment: the environment to read (the process's by default).
        ///   - region: a region that wins over every configured one.
        ///   - profile: the profile (like `--profile`); `nil` for `AWS_PROFILE`, else `default`.
        ///   - transport: sends the credential providers' requests (STS, SSO, container, instance metadata);
        ///     usually the transport the client is created with.
        ///   - logger: the configuration's ``logger`` and the credential chain's (a failed refresh is a warning);
        ///     no secret is ever logged.
        /// - Throws: ``EventInvokeConfigError`` with code `validation` when no region is configured, a region is
        ///   not a region name, or a config file cannot be parsed (naming the file and line).
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment, region: Region? = nil,
            profile: String? = nil, transport: any HTTPTransport,
            logger: Logger = Logger(label: "event-invoke-config", factory: { _ in SwiftLogNoOpLogHandler() })
        ) throws -> Configuration {
            let shared: SharedConfiguration
            do {
                shared = try SharedConfiguration.load(profile: profile, environment: environment)
            } catch {
                throw EventInvokeConfigError(.validation, operation: "configure", message: error.description)
            }
            let resolved: Region
            do throws(InvalidValueError) {
                var configured = region
                if configured == nil { configured = try shared.region()?.region }
                guard let found = configured else {
                    let profileNote = shared.profile == nil ? "" : " or the profile's region"
                    throw InvalidValueError(
                        .invalidConfiguration, field: "region", value: "", reason: "no region is configured",
                        rule: "set AWS_REGION or AWS_DEFAULT_REGION\(profileNote) (in \(shared.locations.config)), "
                            + "or pass a region")
                }
                resolved = found
            } catch {
                throw EventInvokeConfigError(
                    .validation, operation: "configure", message: error.description, invalidValue: error)
            }
            var configuration = Configuration(
                region: resolved,
                credentials: DefaultCredentialsProvider(
                    profile: profile, environment: environment, sharedConfiguration: shared, transport: transport,
                    logger: logger),
                logger: logger, environment: environment)
            do throws(InvalidValueError) {
                configuration.retryPolicy = try RetryPolicy.fromEnvironment(environment, profile: shared.profile)
            } catch {
                throw EventInvokeConfigError(
                    .validation, operation: "configure", message: error.description, invalidValue: error)
            }
            configuration.sharedConfiguration = shared
            return configuration
        }
    }
}
