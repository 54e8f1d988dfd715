public import EventInvokeConfigARN
public import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
public import Foundation
import HTTPTypes

/// Lambda in every account and region at once: one ``InMemoryLambda`` per account and region, made on first use,
/// and each request answered by the one it addresses — the region of its signing scope (the `Credential` of its
/// `Authorization` header), the account its access key belongs to (``assignAccount(_:toAccessKey:)``; the default
/// account otherwise). An unsigned request goes to the default account and region. This is what `eic-local`
/// serves, so one server holds a multi-region, multi-account fleet.
///
/// ```swift
/// let service = InMemoryLambdaService()
/// await service.assignAccount(try AccountID("210987654321"), toAccessKey: "AKIDSTAGING")
/// try await service.lambda(region: try Region("eu-west-1")).seedFunction("orders")
/// let client = try LambdaEventInvokeConfigClient(configuration: configuration, transport: service)
/// ```
public actor InMemoryLambdaService {
    struct Key: Hashable {
        var account: String
        var region: String
    }

    /// The account of a request whose access key has none assigned.
    public nonisolated let defaultAccount: AccountID
    /// The region of an unsigned request.
    public nonisolated let defaultRegion: Region
    private let clock: @Sendable () -> Date
    private let requestLogLimit: Int
    private var lambdas: [Key: InMemoryLambda] = [:]
    private var accounts: [String: AccountID] = [:]
    private var destinations: Set<String>?
    private var signingCredentials: [Credentials]?
    private var quota: (controlPlane: Double?, getFunction: Double?)?

    /// Creates a service with no functions anywhere.
    ///
    /// - Parameters:
    ///   - defaultAccount: the account of requests whose access key has no account assigned.
    ///   - defaultRegion: the region of unsigned requests.
    ///   - clock: every emulator's clock.
    ///   - requestLogLimit: each emulator's request log limit.
    public init(
        defaultAccount: AccountID = InMemoryLambda.defaultAccount, defaultRegion: Region = InMemoryLambda.defaultRegion,
        clock: @escaping @Sendable () -> Date = { Date() },
        requestLogLimit: Int = InMemoryLambda.defaultRequestLogLimit
    ) {
        self.defaultAccount = defaultAccount
        self.defaultRegion = defaultRegion
        self.clock = clock
        self.requestLogLimit = requestLogLimit
    }

    /// The emulator of one account and region (the defaults when `nil`), made on first use with the service's
    /// destinations and signature keys.
    public func lambda(account: AccountID? = nil, region: Region? = nil) async -> InMemoryLambda {
        let account = account ?? defaultAccount
        let region = region ?? defaultRegion
        let key = Key(account: account.digits, region: region.name)
        if let lambda = lambdas[key] { return lambda }
        let lambda = InMemoryLambda(accountID: account, region: region, clock: clock, requestLogLimit: requestLogLimit)
        lambdas[key] = lambda
        if let destinations { await lambda.registerDestinations(destinations) }
        if let signingCredentials { await lambda.verifySignatures(with: signingCredentials) }
        if let quota { await lambda.limitRequestRate(controlPlane: quota.controlPlane, getFunction: quota.getFunction) }
        return lambda
    }

    /// Every emulator made so far, by account and region.
    public var allLambdas: [(account: String, region: String, lambda: InMemoryLambda)] {
        lambdas.map { ($0.key.account, $0.key.region, $0.value) }.sorted {
            ($0.account, $0.region) < ($1.account, $1.region)
        }
    }

    /// Requests signed with this access key ID are answered by the account's emulators.
    public func assignAccount(_ account: AccountID, toAccessKey accessKeyID: String) {
        accounts[accessKeyID] = account
    }

    /// The account a request signed with this access key ID is answered by.
    public func account(ofAccessKey accessKeyID: String) -> AccountID {
        accounts[accessKeyID] ?? defaultAccount
    }

    /// Declares destinations that exist, in every emulator (made or to be made); see
    /// ``InMemoryLambda/registerDestinations(_:)``.
    public func registerDestinations(_ arns: Set<String>) async {
        destinations = (destinations ?? []).union(arns)
        for lambda in lambdas.values { await lambda.registerDestinations(arns) }
    }

    /// Turns on signature verification in every emulator (made or to be made); see
    /// ``InMemoryLambda/verifySignatures(with:)``.
    public func verifySignatures(with credentials: [Credentials] = [InMemoryLambda.testCredentials]) async {
        signingCredentials = credentials
        for lambda in lambdas.values { await lambda.verifySignatures(with: credentials) }
    }

    /// Enforces Lambda's request-rate quota in every emulator (made or to be made), each account and region on its
    /// own; see ``InMemoryLambda/limitRequestRate(controlPlane:getFunction:)``.
    public func limitRequestRate(
        controlPlane: Double? = InMemoryLambda.controlPlaneQuota, getFunction: Double? = InMemoryLambda.getFunctionQuota
    ) async {
        quota = (controlPlane, getFunction)
        for lambda in lambdas.values {
            await lambda.limitRequestRate(controlPlane: controlPlane, getFunction: getFunction)
        }
    }

    /// Answers a request with the emulator of its account and region.
    public func handle(_ request: TransportRequest) async throws -> TransportResponse {
        var account = defaultAccount
        var region = defaultRegion
        if let header = request.head.headerFields.value(named: "authorization"),
            let scope = ParsedAuthorization(header)
        {
            account = self.account(ofAccessKey: String(scope.accessKeyID))
            // A scope naming no valid region goes to the default one, whose signature check then refuses it.
            if let named = try? Region(String(scope.region)) { region = named }
        }
        return try await lambda(account: account, region: region).handle(request)
    }
}

extension InMemoryLambdaService: HTTPTransport {
    /// Answers the request as ``handle(_:)`` does: the service is a transport of its own.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await handle(request)
    }
}

extension InMemoryLambdaService: RedactedDescription {
    /// The defaults only: never the keys it verifies signatures with.
    public nonisolated var description: String {
        "InMemoryLambdaService(default region: \(defaultRegion), default account: \(defaultAccount))"
    }
}
