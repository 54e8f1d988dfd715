import EventInvokeConfigKit
import EventInvokeConfigLifecycle
import EventInvokeConfigTestSupport
import EventInvokeConfigTesting
import Foundation
import InMemoryTracing
import Synchronization
import Testing
import Tracing

/// A transport that notes the virtual time of every request, then hands it to the emulator.
final class TimedTransport: HTTPTransport {
    let lambda: InMemoryLambda
    let clock: TestClock
    let times = Mutex<[Date]>([])

    init(lambda: InMemoryLambda, clock: TestClock) {
        self.lambda = lambda
        self.clock = clock
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        times.withLock { $0.append(clock.date) }
        return try await lambda.handle(request)
    }
}

struct World {
    let lambda: InMemoryLambda
    let clock: TestClock
    let client: LambdaEventInvokeConfigClient
    let transport: TimedTransport

    static let queue = "arn:aws:sqs:us-east-1:123456789012:dlq"

    static func make() async throws -> World {
        let clock = TestClock()
        let lambda = InMemoryLambda(clock: { clock.date })
        try await lambda.seedFunction("orders", versions: 2, aliases: ["live": 2])
        try await lambda.seedFunction("payments")
        let transport = TimedTransport(lambda: lambda, clock: clock)
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                retryPolicy: .none, environment: [:], clock: { clock.date }),
            transport: transport)
        return World(lambda: lambda, clock: clock, client: client, transport: transport)
    }

    func lifecycle(
        concurrency: Int = 4, rate: Double? = nil, window: Duration = .seconds(120),
        onSleep: (@Sendable (Date) async -> Void)? = nil
    ) -> Lifecycle {
        let clock = self.clock
        return Lifecycle(
            client: client,
            options: .init(
                concurrency: concurrency, requestsPerSecond: rate, propagationWindow: window, clock: { clock.date },
                sleep: { duration in
                    clock.advance(duration)
                    await onSleep?(clock.date)
                }))
    }

    static func entry(_ function: String, _ config: EventInvokeConfig?) throws -> DesiredState.Entry {
        DesiredState.Entry(function: try FunctionReference(function), config: config)
    }
}

@Suite("Lifecycle: plan, apply, import, drift")
struct LifecycleTests {
    static let oneRetry = EventInvokeConfig(maximumRetryAttempts: .one)

    @Test("apply then plan is empty; applying twice changes nothing the second time")
    func idempotence() async throws {
        let world = try await World.make()
        let desired = try DesiredState([
            try World.entry("orders:live", EventInvokeConfig(maximumRetryAttempts: .zero)),
            try World.entry("payments", Self.oneRetry),
        ])
        let lifecycle = world.lifecycle()
        let plan = try await lifecycle.plan(desired)
        #expect(plan.counts == (2, 0, 0))
        #expect(plan.summary == "Plan: 2 to add, 0 to change, 0 to destroy.")
        let report = await lifecycle.apply(plan)
        #expect(report.succeeded)
        #expect(report.counts.applied == 2)
        let again = try await lifecycle.plan(desired)
        #expect(again.isEmpty)
        #expect((await lifecycle.apply(again)).counts.applied == 0)
    }

    @Test("ignore_changes leaves the named arguments (or all) as they are; a missing config is still created")
    func ignoreChanges() async throws {
        let world = try await World.make()
        let orders = try FunctionReference("orders")
        _ = try await world.client.put(
            EventInvokeConfig(maximumRetryAttempts: .one, maximumEventAge: .minimum), for: orders)
        let wanted = EventInvokeConfig(maximumRetryAttempts: .zero)
        let lifecycle = world.lifecycle()
        func plan(_ ignored: DesiredState.IgnoredChanges, _ function: FunctionReference = orders) async throws -> Plan {
            try await lifecycle.plan(
                try DesiredState([DesiredState.Entry(function: function, config: wanted, ignoredChanges: ignored)]))
        }
        let age = try await plan(.arguments(["maximum_event_age_in_seconds"]))
        #expect(age.changes.first?.fieldChanges.map(\.description) == ["maximum_retry_attempts: 1 → 0"])
        #expect(age.changes.first?.desired == EventInvokeConfig(maximumRetryAttempts: .zero, maximumEventAge: .minimum))
        #expect(try await plan(.arguments(["maximum_retry_attempts", "maximum_event_age_in_seconds"])).isEmpty)
        #expect(try await plan(.all).isEmpty)
        let created = try await plan(.all, try FunctionReference("payments"))
        #expect(created.counts == (1, 0, 0))
    }

