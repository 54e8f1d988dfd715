import AsyncHTTPClient
import Benchmark
import EventInvokeConfigAsyncHTTPClient
import EventInvokeConfigKit
import EventInvokeConfigTesting
import EventInvokeConfigURLSession
import Foundation
import NIOCore
import Synchronization

let recordBody = """
    {"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST","LastModified":1577824406.719,\
    "MaximumRetryAttempts":1,"MaximumEventAgeInSeconds":3600,\
    "DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"}}}
    """
let staticCredentials = StaticCredentialsProvider(
    Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))

func makeClient(
    endpoint: String?, transport: any HTTPTransport, credentials: Credentials? = nil
) -> LambdaEventInvokeConfigClient {
    // The configuration is static and valid; a failure here is a bug in the benchmark itself.
    do {
        return try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: credentials.map(StaticCredentialsProvider.init) ?? staticCredentials,
                endpoint: endpoint, retryPolicy: .none,
                environment: [:]),
            transport: transport)
    } catch {
        fatalError("benchmark client: \(error)")
    }
}

/// The config every Put+Get pair benchmark puts.
let pairConfig = EventInvokeConfig(maximumRetryAttempts: .one, maximumEventAge: .minimum)

/// The live client on an `InMemoryLambda` of its own.
struct EmulatedClient: Sendable {
    let lambda = InMemoryLambda()
    let client: LambdaEventInvokeConfigClient

    init() {
        client = makeClient(
            endpoint: nil, transport: InMemoryTransport(lambda), credentials: InMemoryLambda.testCredentials)
    }

    /// For a benchmark's setup: creates `my-function`; with `verifying`, the emulator checks every signature.
    func seed(verifying: Bool = false) async {
        do {
            try await lambda.seedFunction("my-function")
            if verifying { await lambda.verifySignatures() }
        } catch {
            fatalError("benchmark setup: \(error)")
        }
    }
}

/// One paired measurement: times `side(0)` and `side(1)` back to back, `alternations` times, flipping which goes
/// first each time (and starting the other way on odd iterations), so drift on a shared machine hits both alike;
/// returns the summed time of side 0 / side 1 × 1000. Many short alternations keep the two sides close in time: a
/// burst of host noise lands on both instead of on one side's whole half of the measurement.
func pairedRatio(
    _ iteration: Int, alternations: Int = 1, _ side: (Int) async throws -> Void
) async rethrows -> Int {
    var times = [Duration.zero, .zero]
    for alternation in 0..<alternations {
        for index in (iteration + alternation).isMultiple(of: 2) ? [0, 1] : [1, 0] {
            let start = ContinuousClock.now
            try await side(index)
            times[index] += ContinuousClock.now - start
        }
    }
    return Int((times[0] / times[1] * 1000).rounded())
}

/// Runs `concurrency` Gets at once and waits for all.
func concurrentGets(_ concurrency: Int, _ get: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<concurrency { group.addTask { try await get() } }
        try await group.waitForAll()
    }
}

