import CoreMetrics
import EventInvokeConfigARN
import EventInvokeConfigSigV4
import Foundation
import HTTPTypes
import Synchronization

extension LambdaEventInvokeConfigClient {
    /// The parts of a client, built once by its initialiser and shared by its copies.
    final class Storage: Sendable {
        /// The configuration the client was created with.
        let configuration: Configuration
        /// The resolved endpoint.
        let endpoint: Endpoint
        let transport: any HTTPTransport
        /// The signer, with this client's own signing-key cache.
        let signer: SigV4Signer
        let quota: RetryQuota
        /// The adaptive mode's rate limiter, shared by every call of the client; `nil` in standard mode.
        let rateLimiter: AdaptiveRateLimiter?
        /// Throttled responses so far (429 or a throttling error type), in any mode.
        let throttled = Atomic<Int>(0)
        let skew: ClockSkew
        /// The swift-metrics instruments, or `nil` when no metrics backend is bootstrapped or configured.
        let metrics: ClientMetrics?
        /// The `User-Agent` value.
        let userAgent: String

        init(configuration: Configuration, transport: any HTTPTransport) throws {
            do {
                self.endpoint = try Endpoint.resolve(
                    region: configuration.region.name, useFIPS: configuration.useFIPS,
                    useDualStack: configuration.useDualStack, override: configuration.endpoint,
                    environment: configuration.environment, shared: configuration.sharedConfiguration,
                    allowInsecure: configuration.allowInsecureEndpoint)
            } catch {
                throw EventInvokeConfigError(
                    .validation, operation: "configure", message: error.description, invalidValue: error)
            }
            self.configuration = configuration
            self.transport = transport
            self.signer = SigV4Signer(region: configuration.region.name, service: "lambda")
            self.quota = RetryQuota(capacity: configuration.retryPolicy.retryQuota)
            let clock = configuration.clock
            self.rateLimiter =
                configuration.retryPolicy.mode == .adaptive
                ? AdaptiveRateLimiter(
                    now: { clock().timeIntervalSinceReferenceDate }, sleep: configuration.sleep) : nil
            self.skew = ClockSkew()
            self.skew.seconds = configuration.initialClockSkew.inSeconds
            self.metrics = ClientMetrics(factory: configuration.metricsFactory ?? MetricsSystem.factory)
            self.userAgent =
                "swift-event-invoke-config/\(PackageVersion.current) lang/swift os/\(LambdaEventInvokeConfigClient.osName)"
                + (configuration.userAgentSuffix.map { " " + $0 } ?? "")
        }
    }

    /// The configuration the client was created with.
    public var configuration: Configuration { storage.configuration }
    /// The resolved endpoint.
    public var endpoint: Endpoint { storage.endpoint }
    /// The adaptive retry mode's rate limiter (its current send rate), shared by every copy of the client; `nil` in
    /// standard mode.
    public var rateLimiter: AdaptiveRateLimiter? { storage.rateLimiter }
    /// How many responses so far were throttling (429 or a throttling error type), retried or not.
    public var throttledResponses: Int { storage.throttled.load(ordering: .relaxed) }
}
