import Foundation
import HTTPTypes
public import Logging

/// The live client: encodes each operation as Lambda's REST-JSON, signs it with SigV4, sends it through an
/// ``HTTPTransport`` with retries, and decodes the answer.
///
/// A `struct` with nothing to shut down: the transport owns its connections. Copies (into tasks, closures, other
/// values) cost one reference and share the client's state: its retry quota, the clock skew it has learnt and its
/// caches.
///
/// ```swift
/// let client = try LambdaEventInvokeConfigClient(
///     configuration: .init(region: try Region("us-east-1"), credentials: EnvironmentCredentialsProvider()),
///     transport: transport)
/// let record = try await client.put(
///     EventInvokeConfig(maximumRetryAttempts: .zero, maximumEventAge: .minimum),
///     for: try FunctionReference("my-function:live"))
/// ```
public struct LambdaEventInvokeConfigClient: EventInvokeConfigClient, RedactedDescription {
    /// Everything the client holds, behind one reference: copying a client (into a task, a closure, another
    /// value) retains one object instead of the forty-odd references of its parts.
    let storage: Storage

    /// The API operations' names, as errors, logs and metrics report them.
    enum Operation {
        static let put = "PutFunctionEventInvokeConfig"
        static let update = "UpdateFunctionEventInvokeConfig"
        static let get = "GetFunctionEventInvokeConfig"
        static let delete = "DeleteFunctionEventInvokeConfig"
        static let list = "ListFunctionEventInvokeConfigs"
        static let all = [put, update, get, delete, list]
    }

    /// The API version prefix of every path.
    static let apiPrefix = "/2019-09-25/functions/"

    /// The endpoint and the redacted configuration.
    public var description: String {
        "LambdaEventInvokeConfigClient(endpoint: \(endpoint), configuration: \(storage.configuration))"
    }

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: region, credentials, endpoint, retries, logging.
    ///   - transport: how requests are sent: `AsyncHTTPClientTransport` (product
    ///     `EventInvokeConfigAsyncHTTPClient`), `URLSessionTransport` (product `EventInvokeConfigURLSession`; the
    ///     umbrella product `LambdaEventInvokeConfig` adds an initialiser that uses it), or a test transport.
    /// - Throws: ``EventInvokeConfigError`` with code `validation` for an unusable endpoint.
    public init(configuration: Configuration, transport: any HTTPTransport) throws {
        storage = try Storage(configuration: configuration, transport: transport)
    }

    /// Replaces the config (`PutFunctionEventInvokeConfig`), logging to the configuration's logger.
    public func put(
        _ config: EventInvokeConfig, for function: FunctionReference
    ) async throws -> EventInvokeConfigRecord {
        try await put(config, for: function, logger: configuration.logger)
    }

    /// Merges the patch into the config (`UpdateFunctionEventInvokeConfig`), logging to the configuration's logger.
    public func update(
        _ patch: EventInvokeConfigPatch, for function: FunctionReference
    ) async throws -> EventInvokeConfigRecord {
        try await update(patch, for: function, logger: configuration.logger)
    }

    /// Reads the config (`GetFunctionEventInvokeConfig`), logging to the configuration's logger.
    public func get(_ function: FunctionReference) async throws -> EventInvokeConfigRecord {
        try await get(function, logger: configuration.logger)
    }

    /// Deletes the config (`DeleteFunctionEventInvokeConfig`), logging to the configuration's logger.
    public func delete(_ function: FunctionReference) async throws {
        try await delete(function, logger: configuration.logger)
    }

    /// One page of configs (`ListFunctionEventInvokeConfigs`), logging to the configuration's logger.
    public func list(
        _ function: FunctionReference, marker: String?, maxItems: Int?
    ) async throws -> EventInvokeConfigPage {
        try await list(function, marker: marker, maxItems: maxItems, logger: configuration.logger)
    }

    /// Replaces the config (`PutFunctionEventInvokeConfig`), logging to `logger`: pass the request's logger so that
    /// its metadata (a request id, a trace id) is on the client's lines, as swift-log recommends for libraries.
    public func put(
        _ config: EventInvokeConfig, for function: FunctionReference, logger: Logger
    ) async throws
        -> EventInvokeConfigRecord
    {
        let operation = Operation.put
        try validate(operation) { () throws(InvalidValueError) in
            try checkFunctionRegion(function)
            try config.validateForPut(function: function)
        }
        let body = try encode(config, operation: operation)
        return try await execute(
            Call(
                operation: operation, method: .put, function: function, body: body,
                destinations: config.destinationConfig?.destinations.map(\.destination) ?? []),
            logger: logger
        ) { try decode(EventInvokeConfigRecord.self, from: $0, operation: operation) }
    }