/// The baselines: the same Get through AsyncHTTPClient with nothing of ours (no signing, no decoding), with no
/// AWS headers (the minimal Get) or with `headers` replayed as constants (the same request).
@Sendable func bareGet(_ url: String, headers: [(name: String, value: String)] = []) async throws {
    var request = HTTPClientRequest(url: url)
    request.method = .GET
    if !headers.isEmpty {
        request.headers.reserveCapacity(headers.count)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    blackHole(try await response.body.collect(upTo: 1 << 20))
}

/// The header fields our client sends for the loopback Get (user-agent, x-amz-date, authorization,
/// amz-sdk-invocation-id, amz-sdk-request), captured once through a scripted transport, so the second baseline can
/// send the same request, byte for byte on the wire, without signing or any other work of ours.
let sameRequestHeaders = Mutex<[(name: String, value: String)]>([])

@Sendable func captureSameRequestHeaders(endpoint: String, function: FunctionReference) async throws {
    let capture = ScriptedTransport { _ in TransportResponse(status: .ok, body: recordBody) }
    _ = try await makeClient(endpoint: endpoint, transport: capture).get(function)
    let fields = capture.requests.first?.head.headerFields.map { ($0.name.rawName, $0.value) } ?? []
    sameRequestHeaders.withLock { $0 = fields }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput], warmupIterations: 10, maxDuration: .seconds(3),
        maxIterations: 100_000)

    let function: FunctionReference
    let server: CannedServer
    do {
        function = try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST")
        server = try CannedServer(body: recordBody)
    } catch {
        fatalError("benchmark setup: \(error)")
    }

    // Encode, sign, "send" through the scripted transport and decode: the client's own cost.
    let scripted = ScriptedTransport { _ in TransportResponse(status: .ok, body: recordBody) }
    let inMemory = makeClient(endpoint: nil, transport: scripted)
    Benchmark("Client.getInMemory", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await inMemory.get(function))
        }
    }

    // The same with role credentials as production has them: a session token of about a kilobyte (STS, IAM roles
    // for EC2, ECS and Lambda), which is signed, hashed into the canonical request and sent on every request.
    let roleCredentials = Credentials(
        accessKeyID: "ASIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: String(repeating: "IQoJb3JpZ2luX2VjEXAMPLE+/=", count: 40))
    let inMemoryRole = makeClient(endpoint: nil, transport: scripted, credentials: roleCredentials)
    Benchmark("Client.getInMemory.sessionToken1KB", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await inMemoryRole.get(function))
        }
    }
    // Put then Get through the live client, InMemoryTransport and InMemoryLambda, with and without SigV4
    // verification by the emulator: what a user's unit test pays per operation pair.
    for verify in [false, true] {
        let emulated = EmulatedClient()
        Benchmark(
            "InMemory.putGetRoundTrip" + (verify ? ".verified" : ""),
            configuration: .init(scalingFactor: .kilo, setup: { await emulated.seed(verifying: verify) })
        ) { benchmark in
            let client = emulated.client
            for _ in benchmark.scaledIterations {
                blackHole(try await client.put(pairConfig, for: function))
                blackHole(try await client.get(function))
            }
        }
    }

    // Loopback: a canned server on 127.0.0.1; the same Gets through our client over AsyncHTTPClient, through bare
    // AsyncHTTPClient (no signing, no decoding) as the baseline, and through URLSession.
    let endpoint = "http://127.0.0.1:\(server.port)"
    let path =
        "/2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-function/event-invoke-config?Qualifier=%24LATEST"
    let ahcClient = makeClient(endpoint: endpoint, transport: AsyncHTTPClientTransport(client: .shared))
    let urlSessionClient = makeClient(endpoint: endpoint, transport: URLSessionTransport())

    for concurrency in [1, 32] {
        Benchmark("Client.getLoopback.AsyncHTTPClientTransport.c\(concurrency)") { benchmark in
            for _ in benchmark.scaledIterations {
                try await concurrentGets(concurrency) { blackHole(try await ahcClient.get(function)) }
            }
        }
        Benchmark("Client.getLoopback.bareAsyncHTTPClient.c\(concurrency)") { benchmark in
            for _ in benchmark.scaledIterations {
                try await concurrentGets(concurrency) { try await bareGet(endpoint + path) }
            }
        }
        Benchmark(
            "Client.getLoopback.bareAsyncHTTPClient.sameRequest.c\(concurrency)",
            configuration: .init(setup: { try await captureSameRequestHeaders(endpoint: endpoint, function: function) })
        ) { benchmark in
            let headers = sameRequestHeaders.withLock { $0 }
            for _ in benchmark.scaledIterations {
                try await concurrentGets(concurrency) { try await bareGet(endpoint + path, headers: headers) }
            }
        }
        // The ratios themselves, measured pairwise: each iteration times one round through our client and one
        // through a baseline back to back (alternating which goes first), so drift on a shared machine hits both
        // sides of every ratio alike. Recorded as ours/baseline × 1000 (1100 = 10% overhead). Two baselines: the
        // minimal Get (no AWS headers at all), and the same request — our exact header fields replayed as
        // constants — which leaves only the work of ours (signing, encoding, decoding, the transport's mapping).
        let rounds = concurrency == 1 ? 16 : 4
        // Third: the control (A/A), the same-request baseline against itself, which shows what the method reads
        // when there is no difference at all.
        enum Side { case ours, bare, bareSameRequest }
        for (name, first, second) in [
            ("oursOverBare", Side.ours, Side.bare), ("oursOverBareSameRequest", .ours, .bareSameRequest),
            ("controlBareSameRequestOverItself", .bareSameRequest, .bareSameRequest),
        ] {
            Benchmark(
                "Client.getLoopback.\(name).c\(concurrency)",
                configuration: .init(
                    metrics: [.custom("ours/bare ×1000", useScalingFactor: false)],
                    // A c32 iteration takes about 40 ms: the default 3 s gave 56–106 samples, too few for a median
                    // to settle on this host; 12 s gives about 300.
                    maxDuration: .seconds(concurrency == 1 ? 3 : 12),
                    setup: { try await captureSameRequestHeaders(endpoint: endpoint, function: function) })
            ) { benchmark in
                let headers = sameRequestHeaders.withLock { $0 }
                func round(_ side: Side) async throws {
                    switch side {
                    case .ours:
                        try await concurrentGets(concurrency) { blackHole(try await ahcClient.get(function)) }
                    case .bare:
                        try await concurrentGets(concurrency) { try await bareGet(endpoint + path) }
                    case .bareSameRequest:
                        try await concurrentGets(concurrency) { try await bareGet(endpoint + path, headers: headers) }
                    }
                }
                for iteration in benchmark.scaledIterations {
                    let ratio = try await pairedRatio(iteration, alternations: rounds) { side in
                        try await round(side == 0 ? first : second)
                    }
                    benchmark.measurement(.custom("ours/bare ×1000", useScalingFactor: false), ratio)
                }
            }
        }
        Benchmark("Client.getLoopback.URLSessionTransport.c\(concurrency)") { benchmark in
            for _ in benchmark.scaledIterations {
                try await concurrentGets(concurrency) { blackHole(try await urlSessionClient.get(function)) }
            }
        }
    }
}
