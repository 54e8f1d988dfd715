public import EventInvokeConfigKit
public import Foundation
public import Tracing

/// The Terraform resource's lifecycle over an ``EventInvokeConfigClient``: ``plan(_:prune:)`` reads what exists and
/// compares it with a ``DesiredState``; ``apply(_:)`` carries a plan out; ``importEntry(_:)`` turns what exists into a
/// desired-state entry. Plan and apply share one bounded concurrency and one client-side request rate.
///
/// ```swift
/// let lifecycle = Lifecycle(client: client)
/// let desired = try DesiredState([
///     .init(function: try FunctionReference("orders:live"), config: EventInvokeConfig(maximumRetryAttempts: .zero)),
/// ])
/// let plan = try await lifecycle.plan(desired)
/// print(plan.text)                       // + orders:live (orders:live) will be created …
/// let report = await lifecycle.apply(plan)
/// ```
public struct Lifecycle: Sendable {
    /// How the lifecycle runs.
    public struct Options: Sendable {
        /// The most calls in flight at once (default 16).
        public var concurrency: Int
        /// A ceiling on the requests per second started by plan and apply together; `nil` (the default) for none:
        /// a client in the adaptive retry mode then paces itself just under the service's quota.
        public var requestsPerSecond: Double?
        /// How long a Put refused because a destination or the execution role's permission is not visible yet
        /// (IAM propagation: "The destination ARN … is invalid.", "… does not have permissions …"), or a 409
        /// conflict, is retried (default 2 minutes, as the Terraform provider does).
        public var propagationWindow: Duration
        /// Called after each target with done, total, failed and the rate so far.
        public var progress: (@Sendable (Progress) -> Void)?
        /// The wall clock; replace in tests.
        public var clock: @Sendable () -> Date
        /// Waits (between propagation retries and for the rate limit); replace in tests.
        public var sleep: @Sendable (Duration) async throws -> Void
        /// Where the spans go: one `EventInvokeConfig.plan` / `EventInvokeConfig.apply` span per target (attribute
        /// `eic.target`), the client's call spans inside it; the bootstrapped `InstrumentationSystem.tracer` when
        /// `nil`.
        public var tracer: (any Tracer)?

        /// Creates options.
        public init(
            concurrency: Int = 16, requestsPerSecond: Double? = nil, propagationWindow: Duration = .seconds(120),
            progress: (@Sendable (Progress) -> Void)? = nil, clock: @escaping @Sendable () -> Date = { Date() },
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.concurrency = concurrency
            self.requestsPerSecond = requestsPerSecond
            self.propagationWindow = propagationWindow
            self.progress = progress
            self.clock = clock
            self.sleep = sleep
            self.tracer = nil
        }
    }

    /// Where a run is.
    public struct Progress: Sendable {
        /// Targets finished.
        public var done: Int
        /// Targets in the run.
        public var total: Int
        /// Targets that failed.
        public var failed: Int
        /// Targets finished per second so far.
        public var rate: Double
        /// Responses so far that were throttling (when the client is a ``LambdaEventInvokeConfigClient``).
        public var throttled: Int
        /// The adaptive retry mode's current send rate (requests per second), or `nil` when the client is not
        /// limiting its rate.
        public var sendRate: Double?
    }

    /// The client every call goes through.
    public let client: any EventInvokeConfigClient
    /// How the lifecycle runs.
    public let options: Options
    let pacer: RequestPacer

    /// Creates a lifecycle.
    public init(client: any EventInvokeConfigClient, options: Options = Options()) {
        self.client = client
        self.options = options
        pacer = RequestPacer(rate: options.requestsPerSecond, clock: options.clock, sleep: options.sleep)
    }