    @Test("prevent_destroy makes a plan that would delete the target's config an error naming it")
    func preventDestroy() async throws {
        let world = try await World.make()
        let payments = try FunctionReference("payments")
        _ = try await world.client.put(Self.oneRetry, for: payments)
        let protected = DesiredState.Entry(
            name: "aws_lambda_function_event_invoke_config.payments", function: payments, config: nil,
            preventDestroy: true)
        let error = await #expect(throws: DesiredStateError.self) {
            _ = try await world.lifecycle().plan(try DesiredState([protected]))
        }
        #expect(error?.entry == "aws_lambda_function_event_invoke_config.payments")
        #expect(error?.message.contains("prevent_destroy") == true)
        // Nothing to delete: no error.
        try await world.client.delete(payments)
        #expect(try await world.lifecycle().plan(try DesiredState([protected])).isEmpty)
    }

    @Test("read as Terraform reads it, an absent retry count is 0: both tools see the same difference")
    func terraformReading() async throws {
        let world = try await World.make()
        let orders = try FunctionReference("orders")
        _ = try await world.client.put(EventInvokeConfig(maximumEventAge: .minimum), for: orders)
        let zero = EventInvokeConfig(maximumRetryAttempts: .zero, maximumEventAge: .minimum)
        let asTerraform = try await world.lifecycle().plan(
            try DesiredState([DesiredState.Entry(function: orders, config: zero, readsAsTerraform: true)]))
        #expect(asTerraform.isEmpty, "Terraform reads the absent count as 0 and sees no change")
        let exact = try await world.lifecycle().plan(
            try DesiredState([DesiredState.Entry(function: orders, config: zero)]))
        #expect(exact.changes.first?.fieldChanges.map(\.description) == ["maximum_retry_attempts: (none) → 0"])
    }

    @Test(
        "the fewest requests: a no-op target costs one read, a change one read and one write; List reads a function's targets"
    )
    func requestCounts() async throws {
        let world = try await World.make()
        let lifecycle = world.lifecycle()
        // orders has two targets: one List reads both; payments has one: a Get.
        let desired = try DesiredState([
            try World.entry("orders:live", Self.oneRetry), try World.entry("orders", Self.oneRetry),
            try World.entry("payments", Self.oneRetry),
        ])
        await world.lambda.removeAllRequests()
        let plan = try await lifecycle.plan(desired)
        #expect(
            await world.lambda.requests.map(\.operation).sorted() == [
                "GetFunctionEventInvokeConfig", "ListFunctionEventInvokeConfigs",
            ])
        await world.lambda.removeAllRequests()
        #expect((await lifecycle.apply(plan)).succeeded)
        #expect(
            await world.lambda.requests.map(\.operation) == Array(repeating: "PutFunctionEventInvokeConfig", count: 3),
            "Put's answer is the read-back")
        await world.lambda.removeAllRequests()
        let again = try await lifecycle.plan(desired)
        #expect(again.isEmpty)
        #expect((await lifecycle.apply(again)).succeeded)
        #expect(await world.lambda.requestCount == 2, "no-op targets: the plan's two reads, nothing else")
    }

    @Test("an out-of-band change shows as exactly that change")
    func drift() async throws {
        let world = try await World.make()
        let desired = try DesiredState([try World.entry("orders", Self.oneRetry)])
        let lifecycle = world.lifecycle()
        _ = await lifecycle.apply(try await lifecycle.plan(desired))
        _ = try await world.client.update(
            EventInvokeConfigPatch(maximumEventAge: try MaximumEventAge(seconds: 600)),
            for: try FunctionReference("orders"))
        let plan = try await lifecycle.plan(desired)
        #expect(plan.counts == (0, 1, 0))
        #expect(plan.changes.first?.fieldChanges.map(\.description) == ["maximum_event_age_in_seconds: 600 → (none)"])
    }

    @Test("a target named by ARN, partial ARN or name is one target: no drift across spellings, duplicates refused")
    func spellings() async throws {
        let world = try await World.make()
        _ = try await world.client.put(Self.oneRetry, for: try FunctionReference("orders"))
        for spelling in [
            "orders", "orders:$LATEST", "arn:aws:lambda:us-east-1:123456789012:function:orders",
            "123456789012:function:orders",
        ] {
            let plan = try await world.lifecycle().plan(try DesiredState([try World.entry(spelling, Self.oneRetry)]))
            #expect(plan.isEmpty, "\(spelling)")
        }
        let duplicate = #expect(throws: DesiredStateError.self) {
            try DesiredState([
                try World.entry("orders", Self.oneRetry),
                try World.entry("arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST", Self.oneRetry),
            ])
        }
        #expect(duplicate?.message.contains("orders:$LATEST") == true)
    }

    @Test("unset and the service default are different: unset plans no change against unset, 2 does")
    func unsetVersusDefault() async throws {
        let world = try await World.make()
        _ = try await world.client.put(
            EventInvokeConfig(maximumEventAge: .minimum), for: try FunctionReference("orders"))
        let unset = try await world.lifecycle().plan(
            try DesiredState([try World.entry("orders", EventInvokeConfig(maximumEventAge: .minimum))]))
        #expect(unset.isEmpty)
        let two = try await world.lifecycle().plan(
            try DesiredState([
                try World.entry("orders", EventInvokeConfig(maximumRetryAttempts: .two, maximumEventAge: .minimum))
            ]))
        #expect(two.changes.first?.fieldChanges.map(\.description) == ["maximum_retry_attempts: (none) → 2"])
    }

    @Test("a destination IAM has not propagated yet is retried until it is valid, within the window")
    func propagation() async throws {
        let world = try await World.make()
        await world.lambda.registerDestinations([])
        let start = world.clock.date
        let lambda = world.lambda
        let lifecycle = world.lifecycle(onSleep: { now in
            if now.timeIntervalSince(start) >= 30 { await lambda.registerDestinations([World.queue]) }
        })
        let config = EventInvokeConfig(destinationConfig: try DestinationConfig(onFailureARN: World.queue))
        let report = await lifecycle.apply(
            try await lifecycle.plan(try DesiredState([try World.entry("orders", config)])))
        #expect(report.succeeded)
        #expect((report.results.first?.attempts ?? 0) > 3)
        #expect(world.clock.date.timeIntervalSince(start) >= 30)
    }

    @Test("past the propagation window the refusal is the target's failure")
    func propagationWindow() async throws {
        let world = try await World.make()
        await world.lambda.registerDestinations([])
        let start = world.clock.date
        let lifecycle = world.lifecycle(window: .seconds(20))
        let config = EventInvokeConfig(destinationConfig: try DestinationConfig(onFailureARN: World.queue))
        let report = await lifecycle.apply(
            try await lifecycle.plan(try DesiredState([try World.entry("orders", config)])))
        #expect(!report.succeeded)
        #expect(report.counts.failed == 1)
        #expect(world.clock.date.timeIntervalSince(start) <= 20)
    }

    @Test("one failing target does not stop the others; 409 conflicts are retried")
    func partialFailureAndConflicts() async throws {
        let world = try await World.make()
        await world.lambda.inject(.conflict(2, operation: "PutFunctionEventInvokeConfig"))
        let desired = try DesiredState([
            try World.entry("orders", Self.oneRetry), try World.entry("zzz-missing", Self.oneRetry),
            try World.entry("payments", Self.oneRetry),
        ])
        let lifecycle = world.lifecycle(concurrency: 1)
        let report = await lifecycle.apply(try await lifecycle.plan(desired))
        #expect(report.counts.applied == 2)
        #expect(report.counts.failed == 1)
        let failed = report.results.first { $0.failed }
        #expect(failed?.change.function.name == "zzz-missing")
        let orders = report.results.first { $0.change.function.name == "orders" }
        #expect((orders?.attempts ?? 0) >= 3, "two conflicts, then the Put")
    }

    @Test("a rate ceiling is never exceeded in any second and is reached over a long apply")
    func rateLimit() async throws {
        let world = try await World.make()
        for index in 0..<40 { try await world.lambda.seedFunction("f\(index)") }
        let desired = try DesiredState((0..<40).map { try World.entry("f\($0)", Self.oneRetry) })
        let lifecycle = world.lifecycle(concurrency: 1, rate: 5)
        let report = await lifecycle.apply(try await lifecycle.plan(desired))
        #expect(report.succeeded)
        let times = world.transport.times.withLock { $0 }
        #expect(times.count == 80, "a Get to plan and a Put, per target")
        for (index, time) in times.enumerated() {
            let window = times[index...].prefix { $0.timeIntervalSince(time) < 1 }
            #expect(window.count <= 5, "\(window.count) requests in the second from \(time)")
        }
        let span = (times.last ?? .distantPast).timeIntervalSince(times.first ?? .distantPast)
        #expect(Double(times.count - 1) / span >= 0.95 * 5)
    }

    @Test("prune deletes the configs a listed function has and the desired state does not mention, only when asked")
    func prune() async throws {
        let world = try await World.make()
        _ = try await world.client.put(Self.oneRetry, for: try FunctionReference("orders:1"))
        let desired = try DesiredState([try World.entry("orders", Self.oneRetry)])
        let plain = try await world.lifecycle().plan(desired)
        #expect(plain.counts == (1, 0, 0))
        let pruning = try await world.lifecycle().plan(desired, prune: true)
        #expect(pruning.counts == (1, 0, 1))
        #expect(pruning.changes.contains { $0.pruned && $0.function.qualifier?.rawValue == "1" })
        #expect(pruning.text.contains("pruned"))
        _ = await world.lifecycle().apply(pruning)
        #expect(await world.lambda.storedConfig(function: "orders", qualifier: "1") == nil)
    }

    @Test("an absent target's config is deleted; already gone is done")
    func absent() async throws {
        let world = try await World.make()
        _ = try await world.client.put(Self.oneRetry, for: try FunctionReference("orders"))
        let desired = try DesiredState([try World.entry("orders", nil), try World.entry("payments", nil)])
        let plan = try await world.lifecycle().plan(desired)
        #expect(plan.counts == (0, 0, 1))
        #expect((await world.lifecycle().apply(plan)).succeeded)
        #expect(await world.lambda.storedConfig(function: "orders") == nil)
    }

    @Test("cancellation stops starting changes and reports the rest as not attempted")
    func cancellation() async throws {
        let world = try await World.make()
        for index in 0..<30 { try await world.lambda.seedFunction("f\(index)") }
        let desired = try DesiredState((0..<30).map { try World.entry("f\($0)", Self.oneRetry) })
        let lifecycle = world.lifecycle(concurrency: 2)
        let plan = try await lifecycle.plan(desired)
        await world.lambda.setLatency(.milliseconds(20))
        let task = Task { await lifecycle.apply(plan) }
        try await Task.sleep(for: .milliseconds(150))
        task.cancel()
        let report = await task.value
        #expect(report.counts.failed == 0)
        #expect(report.counts.notAttempted > 0)
        #expect(report.counts.applied + report.counts.notAttempted == 30)
    }

    @Test("import gives the entry equal to what exists; applying it plans nothing")
    func importEntry() async throws {
        let world = try await World.make()
        let config = EventInvokeConfig(
            maximumRetryAttempts: .zero, destinationConfig: try DestinationConfig(onFailureARN: World.queue))
        _ = try await world.client.put(config, for: try FunctionReference("orders:live"))
        for id in ["orders:live", "arn:aws:lambda:us-east-1:123456789012:function:orders:live"] {
            let entry = try await world.lifecycle().importEntry(try ImportID(id))
            #expect(entry.config == config)
            #expect(try await world.lifecycle().plan(try DesiredState([entry])).isEmpty)
        }
    }
}

