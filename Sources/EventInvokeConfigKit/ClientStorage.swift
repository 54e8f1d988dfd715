import CoreMetrics
import EventInvokeConfigSigV4
import HTTPTypes

extension LambdaEventInvokeConfigClient {
    /// The parts of a client, built once by its initialiser and shared by its copies.
    final class Storage: Sendable {
        /// The configuration the client was created with.
        let configuration: Configuration
        /// The resolved endpoint.
        let endpoint: Endpoint
        let transport: any HTTPTransport
        let signer: SigV4Signer
        let quota: RetryQuota
        let skew: ClockSkew
        /// `amz-sdk-request` fields for the first attempts.
        let attemptFields: [HTTPField]
        /// The session-token field, reused while the token stays the same.
        let reusedTokenField = ReusedField<String>()
        /// The date field, reused within a second.
        let reusedDateField = ReusedField<Int64>()
        /// The header fields of a request, in the order sent, by shape (bit 0: a body, bit 1: a session token): the
        /// fields that are the same on every request built (and validated — an `HTTPField` checks its value byte by
        /// byte when it is made, not when it is copied) once, placeholders where each attempt puts its own date, token,
        /// authorization and invocation id, and a first attempt's `amz-sdk-request` last. Copying a list and replacing
        /// a few fields costs less than appending seven, each append going through the collection's generic insert.
        let fieldTemplates: [HTTPFields]
        /// The swift-metrics instruments, or `nil` when no metrics backend is bootstrapped or configured.
        let metrics: ClientMetrics?
        /// Scheme and authority of every request, set once; each request line copies it and sets method and path.
        let requestTemplate: HTTPRequest
        /// The request lines of the functions called so far.
        let requestLines = RequestLineCache()
        /// Function ARNs and destinations of recent responses, parsed.
        let arnMemo = ARNMemo()
        /// The headers signed besides the signer's own, built once (like botocore, no Accept header: Lambda answers
        /// JSON regardless).
        let signedHeadersWithoutBody: [(name: String, value: String)]
        let signedHeadersWithBody: [(name: String, value: String)]

        init(configuration: Configuration, transport: any HTTPTransport) throws {
            do {
                try LambdaEventInvokeConfigClient.checkRegion(configuration.region)
                self.endpoint = try Endpoint.resolve(
                    region: configuration.region, useFIPS: configuration.useFIPS,
                    useDualStack: configuration.useDualStack, override: configuration.endpoint,
                    environment: configuration.environment, allowInsecure: configuration.allowInsecureEndpoint)
            } catch {
                throw EventInvokeConfigError(
                    .validation, operation: "configure", message: error.description, validationError: error)
            }
            self.configuration = configuration
            self.transport = transport
            self.signer = SigV4Signer(region: configuration.region, service: "lambda")
            self.quota = RetryQuota(capacity: configuration.retryPolicy.retryQuota)
            self.skew = ClockSkew()
            let (seconds, attoseconds) = configuration.initialClockSkew.components
            self.skew.seconds = Double(seconds) + Double(attoseconds) / 1e18
            let userAgentField = HTTPField(
                name: .userAgent,
                value: "swift-event-invoke-config/0.1 lang/swift os/\(LambdaEventInvokeConfigClient.osName)"
                    + (configuration.userAgentSuffix.map { " " + $0 } ?? ""))
            let contentTypeField = HTTPField(name: .contentType, value: "application/json")
            let maximum = configuration.retryPolicy.maximumAttempts
            self.attemptFields = (0..<min(max(maximum, 0), 10)).map {
                LambdaEventInvokeConfigClient.attemptField($0 + 1, of: maximum)
            }
            let firstAttemptField = attemptFields.first ?? LambdaEventInvokeConfigClient.attemptField(1, of: maximum)
            self.fieldTemplates = (0..<4).map { shape in
                var fields = HTTPFields()
                fields.reserveCapacity(7)
                fields.append(userAgentField)
                if shape & 1 != 0 { fields.append(contentTypeField) }
                fields.append(HTTPField(name: .amzDate, value: "-"))
                if shape & 2 != 0 { fields.append(HTTPField(name: .amzSecurityToken, value: "-")) }
                fields.append(HTTPField(name: .authorization, value: "-"))
                fields.append(HTTPField(name: .amzSDKInvocationID, value: "-"))
                fields.append(firstAttemptField)
                return fields
            }
            self.metrics = ClientMetrics(factory: configuration.metricsFactory ?? MetricsSystem.factory)
            self.requestTemplate = HTTPRequest(
                method: .get, scheme: endpoint.scheme, authority: endpoint.authority, path: "/")
            self.signedHeadersWithoutBody = [("host", endpoint.authority)]
            self.signedHeadersWithBody = [("host", endpoint.authority), ("content-type", "application/json")]
        }
    }

    /// The configuration the client was created with.
    public var configuration: Configuration { storage.configuration }
    /// The resolved endpoint.
    public var endpoint: Endpoint { storage.endpoint }
    var transport: any HTTPTransport { storage.transport }
    var signer: SigV4Signer { storage.signer }
    var quota: RetryQuota { storage.quota }
    var skew: ClockSkew { storage.skew }
    var attemptFields: [HTTPField] { storage.attemptFields }
    var reusedTokenField: ReusedField<String> { storage.reusedTokenField }
    var reusedDateField: ReusedField<Int64> { storage.reusedDateField }
    var fieldTemplates: [HTTPFields] { storage.fieldTemplates }
    var metrics: ClientMetrics? { storage.metrics }
    var requestTemplate: HTTPRequest { storage.requestTemplate }
    var requestLines: RequestLineCache { storage.requestLines }
    var arnMemo: ARNMemo { storage.arnMemo }
    var signedHeadersWithoutBody: [(name: String, value: String)] { storage.signedHeadersWithoutBody }
    var signedHeadersWithBody: [(name: String, value: String)] { storage.signedHeadersWithBody }
}