    /// Merges the patch into the config (`UpdateFunctionEventInvokeConfig`), logging to `logger`.
    public func update(
        _ patch: EventInvokeConfigPatch, for function: FunctionReference, logger: Logger
    ) async throws
        -> EventInvokeConfigRecord
    {
        let operation = Operation.update
        try validate(operation) { () throws(InvalidValueError) in
            try checkFunctionRegion(function)
            try patch.validateForUpdate(function: function)
        }
        let body = try encode(patch, operation: operation)
        return try await execute(
            Call(
                operation: operation, method: .post, function: function, body: body,
                destinations: patch.destinationConfig?.destinations.map(\.destination) ?? []),
            logger: logger
        ) { try decode(EventInvokeConfigRecord.self, from: $0, operation: operation) }
    }

    /// Reads the config (`GetFunctionEventInvokeConfig`), logging to `logger`.
    public func get(_ function: FunctionReference, logger: Logger) async throws -> EventInvokeConfigRecord {
        let operation = Operation.get
        try validate(operation) { () throws(InvalidValueError) in try checkFunctionRegion(function) }
        return try await execute(Call(operation: operation, method: .get, function: function), logger: logger) {
            try decode(EventInvokeConfigRecord.self, from: $0, operation: operation)
        }
    }

    /// Deletes the config (`DeleteFunctionEventInvokeConfig`), logging to `logger`.
    public func delete(_ function: FunctionReference, logger: Logger) async throws {
        let operation = Operation.delete
        try validate(operation) { () throws(InvalidValueError) in try checkFunctionRegion(function) }
        try await execute(Call(operation: operation, method: .delete, function: function), logger: logger) { _ in }
    }

    /// One page of configs (`ListFunctionEventInvokeConfigs`), logging to `logger`.
    public func list(
        _ function: FunctionReference, marker: String?, maxItems: Int?, logger: Logger
    ) async throws
        -> EventInvokeConfigPage
    {
        let operation = Operation.list
        try validate(operation) { () throws(InvalidValueError) in
            try checkFunctionRegion(function)
            if let qualifier = function.qualifier {
                throw InvalidValueError(
                    .invalidQualifier, field: "FunctionName", value: function.description,
                    offendingPart: qualifier.rawValue,
                    reason: "List returns the configs of every version and alias; it takes no qualifier",
                    rule: "pass the unqualified function")
            }
            if let maxItems, !(1...50).contains(maxItems) {
                throw InvalidValueError(
                    .outOfRange, field: "MaxItems", value: String(maxItems), reason: "\(maxItems) is out of range",
                    rule: "an integer from 1 to 50")
            }
        }
        var query: [(String, String)] = []
        if let marker { query.append(("Marker", marker)) }
        if let maxItems { query.append(("MaxItems", String(maxItems))) }
        return try await execute(
            Call(operation: operation, method: .get, function: function, pathSuffix: "/list", query: query),
            logger: logger
        ) { try decode(EventInvokeConfigPage.self, from: $0, operation: operation) }
    }

    /// The service's clock minus ours, as learnt from `Date` headers; added to the signing time.
    public var clockSkew: Duration { .seconds(clamping: storage.skew.seconds) }

    // MARK: - Helpers

    private func validate(_ operation: String, _ check: () throws(InvalidValueError) -> Void) throws {
        do {
            try check()
        } catch {
            throw EventInvokeConfigError(
                .validation, operation: operation, message: error.description, invalidValue: error)
        }
    }

    private func checkFunctionRegion(_ function: FunctionReference) throws(InvalidValueError) {
        guard let region = function.region, region != configuration.region else { return }
        throw InvalidValueError(
            .invalidRegion, field: "FunctionName", value: function.description, offendingPart: region.name,
            reason: "the function is in \(region.name) but the client is configured for \(configuration.region)",
            rule: "use a client of the function's region")
    }

    /// The JSON request body (Foundation's `JSONEncoder`).
    private func encode(_ value: some Encodable, operation: String) throws -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(value))
        } catch {
            throw EventInvokeConfigError(
                .validation, operation: operation, message: "cannot encode the request: \(error)", underlying: error)
        }
    }

    /// Decodes a response body (Foundation's `JSONDecoder`); a body that does not decode is `invalidResponse`.
    private func decode<T: Decodable>(
        _ type: T.Type, from response: TransportResponse, operation: String
    ) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw EventInvokeConfigError(
                .invalidResponse, operation: operation,
                message: "cannot decode the \(response.head.status.code) response: \(Self.describe(error))",
                statusCode: response.head.status.code,
                requestID: ErrorResponse.requestID(response.head.headerFields), underlying: error)
        }
    }

    package static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
            .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            if case .keyNotFound(let key, _) = decoding {
                return "missing \(path.isEmpty ? "" : path + ".")\(key.stringValue)"
            }
            return (path.isEmpty ? "" : path + ": ") + context.debugDescription
        @unknown default:
            return "\(decoding)"
        }
    }

    static var osName: String {
        #if os(Linux)
        "linux"
        #elseif os(macOS)
        "macos"
        #else
        "other"
        #endif
    }
}