/// The DocC article's example ("Declaring async invocation settings"), compiled and run.
func enforceSettings(client: any EventInvokeConfigClient) async throws -> Bool {
    let desired = try DesiredState([
        DesiredState.Entry(
            name: "orders-live",
            function: try FunctionReference("orders:live"),
            config: EventInvokeConfig(
                maximumRetryAttempts: .zero,
                destinationConfig: try DestinationConfig(
                    onFailureARN: "arn:aws:sqs:us-east-1:123456789012:orders-dlq"))),
        // Absent: whatever config payments:$LATEST has is deleted.
        DesiredState.Entry(function: try FunctionReference("payments"), config: nil),
    ])
    let lifecycle = Lifecycle(client: client, options: .init(concurrency: 8, requestsPerSecond: 10))
    let plan = try await lifecycle.plan(desired)
    print(plan.text)  // + orders-live (orders:live) will be created …  Plan: 1 to add, 0 to change, 0 to destroy.
    guard !plan.isEmpty else { return true }
    let report = await lifecycle.apply(plan)
    for result in report.results where result.failed { print("failed:", result.change.name, result.outcome) }
    return report.succeeded
}

@Test("the DocC article's example runs on the in-memory Lambda")
func articleExample() async throws {
    let world = try await World.make()
    #expect(try await enforceSettings(client: world.client))
    #expect(
        await world.lambda.storedConfig(function: "orders", qualifier: "live")?.config.maximumRetryAttempts == .zero)
    #expect(try await enforceSettings(client: world.client))
}

