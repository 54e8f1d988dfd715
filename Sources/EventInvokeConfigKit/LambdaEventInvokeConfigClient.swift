public import EventInvokeConfigURLSession
import Foundation
import HTTPTypes

/// The live client: encodes each operation as Lambda's REST-JSON, signs it with SigV4, sends it through an
/// ``HTTPTransport`` with retries, and decodes the answer.
///
/// A `struct` with nothing to shut down: the transport owns its connections. Copies (into tasks, closures, other
/// values) cost one reference and share the client's state: its retry quota, the clock skew it has learnt and its
/// caches.
///
/// ```swift
/// let client = try LambdaEventInvokeConfigClient(
///     configuration: .init(region: "us-east-1", credentials: EnvironmentCredentialsProvider()))
/// let record = try await client.put(
///     EventInvokeConfig(maximumRetryAttempts: .zero, maximumEventAge: .minimum),
///     for: FunctionReference("my-function:live"))
/// ```
public struct LambdaEventInvokeConfigClient: EventInvokeConfigClient {
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

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: region, credentials, endpoint, retries, logging.
    ///   - transport: how requests are sent; `URLSessionTransport` by default.
    /// - Throws: ``EventInvokeConfigError`` with code `validation` for an unusable region or endpoint.
    public init(configuration: Configuration, transport: any HTTPTransport = URLSessionTransport()) throws {
        storage = try Storage(configuration: configuration, transport: transport)
    }

    /// Replaces the config (`PutFunctionEventInvokeConfig`).
    public func put(
        _ config: EventInvokeConfig, for function: FunctionReference
    ) async throws
        -> EventInvokeConfigRecord
    {
        let operation = Operation.put
        try validate(operation) { () throws(ValidationError) in
            try checkFunctionRegion(function)
            try config.validateForPut(function: function)
        }
        let body = WireJSON.encodedBytes(config)
        return try await execute(
            Call(
                operation: operation, method: .put, function: function, body: body,
                destinations: config.destinationConfig?.destinations.map(\.destination) ?? [])
        ) { try decode($0, operation: operation, fast: { WireJSON.decodeRecord($0, memo: arnMemo) }) }
    }

    /// Merges the patch into the config (`UpdateFunctionEventInvokeConfig`).
    public func update(
        _ patch: EventInvokeConfigPatch, for function: FunctionReference
    ) async throws
        -> EventInvokeConfigRecord
    {
        let operation = Operation.update
        try validate(operation) { () throws(ValidationError) in
            try checkFunctionRegion(function)
            try patch.validateForUpdate(function: function)
        }
        let body = WireJSON.encodedBytes(patch)
        return try await execute(
            Call(
                operation: operation, method: .post, function: function, body: body,
                destinations: patch.destinationConfig?.destinations.map(\.destination) ?? [])
        ) { try decode($0, operation: operation, fast: { WireJSON.decodeRecord($0, memo: arnMemo) }) }
    }

    /// Reads the config (`GetFunctionEventInvokeConfig`).
    public func get(_ function: FunctionReference) async throws -> EventInvokeConfigRecord {
        let operation = Operation.get
        try validate(operation) { () throws(ValidationError) in try checkFunctionRegion(function) }
        return try await execute(Call(operation: operation, method: .get, function: function)) {
            try decode($0, operation: operation, fast: { WireJSON.decodeRecord($0, memo: arnMemo) })
        }
    }

    /// Deletes the config (`DeleteFunctionEventInvokeConfig`).
    public func delete(_ function: FunctionReference) async throws {
        let operation = Operation.delete
        try validate(operation) { () throws(ValidationError) in try checkFunctionRegion(function) }
        try await execute(Call(operation: operation, method: .delete, function: function)) { _ in }
    }

    /// One page of configs (`ListFunctionEventInvokeConfigs`).
    public func list(
        _ function: FunctionReference, marker: String?, maxItems: Int?
    ) async throws
        -> EventInvokeConfigPage
    {
        let operation = Operation.list
        try validate(operation) { () throws(ValidationError) in
            try checkFunctionRegion(function)
            if let qualifier = function.qualifier {
                throw ValidationError(
                    .invalidQualifier, field: "FunctionName", value: function.description,
                    offendingPart: qualifier.rawValue,
                    reason: "List returns the configs of every version and alias; it takes no qualifier",
                    rule: "pass the unqualified function")
            }
            if let maxItems, !(1...50).contains(maxItems) {
                throw ValidationError(
                    .outOfRange, field: "MaxItems", value: String(maxItems), reason: "\(maxItems) is out of range",
                    rule: "an integer from 1 to 50")
            }
        }
        var query: [(String, String)] = []
        if let marker { query.append(("Marker", marker)) }
        if let maxItems { query.append(("MaxItems", String(maxItems))) }
        return try await execute(
            Call(operation: operation, method: .get, function: function, pathSuffix: "/list", query: query)
        ) { try decode($0, operation: operation, fast: { WireJSON.decodePage($0, memo: arnMemo) }) }
    }

    /// The service's clock minus ours, as learnt from `Date` headers; added to the signing time.
    public var clockSkew: Duration { .milliseconds(Int64((skew.seconds * 1000).rounded())) }

    // MARK: - Helpers

    private func validate(_ operation: String, _ check: () throws(ValidationError) -> Void) throws {
        do {
            try check()
        } catch {
            throw EventInvokeConfigError(
                .validation, operation: operation, message: error.description, validationError: error)
        }
    }

    private func checkFunctionRegion(_ function: FunctionReference) throws(ValidationError) {
        guard let region = function.region, region.name != configuration.region else { return }
        throw ValidationError(
            .invalidRegion, field: "FunctionName", value: function.description, offendingPart: region.name,
            reason: "the function is in \(region.name) but the client is configured for \(configuration.region)",
            rule: "use a client of the function's region")
    }

    static func checkRegion(_ region: String) throws(ValidationError) {
        guard !region.isEmpty, region.utf8.count <= 63,
            region.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else {
            throw ValidationError(
                .invalidConfiguration, field: "region", value: region,
                reason: region.isEmpty ? "the region is empty" : "not a valid region name",
                rule: "lower-case letters, digits and hyphens, e.g. us-east-1")
        }
    }

    /// Decodes a response body with the fast reader, or with `JSONDecoder` (and its precise errors) when the fast
    /// reader declines.
    private func decode<T: Decodable>(
        _ response: TransportResponse, operation: String, fast: (Data) -> T?
    ) throws -> T {
        if let value = fast(response.body) { return value }
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
