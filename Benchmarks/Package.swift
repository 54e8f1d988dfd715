// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that the library's users never resolve package-benchmark.
// Run with: swift package --package-path Benchmarks benchmark
let package = Package(
    name: "EventInvokeConfigBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-event-invoke-config", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "ParserBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EventInvokeConfigARN", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigModel", package: "swift-event-invoke-config"),
            ],
            path: "Benchmarks/ParserBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A plain C signer on OpenSSL's SHA-256 (system libcrypto, Debian's libssl-dev): the C baseline the Swift
        // signer is measured against in the same run.
        .target(
            name: "CSigV4Reference",
            path: "Benchmarks/CSigV4Reference",
            linkerSettings: [.linkedLibrary("crypto")]
        ),
        .executableTarget(
            name: "SigV4Benchmarks",
            dependencies: [
                "CSigV4Reference",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EventInvokeConfigSigV4", package: "swift-event-invoke-config"),
            ],
            path: "Benchmarks/SigV4Benchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ClientBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EventInvokeConfigKit", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigAsyncHTTPClient", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigURLSession", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigTesting", package: "swift-event-invoke-config"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/ClientBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LifecycleBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EventInvokeConfigKit", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigLifecycle", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigTesting", package: "swift-event-invoke-config"),
            ],
            path: "Benchmarks/LifecycleBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
