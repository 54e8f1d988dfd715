import EventInvokeConfigKit
import EventInvokeConfigTesting
import HTTPTypes
import LambdaEventInvokeConfig
import Testing

// The code of README.md and of the DocC article "Testing your code with InMemoryLambda", kept here as written there
// (tests wrapped in a suite), so that an API change that breaks a documented example fails the build or a test.
// Change both places together.

/// The article's code under test.
private struct OrdersSetup {
    let client: any EventInvokeConfigClient

    /// Failures of the live alias go to the dead-letter queue; no retries, events older than 10 minutes dropped.
    func configure() async throws {
        _ = try await client.put(
            EventInvokeConfig(
                maximumRetryAttempts: .zero,
                maximumEventAge: try MaximumEventAge(seconds: 600),
                destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:orders-dlq")),
            for: try FunctionReference("orders:live"))
    }
}

/// The README's "your code under test".
private struct MyService {
    let client: any EventInvokeConfigClient

    func configureOrders() async throws {
        _ = try await client.put(
            EventInvokeConfig(maximumRetryAttempts: .zero), for: try FunctionReference("orders:live"))
    }
}

@Suite("Documentation examples")
struct DocumentationExampleTests {
    @Test func ordersFailuresGoToTheQueue() async throws {
        let lambda = InMemoryLambda()
        try await lambda.seedFunction("orders", versions: 2, aliases: ["live": 2])
        await lambda.registerDestinations(["arn:aws:sqs:us-east-1:123456789012:orders-dlq"])
        await lambda.verifySignatures()
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials)),
            transport: InMemoryTransport(lambda))

        try await OrdersSetup(client: client).configure()

        let stored = try #require(await lambda.storedConfig(function: "orders", qualifier: "live"))
        #expect(stored.config.maximumRetryAttempts == .zero)
        #expect(stored.config.destinationConfig?.onFailure?.kind == .sqsQueue)
        #expect(await lambda.storedConfig(function: "orders") == nil, "$LATEST untouched")
    }

    @Test func ordersSetupSurvivesThrottling() async throws {
        let lambda = InMemoryLambda()
        try await lambda.seedFunction("orders", versions: 1, aliases: ["live": 1])
        await lambda.inject(.throttle(2, retryAfterSeconds: 1))
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                sleep: { _ in }),  // no real waiting in tests
            transport: InMemoryTransport(lambda))

        try await OrdersSetup(client: client).configure()

        #expect(await lambda.requests.map(\.status) == [429, 429, 200])
    }

    @Test func retriesAreDisabledForOrders() async throws {
        let lambda = InMemoryLambda()
        try await lambda.seedFunction("orders", versions: 1, aliases: ["live": 1])
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials)),
            transport: InMemoryTransport(lambda))
        try await MyService(client: client).configureOrders()  // your code under test
        #expect(
            await lambda.storedConfig(function: "orders", qualifier: "live")?.config.maximumRetryAttempts == .zero)
    }

    /// The README's usage example against AWS: compiled, never run (it needs credentials and the network).
    func readmeUsage() async throws {
        let client = try LambdaEventInvokeConfigClient(
            // region and credentials where the AWS CLI finds them
            configuration: try .fromEnvironment())
        let record = try await client.put(
            EventInvokeConfig(
                maximumRetryAttempts: .zero,
                maximumEventAge: .minimum,
                destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:orders-dlq")),
            for: try FunctionReference("orders:live"))
        for try await config in client.listAll(try FunctionReference("orders")) { print(config.functionARN) }
        _ = record
    }

    @Test func readmeValueModel() throws {
        // Every form Lambda accepts for FunctionName parses; errors say what was wrong and how to fix it.
        let function = try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:orders:live")

        // Bounded values validate on construction: 0...2 retries, 60...21600 seconds.
        let config = EventInvokeConfig(
            maximumRetryAttempts: try MaximumRetryAttempts(1),
            maximumEventAge: try MaximumEventAge(seconds: 3600),
            destinationConfig: try DestinationConfig(
                onSuccessARN: "arn:aws:sns:us-east-1:123456789012:order-events",
                onFailureARN: "arn:aws:sqs:us-east-1:123456789012:orders-dlq"))
        try config.validateForPut(function: function)  // no empty config, no self-destination

        // Terraform import IDs: name, name:qualifier, ARN, ARN:qualifier, and partial ARNs.
        let id = try ImportID("my_function:production")
        #expect(id.functionName == "my_function")
        #expect(id.qualifier?.rawValue == "production")
    }
}