@Suite("Lifecycle spans")
struct LifecycleTracingTests {
    @Test("plan and apply make one span per target, the client's call spans inside it")
    func spanPerTarget() async throws {
        let lambda = InMemoryLambda()
        try await lambda.seedFunction("orders", versions: 1)
        try await lambda.seedFunction("payments")
        let tracer = InMemoryTracer()
        var configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
            environment: [:])
        configuration.tracer = tracer
        let client = try LambdaEventInvokeConfigClient(
            configuration: configuration, transport: InMemoryTransport(lambda))
        var options = Lifecycle.Options(requestsPerSecond: nil)
        options.tracer = tracer
        let lifecycle = Lifecycle(client: client, options: options)
        let desired = try DesiredState([
            .init(function: try FunctionReference("orders"), config: EventInvokeConfig(maximumRetryAttempts: .zero)),
            .init(function: try FunctionReference("payments"), config: EventInvokeConfig(maximumRetryAttempts: .one)),
        ])
        let report = await lifecycle.apply(try await lifecycle.plan(desired))
        #expect(!report.results.contains { $0.failed })
        let spans = tracer.popFinishedSpans()
        for name in ["EventInvokeConfig.plan", "EventInvokeConfig.apply"] {
            let targets = spans.filter { $0.operationName == name }
            #expect(targets.count == 2, "\(name)")
            for target in targets {
                #expect(spans.contains { $0.operationName.hasPrefix("Lambda.") && $0.parentSpanID == target.spanID })
            }
        }
        var names: Set<String> = []
        for span in spans {
            if let value = span.attributes["eic.target"]?.toSpanAttribute(), case .string(let target) = value {
                names.insert(target)
            }
        }
        #expect(names.count == 2)
    }
}
