import EventInvokeConfigARN

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
    /// Every config of the function, fetching pages as the sequence is iterated (bounded as ``listPages(_:startingAt:pageSize:pageLimit:)``).
    public func listAll(_ function: FunctionReference, pageSize: Int? = nil) -> EventInvokeConfigRecords {
        EventInvokeConfigRecords(pages: listPages(function, pageSize: pageSize))
    }

    /// The pages of `ListFunctionEventInvokeConfigs`, fetched as the sequence is iterated, from `marker` (or the
    /// first page) to the last. Bounded: a marker the service already returned, or more than `pageLimit` pages,
    /// ends the iteration with an ``EventInvokeConfigError`` of code `invalidResponse` instead of paging forever.
    ///
    /// - Parameters:
    ///   - marker: where to start (a `nextMarker` from an earlier listing), or `nil` for the first page.
    ///   - pageSize: 1...50 configs per request, or `nil` for the service default.
    ///   - pageLimit: the most pages fetched (default 1,000: 50,000 configs, more than a function can have).
    public func listPages(
        _ function: FunctionReference, startingAt marker: String? = nil, pageSize: Int? = nil,
        pageLimit: Int = EventInvokeConfigPages.defaultPageLimit
    ) -> EventInvokeConfigPages {
        EventInvokeConfigPages(
            client: self, function: function, marker: marker, pageSize: pageSize, pageLimit: pageLimit)
    }
}

/// The pages of `ListFunctionEventInvokeConfigs` for one function, fetched lazily and bounded.
public struct EventInvokeConfigPages: AsyncSequence, Sendable {
    /// Each element is one page, in order.
    public typealias Element = EventInvokeConfigPage

    /// The most pages fetched unless told otherwise.
    public static let defaultPageLimit = 1_000

    let client: any EventInvokeConfigClient
    let function: FunctionReference
    let marker: String?
    let pageSize: Int?
    let pageLimit: Int

    /// Iterates the pages.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let pages: EventInvokeConfigPages
        var marker: String?
        var finished = false
        var fetched = 0
        var seenMarkers: Set<String> = []

        /// The next page, or `nil` after the last.
        public mutating func next() async throws -> EventInvokeConfigPage? {
            guard !finished else { return nil }
            guard fetched < pages.pageLimit else {
                throw EventInvokeConfigError(
                    .invalidResponse, operation: LambdaEventInvokeConfigClient.Operation.list,
                    message: "the listing did not end within \(pages.pageLimit) pages")
            }
            let page = try await pages.client.list(pages.function, marker: marker, maxItems: pages.pageSize)
            fetched += 1
            if let next = page.nextMarker {
                // A service that repeats a marker would loop forever; stop with an error instead.
                guard seenMarkers.insert(next).inserted, next != pages.marker else {
                    throw EventInvokeConfigError(
                        .invalidResponse, operation: LambdaEventInvokeConfigClient.Operation.list,
                        message: "the service returned the marker \(DisplayText.quoted(next, limit: 80)) twice")
                }
                marker = next
            } else {
                finished = true
            }
            return page
        }
    }

    /// Starts iterating at the first page (or the starting marker).
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: self, marker: marker)
    }
}

/// The configs of a function across all pages of `ListFunctionEventInvokeConfigs`, fetched lazily.
public struct EventInvokeConfigRecords: AsyncSequence, Sendable {
    /// Each element is one config.
    public typealias Element = EventInvokeConfigRecord

    let pages: EventInvokeConfigPages

    /// Iterates the records.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var pages: EventInvokeConfigPages.AsyncIterator
        var buffer: [EventInvokeConfigRecord] = []

        /// The next record, fetching the next page when needed.
        public mutating func next() async throws -> EventInvokeConfigRecord? {
            while buffer.isEmpty {
                guard let page = try await pages.next() else { return nil }
                buffer = page.records.reversed()
            }
            return buffer.popLast()
        }
    }

    /// Starts iterating from the first page.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator())
    }

    /// Collects every record.
    public func collect() async throws -> [EventInvokeConfigRecord] {
        var all: [EventInvokeConfigRecord] = []
        for try await record in self { all.append(record) }
        return all
    }
}
