public import EventInvokeConfigARN
public import EventInvokeConfigModel
public import EventInvokeConfigSigV4
import EventInvokeConfigTransport
public import Foundation
import HTTPTypes

/// A faithful in-memory AWS Lambda for the event-invoke-config API: it answers the same REST routes as the real
/// service, with real Lambda's responses, error types, error bodies and messages (not moto's), so tests of your code
/// exercise the real client — encoding, signing, retries and error decoding — without AWS or a network.
///
/// ```swift
/// let lambda = InMemoryLambda()
/// let orders = try await lambda.seedFunction("orders", versions: 2, aliases: ["live": 2])
/// let client = try LambdaEventInvokeConfigClient(
///     configuration: .init(
///         region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials)),
///     transport: InMemoryTransport(lambda))
/// _ = try await client.put(
///     EventInvokeConfig(maximumRetryAttempts: .zero), for: orders.qualified(.alias(try Alias("live"))))
/// ```
///
/// The rules it follows, with the messages it answers, are listed in the `EventInvokeConfigTesting` documentation
/// ("Lambda's rules"). Besides the five event-invoke-config operations it answers enough of Lambda's control plane
/// (functions, versions, aliases, tags) for the Terraform AWS provider's `aws_lambda_function` and `aws_lambda_alias`
/// and for SDKs to create state over HTTP, which is how `eic-local` serves it. One emulator is one account in one
/// region; ``InMemoryLambdaService`` holds many.
public actor InMemoryLambda {
    /// A function known to the emulator.
    public struct Function: Sendable, Hashable {
        /// The function's name.
        public var name: String
        /// Published version numbers, ascending.
        public var versions: [Int]
        /// Alias name → version (a number).
        public var aliases: [String: String]
        /// Whether the function has a `$LATEST.PUBLISHED` version (Lambda Managed Instances functions get one by
        /// publishing with `PublishTo: LATEST_PUBLISHED`).
        public var hasLatestPublished: Bool
        /// Destinations the function's execution role may write to; `nil` allows every destination. A destination
        /// outside the set is refused with "The function's execution role does not have permissions to call …".
        public var permittedDestinations: Set<String>?
        /// The execution role's ARN, as `CreateFunction` or `UpdateFunctionConfiguration` last set it.
        public var role: String {
            get { settings["Role"]?.string ?? "" }
            set { settings["Role"] = .string(newValue) }
        }
        /// The runtime, as last set (may be empty).
        public var runtime: String {
            get { settings["Runtime"]?.string ?? "" }
            set { settings["Runtime"] = .string(newValue) }
        }
        /// The handler, as last set (may be empty).
        public var handler: String {
            get { settings["Handler"]?.string ?? "" }
            set { settings["Handler"] = .string(newValue) }
        }
        /// The function's tags.
        public var tags: [String: String] = [:]
        /// The configuration members of `$LATEST` as `CreateFunction` and `UpdateFunctionConfiguration` set them
        /// (Lambda's defaults fill the rest when answering).
        var settings: [String: JSONValue] = [:]
        /// `$LATEST`'s code: base64 SHA-256 and size of the deployment package.
        var code = Code()
        /// Each published version's snapshot of `$LATEST` (a seeded version has none: it answers as `$LATEST`).
        var snapshots: [Int: Snapshot] = [:]
        /// Whether `$LATEST` changed since the last published version (`PublishVersion` publishes only then).
        var changedSincePublish = true
        /// Counts changes to `$LATEST`: its `RevisionId`.
        var revision = 1
        /// Alias name → description.
        var aliasDescriptions: [String: String] = [:]
        /// When `$LATEST` last changed.
        public var lastModified: Date

        /// A deployment package's digest, as Lambda reports it.
        struct Code: Hashable {
            /// The base64 SHA-256 of the package (of an empty one until code is given).
            var sha256 = Data(Hashing.sha256([])).base64EncodedString()
            var size = 0
        }

        /// What a published version keeps of `$LATEST` at publication.
        struct Snapshot: Hashable {
            var settings: [String: JSONValue]
            var code: Code
            var lastModified: Date
            var revision: Int
        }
    }

    /// Credentials accepted when signature verification is on (see ``verifySignatures(with:)``).
    public static let testCredentials = Credentials(
        accessKeyID: "AKIDINMEMORYLAMBDA", secretAccessKey: "in-memory-lambda-secret-key")

    /// The account the emulated functions live in.
    public nonisolated let accountID: AccountID
    /// The region the emulator serves.
    public nonisolated let region: Region
    let clock: @Sendable () -> Date
    let model: ServiceModel

    var functions: [String: Function] = [:]
    var configs: [ConfigKey: StoredConfig] = [:]
    var existingDestinations: Set<String>?
    var signingKeys: [String: Credentials]?
    var faults: [Fault] = []
    var controlPlaneQuota: RequestQuota?
    var getFunctionQuota: RequestQuota?
    var throttledRequests = 0
    var latency: Duration = .zero
    var log: RequestLog<RecordedRequest>
    var requestCounter = 0
    /// Derived signing keys of the registered credentials, private to this emulator.
    let verificationKeys = SigningKeyCache(capacity: 16)

    struct ConfigKey: Hashable {
        var function: String
        var qualifier: String
    }

    /// A config and the JSON Get answers for it, encoded once when it is stored (a stored config never changes in
    /// place).
    struct StoredConfig {
        var record: EventInvokeConfigRecord
        var body: Data
    }

    /// The encoder of every response body (keys sorted: the same state always gives the same bytes) and the decoder
    /// of every request body, made once.
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    let decoder = JSONDecoder()

    /// Creates an empty emulator.
    ///
    /// - Parameters:
    ///   - accountID: the account of every function (default `123456789012`).
    ///   - region: the region (default `us-east-1`); function ARNs of other regions are not reachable.
    ///   - clock: the time stamped on configs as `LastModified` and used to check signature dates.
    ///   - requestLogLimit: how many of the most recent requests ``requests`` keeps (at least 1); older ones are
    ///     released, so a long suite sharing one emulator keeps bounded memory.
    public init(
        accountID: AccountID = InMemoryLambda.defaultAccount, region: Region = InMemoryLambda.defaultRegion,
        clock: @escaping @Sendable () -> Date = { Date() },
        requestLogLimit: Int = InMemoryLambda.defaultRequestLogLimit
    ) {
        self.accountID = accountID
        self.region = region
        self.clock = clock
        self.log = RequestLog(limit: requestLogLimit)
        guard let model = ServiceModel() else { preconditionFailure("the service model's patterns compile") }
        self.model = model
    }

    /// How many requests an emulator remembers unless told otherwise (10,000).
    public static let defaultRequestLogLimit = RequestLog<RecordedRequest>.defaultLimit

    /// `123456789012`.
    public static let defaultAccount: AccountID = {
        guard let account = try? AccountID("123456789012") else { preconditionFailure("valid literal") }
        return account
    }()

    /// `us-east-1`.
    public static let defaultRegion: Region = {
        guard let region = try? Region("us-east-1") else { preconditionFailure("valid literal") }
        return region
    }()

    /// The role a seeded function has.
    public static let defaultRole = "arn:aws:iam::123456789012:role/lambda-role"

    // MARK: - Functions

    /// Creates a function (replacing one of the same name, and dropping its configs) with `versions` published
    /// versions (1...versions) and aliases pointing at versions; returns its unqualified ARN.
    ///
    /// - Parameters:
    ///   - permittedDestinations: the destinations its execution role may use (`nil`: all).
    ///   - latestPublished: whether it has a `$LATEST.PUBLISHED` version (a Lambda Managed Instances function).
    /// - Throws: ``InvalidValueError`` for an invalid function or alias name, or an alias pointing at a version
    ///   that does not exist.
    @discardableResult
    public func seedFunction(
        _ name: String, versions: Int = 0, aliases: [String: Int] = [:], permittedDestinations: Set<String>? = nil,
        latestPublished: Bool = false
    ) throws -> FunctionReference {
        let reference = try FunctionReference(
            name: name, form: .arn(partition: partition, region: region, accountID: accountID))
        var aliasTargets: [String: String] = [:]
        for (alias, version) in aliases {
            _ = try Alias(alias)
            guard versions >= 1, (1...versions).contains(version) else {
                throw InvalidValueError(
                    .outOfRange, field: "alias \(alias)", value: String(version),
                    reason: "the function has \(versions) published versions", rule: "1...\(max(versions, 1))")
            }
            aliasTargets[alias] = String(version)
        }
        functions[name] = Function(
            name: name, versions: versions > 0 ? Array(1...versions) : [], aliases: aliasTargets,
            hasLatestPublished: latestPublished, permittedDestinations: permittedDestinations,
            settings: ["Role": .string(InMemoryLambda.defaultRole)], lastModified: clock())
        configs = configs.filter { $0.key.function != name }
        return reference
    }

    /// Publishes the next version of a function and returns its number, or `nil` for an unknown function.
    @discardableResult
    public func publishVersion(of name: String) -> Int? {
        guard var function = functions[name] else { return nil }
        let next = (function.versions.last ?? 0) + 1
        function.versions.append(next)
        function.snapshots[next] = Function.Snapshot(
            settings: function.settings, code: function.code, lastModified: function.lastModified,
            revision: function.revision)
        function.changedSincePublish = false
        functions[name] = function
        return next
    }

    /// Creates (or republishes) the function's `$LATEST.PUBLISHED` version, as `PublishVersion` with
    /// `PublishTo: LATEST_PUBLISHED` does. Returns `false` for an unknown function.
    @discardableResult
    public func publishLatestPublished(of name: String) -> Bool {
        guard functions[name] != nil else { return false }
        functions[name]?.hasLatestPublished = true
        return true
    }

    /// Points an alias at a version (`nil` version removes the alias and its config). Returns `false` for an
    /// unknown function or version.
    @discardableResult
    public func setAlias(_ alias: String, of name: String, to version: Int?) -> Bool {
        guard var function = functions[name] else { return false }
        if let version {
            guard function.versions.contains(version) else { return false }
            function.aliases[alias] = String(version)
        } else {
            function.aliases[alias] = nil
            configs[ConfigKey(function: name, qualifier: alias)] = nil
        }
        functions[name] = function
        return true
    }

    /// Deletes a function and, as Lambda does, all of its configs.
    public func deleteFunction(_ name: String) {
        functions[name] = nil
        configs = configs.filter { $0.key.function != name }
    }

    /// The functions, by name.
    public var allFunctions: [String: Function] { functions }

    /// Declares which destination ARNs exist (Lambda functions need no declaring: the emulator knows its own).
    /// Once called, an SQS, SNS, EventBridge or S3 destination that is not in the set is refused with
    /// "The destination ARN … is invalid.", as Lambda refuses destinations that do not exist.
    public func registerDestinations(_ arns: Set<String>) {
        existingDestinations = (existingDestinations ?? []).union(arns)
    }

    /// Turns on SigV4 verification: requests must be signed with one of these credentials, for this region and
    /// service `lambda`, within five minutes of the emulator's clock.
    public func verifySignatures(with credentials: [Credentials] = [InMemoryLambda.testCredentials]) {
        signingKeys = Dictionary(credentials.map { ($0.accessKeyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - Inspection

    /// The requests handled since the start or the last ``removeAllRequests()``, oldest first: all of them, or the
    /// most recent `requestLogLimit` when there were more (``requestCount`` still counts every one).
    public var requests: [RecordedRequest] { log.entries }

    /// How many requests were handled since the start or the last ``removeAllRequests()``, including those the log
    /// no longer keeps.
    public var requestCount: Int { log.totalCount }

    /// Forgets the recorded requests. Functions, configs, faults and request ids are left as they are.
    public func removeAllRequests() { log.removeAll() }

    /// The stored config of a function's qualifier (`nil` qualifier means `$LATEST`), if any.
    public func storedConfig(function name: String, qualifier: String? = nil) -> EventInvokeConfigRecord? {
        configs[ConfigKey(function: name, qualifier: qualifier ?? "$LATEST")]?.record
    }

    /// Every stored config, keyed by `name:qualifier`.
    public var storedConfigs: [String: EventInvokeConfigRecord] {
        Dictionary(uniqueKeysWithValues: configs.map { ("\($0.key.function):\($0.key.qualifier)", $0.value.record) })
    }

    var partition: Partition { region.partition ?? .aws }
}

/// One request the emulator handled, for assertions.
public struct RecordedRequest: Sendable {
    /// The API operation, e.g. `PutFunctionEventInvokeConfig` or `CreateFunction`, or `Unknown` for a route the
    /// emulator does not answer.
    public var operation: String
    /// The HTTP method.
    public var method: String
    /// The path and query as received.
    public var target: String
    /// The header fields as received (kept as the request carried them; listed as pairs on demand).
    var headerFields: HTTPFields
    /// The body.
    public var body: Data
    /// The status answered, or `nil` when a fault dropped the connection.
    public var status: Int?
    /// The error type answered, if any.
    public var errorType: String?

    /// The header fields as received: lower-cased names and values, in order.
    public var headers: [(name: String, value: String)] {
        headerFields.map { ($0.name.canonicalName, $0.value) }
    }
}

extension InMemoryLambda: RedactedDescription {
    /// The region and account only: never the keys it verifies signatures with.
    public nonisolated var description: String { "InMemoryLambda(region: \(region), account: \(accountID))" }

}
