/// The five event-invoke-config operations. ``LambdaEventInvokeConfigClient`` talks to AWS (or any endpoint);
/// write your own conformer, or use the in-memory Lambda of `EventInvokeConfigTesting`, in tests.
///
/// The function's qualifier (version, alias, `$LATEST`) selects which config an operation is about; an
/// unqualified function means `$LATEST`.
public protocol EventInvokeConfigClient: Sendable {
    /// Replaces every setting of the function's config (`PutFunctionEventInvokeConfig`). Settings left `nil` are
    /// removed.
    ///
    /// - Throws: ``EventInvokeConfigError``; code `validation` (nothing sent) for a config with no settings or
    ///   a function that is its own destination.
    func put(_ config: EventInvokeConfig, for function: FunctionReference) async throws -> EventInvokeConfigRecord

    /// Changes the settings the patch sets and keeps the others (`UpdateFunctionEventInvokeConfig`).
    ///
    /// - Throws: ``EventInvokeConfigError``; `resourceNotFound` when the function has no config yet.
    func update(
        _ patch: EventInvokeConfigPatch, for function: FunctionReference
    ) async throws
        -> EventInvokeConfigRecord

    /// Reads the config (`GetFunctionEventInvokeConfig`).
    ///
    /// - Throws: ``EventInvokeConfigError``; `resourceNotFound` when there is none.
    func get(_ function: FunctionReference) async throws -> EventInvokeConfigRecord

    /// Deletes the config (`DeleteFunctionEventInvokeConfig`).
    ///
    /// - Throws: ``EventInvokeConfigError``; `resourceNotFound` when there is none.
    func delete(_ function: FunctionReference) async throws

    /// One page of the configs of every version and alias of an unqualified function
    /// (`ListFunctionEventInvokeConfigs`).
    ///
    /// - Parameters:
    ///   - marker: the `nextMarker` of the previous page, or `nil` for the first.
    ///   - maxItems: 1...50, or `nil` for the service default.
    func list(_ function: FunctionReference, marker: String?, maxItems: Int?) async throws -> EventInvokeConfigPage
}

extension EventInvokeConfigClient {
    /// Every config of the function, fetching pages as the sequence is iterated.
    public func listAll(_ function: FunctionReference, pageSize: Int? = nil) -> EventInvokeConfigRecords {
        EventInvokeConfigRecords(client: self, function: function, pageSize: pageSize)
    }
}

/// The configs of a function across all pages of `ListFunctionEventInvokeConfigs`, fetched lazily.
public struct EventInvokeConfigRecords: AsyncSequence, Sendable {
    /// Each element is one config.
    public typealias Element = EventInvokeConfigRecord

    let client: any EventInvokeConfigClient
    let function: FunctionReference
    let pageSize: Int?

    /// Iterates the records.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: any EventInvokeConfigClient
        let function: FunctionReference
        let pageSize: Int?
        var buffer: [EventInvokeConfigRecord] = []
        var marker: String?
        var finished = false
        var seenMarkers: Set<String> = []

        /// The next record, fetching the next page when needed.
        public mutating func next() async throws -> EventInvokeConfigRecord? {
            while buffer.isEmpty {
                if finished { return nil }
                let page = try await client.list(function, marker: marker, maxItems: pageSize)
                buffer = page.records.reversed()
                if let next = page.nextMarker {
                    // A service that repeats a marker would loop forever; stop with an error instead.
                    guard seenMarkers.insert(next).inserted else {
                        throw EventInvokeConfigError(
                            .invalidResponse, operation: LambdaEventInvokeConfigClient.Operation.list,
                            message: "the service returned the marker \(next) twice")
                    }
                    marker = next
                } else {
                    finished = true
                }
            }
            return buffer.popLast()
        }
    }

    /// Starts iterating from the first page.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: client, function: function, pageSize: pageSize)
    }

    /// Collects every record.
    public func collect() async throws -> [EventInvokeConfigRecord] {
        var all: [EventInvokeConfigRecord] = []
        for try await record in self { all.append(record) }
        return all
    }
}
