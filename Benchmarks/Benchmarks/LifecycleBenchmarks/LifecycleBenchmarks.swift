import Benchmark
import EventInvokeConfigKit
import EventInvokeConfigLifecycle
import EventInvokeConfigTesting
import Foundation

/// Plan + apply of a desired state of `count` functions on an `InMemoryLambda` of its own, with no rate limit:
/// the lifecycle's own cost (planning Gets, Puts, read-back Gets, bounded concurrency) at bulk scale.
final class BulkWorld: @unchecked Sendable {
    var lifecycle: Lifecycle?
    var desired: DesiredState?

    func seed(_ count: Int) async throws {
        let lambda = InMemoryLambda()
        var entries: [DesiredState.Entry] = []
        entries.reserveCapacity(count)
        let config = EventInvokeConfig(maximumRetryAttempts: .one, maximumEventAge: .minimum)
        for index in 0..<count {
            let name = "function-\(index)"
            try await lambda.seedFunction(name)
            entries.append(DesiredState.Entry(function: try FunctionReference(name), config: config))
        }
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                environment: [:]),
            transport: InMemoryTransport(lambda))
        lifecycle = Lifecycle(client: client, options: .init(concurrency: 8, requestsPerSecond: nil))
        desired = try DesiredState(entries)
    }
}

let benchmarks: @Sendable () -> Void = {
    for count in [1_000, 10_000] {
        let world = BulkWorld()
        Benchmark(
            count == 10_000 ? "Lifecycle.applyBulk" : "Lifecycle.applyBulk1000",
            configuration: .init(
                metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxDuration: .seconds(120),
                maxIterations: count == 10_000 ? 3 : 5,
                setup: { try await world.seed(count) })
        ) { benchmark in
            guard let lifecycle = world.lifecycle, let desired = world.desired else { return }
            benchmark.startMeasurement()
            let plan = try await lifecycle.plan(desired)
            let report = await lifecycle.apply(plan)
            benchmark.stopMeasurement()
            precondition(report.succeeded && report.counts.applied == count, "every target applied")
            // Back to nothing, unmeasured, so that the next iteration plans creates again.
            let cleanup = try DesiredState(desired.entries.map { .init(function: $0.function, config: nil) })
            _ = await lifecycle.apply(try await lifecycle.plan(cleanup))
        }
    }
}