    /// Reads what exists for every target and decides, per target, create / update / delete / no-op.
    ///
    /// - Parameter prune: also delete the configs of the desired state's functions that it does not mention (each
    ///   function is listed; the plan shows these deletions as pruned).
    /// - Throws: the first ``EventInvokeConfigError`` other than "not found" (a plan must see everything);
    ///   ``DesiredStateError`` when it would delete the config of an entry with ``DesiredState/Entry/preventDestroy``.
    public func plan(_ desired: DesiredState, prune: Bool = false) async throws -> Plan {
        let entries = desired.entries
        // The fewest requests: one List for a function with two or more targets (or every function, to prune), one
        // Get for a function with a single target.
        let targetsPerFunction = Dictionary(grouping: entries, by: { $0.target.name })
        let listedFunctions = desired.functions.filter { prune || (targetsPerFunction[$0.name]?.count ?? 0) >= 2 }
        let lists = try await forEach(listedFunctions) { function in
            try await traced("EventInvokeConfig.plan", target: function.description) {
                (function.name, try await pacedList(function))
            }
        }
        let listed = Dictionary(lists, uniquingKeysWith: { first, _ in first })
        let current = try await forEach(entries) { entry -> EventInvokeConfig? in
            if let records = listed[entry.target.name] {
                return records.first { DesiredState.Target($0.functionARN) == entry.target }?.config
            }
            return try await traced("EventInvokeConfig.plan", target: entry.name) { try await read(entry.function) }
        }
        var changes = zip(entries, current).map { entry, record in Plan.change(for: entry, current: record) }
        for (entry, change) in zip(entries, changes) where entry.preventDestroy && change.action == .delete {
            throw DesiredStateError(
                entry: entry.name,
                message: "lifecycle.prevent_destroy is set, and this plan would delete the config of "
                    + "\(DesiredState.Target(entry.function)); remove prevent_destroy to delete it")
        }
        if prune {
            let mentioned = Set(entries.map(\.target))
            for record in lists.flatMap(\.1) where !mentioned.contains(DesiredState.Target(record.functionARN)) {
                changes.append(
                    Plan.change(
                        name: DesiredState.Target(record.functionARN).description, function: record.functionARN,
                        current: record.config, desired: nil, pruned: true))
            }
        }
        return Plan(changes: changes.sorted { DesiredState.Target($0.function) < DesiredState.Target($1.function) })
    }

    /// Runs `body` in a span named `name` for one target, as a child of the task's current span.
    func traced<Output>(
        _ name: String, target: String, _ body: () async throws -> Output
    ) async rethrows -> Output {
        let tracer = options.tracer ?? InstrumentationSystem.tracer
        return try await tracer.withSpan(name, context: ServiceContext.current ?? .topLevel, ofKind: .internal) {
            span in
            span.attributes["eic.target"] = target
            return try await body()
        }
    }

    /// The config a target has now, or `nil` when it has none (the function, qualifier or config missing).
    func read(_ function: FunctionReference) async throws -> EventInvokeConfig? {
        try await pacer.acquire()
        do {
            return try await client.get(function).config
        } catch let error as EventInvokeConfigError where error.code == .resourceNotFound {
            return nil
        }
    }

    /// Every config of a function, page by page (none when the function does not exist).
    private func pacedList(_ function: FunctionReference) async throws -> [EventInvokeConfigRecord] {
        var records: [EventInvokeConfigRecord] = []
        var pages = client.listPages(function).makeAsyncIterator()
        do {
            while true {
                try await pacer.acquire()
                guard let page = try await pages.next() else { return records }
                records += page.records
            }
        } catch let error as EventInvokeConfigError where error.code == .resourceNotFound {
            return records
        }
    }

    /// Runs `body` for every element with at most ``Options/concurrency`` in flight; results in input order.
    func forEach<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ body: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        var results = [Result?](repeating: nil, count: elements.count)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func launch() {
                guard next < elements.count else { return }
                let index = next
                next += 1
                group.addTask { (index, try await body(elements[index])) }
            }
            for _ in 0..<max(1, options.concurrency) { launch() }
            while let (index, result) = try await group.next() {
                results[index] = result
                launch()
            }
        }
        return results.compactMap { $0 }
    }
}
