// swift-tools-version: 6.1
import PackageDescription

/// Settings every target of ours shares: Swift 6 mode is the tools-version default; these upcoming features make
/// dependencies explicit (`MemberImportVisibility`, `InternalImportsByDefault`) and existentials visible (`any`).
/// CI sets `EIC_WARNINGS_AS_ERRORS=1` so that any warning in our own targets fails the build; the flag is never set
/// for packages that depend on us (unsafe flags would make the package unusable as a dependency).
let strictSettings: [SwiftSetting] =
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ] + (Context.environment["EIC_WARNINGS_AS_ERRORS"] == "1" ? [.unsafeFlags(["-warnings-as-errors"])] : [])

let package = Package(
    name: "swift-event-invoke-config",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EventInvokeConfigCore", targets: ["EventInvokeConfigCore"]),
        .library(name: "EventInvokeConfigARN", targets: ["EventInvokeConfigARN"]),
        .library(name: "EventInvokeConfigModel", targets: ["EventInvokeConfigModel"]),
        .library(name: "EventInvokeConfigSigV4", targets: ["EventInvokeConfigSigV4"]),
        .library(name: "EventInvokeConfigTransport", targets: ["EventInvokeConfigTransport"]),
        .library(name: "EventInvokeConfigURLSession", targets: ["EventInvokeConfigURLSession"]),
        .library(name: "EventInvokeConfigAsyncHTTPClient", targets: ["EventInvokeConfigAsyncHTTPClient"]),
        .library(name: "EventInvokeConfigAWSConfig", targets: ["EventInvokeConfigAWSConfig"]),
        .library(name: "EventInvokeConfigCredentials", targets: ["EventInvokeConfigCredentials"]),
        .library(name: "EventInvokeConfigKit", targets: ["EventInvokeConfigKit"]),
        .library(name: "LambdaEventInvokeConfig", targets: ["LambdaEventInvokeConfig"]),
        .library(name: "EventInvokeConfigTesting", targets: ["EventInvokeConfigTesting"]),
        .library(name: "EventInvokeConfigLifecycle", targets: ["EventInvokeConfigLifecycle"]),
        .executable(name: "eic", targets: ["eic"]),
        .executable(name: "eic-local", targets: ["eic-local"]),
    ],
    traits: [
        .trait(
            name: "AsyncHTTPClientTransport",
            description: """
                Builds AsyncHTTPClientTransport (product EventInvokeConfigAsyncHTTPClient) on AsyncHTTPClient. \
                On by default; a package that depends on this one with `traits: []` does not resolve, \
                fetch or build AsyncHTTPClient and SwiftNIO, and the product is then empty.
                """
        ),
        .trait(
            name: "LocalServer",
            description: """
                Builds the server of `eic-local` on SwiftNIO. On by default; with it off, `eic-local` only says it \
                was built without a server, and SwiftNIO is not fetched for it.
                """
        ),
        .default(enabledTraits: ["AsyncHTTPClientTransport", "LocalServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The vocabulary every target shares: timestamps, display text, durations, ASCII classes, InvalidValueError.
        .target(name: "EventInvokeConfigCore", swiftSettings: strictSettings),
        .target(name: "EventInvokeConfigARN", dependencies: ["EventInvokeConfigCore"], swiftSettings: strictSettings),
        .target(
            name: "EventInvokeConfigModel",
            dependencies: ["EventInvokeConfigARN"],
            swiftSettings: strictSettings
        ),
        // OpenSSL's libcrypto, which the signer hashes with where CryptoKit is not available (Linux).
        .systemLibrary(
            name: "CEventInvokeConfigLibcrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .yum(["openssl-devel"])]
        ),
        .target(
            name: "EventInvokeConfigSigV4",
            dependencies: [
                "EventInvokeConfigCore",
                .target(name: "CEventInvokeConfigLibcrypto", condition: .when(platforms: [.linux, .android])),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EventInvokeConfigTransport",
            dependencies: ["EventInvokeConfigCore", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EventInvokeConfigURLSession",
            dependencies: [
                "EventInvokeConfigCore", "EventInvokeConfigTransport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EventInvokeConfigAsyncHTTPClient",
            dependencies: [
                "EventInvokeConfigTransport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(
                    name: "AsyncHTTPClient", package: "async-http-client",
                    condition: .when(traits: ["AsyncHTTPClientTransport"])),
                .product(
                    name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClientTransport"])),
                .product(
                    name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClientTransport"])),
            ],
            swiftSettings: strictSettings
        ),
        // The AWS configuration: the shared config files (profiles, services, region) and endpoint resolution.
        .target(
            name: "EventInvokeConfigAWSConfig",
            dependencies: ["EventInvokeConfigARN", "EventInvokeConfigCore"],
            swiftSettings: strictSettings
        ),
        // The default credential provider chain and each provider.
        .target(
            name: "EventInvokeConfigCredentials",
            dependencies: [
                "EventInvokeConfigARN",
                "EventInvokeConfigAWSConfig",
                "EventInvokeConfigCore",
                "EventInvokeConfigSigV4",
                "EventInvokeConfigTransport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EventInvokeConfigKit",
            dependencies: [
                "EventInvokeConfigARN",
                "EventInvokeConfigAWSConfig",
                "EventInvokeConfigCredentials",
                "EventInvokeConfigModel",
                "EventInvokeConfigSigV4",
                "EventInvokeConfigTransport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        // The Terraform resource's lifecycle (desired state, plan, apply, import) and its *.tf.json reader.
        .target(
            name: "EventInvokeConfigLifecycle",
            dependencies: [
                "EventInvokeConfigCore", "EventInvokeConfigKit",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        // The umbrella: the client with the URLSession transport, one import and one initialiser.
        .target(
            name: "LambdaEventInvokeConfig",
            dependencies: ["EventInvokeConfigKit", "EventInvokeConfigURLSession"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EventInvokeConfigTesting",
            dependencies: [
                "EventInvokeConfigARN",
                "EventInvokeConfigModel",
                "EventInvokeConfigSigV4",
                "EventInvokeConfigTransport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "eic",
            dependencies: [
                "EventInvokeConfigARN",
                "EventInvokeConfigAWSConfig",
                "EventInvokeConfigCore",
                "EventInvokeConfigCredentials",
                "EventInvokeConfigModel",
                "EventInvokeConfigSigV4",
                "EventInvokeConfigKit",
                "EventInvokeConfigLifecycle",
                "EventInvokeConfigURLSession",
                "EventInvokeConfigTesting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The in-memory Lambda served over HTTP with SwiftNIO; its own target, so `swift run eic` builds no server.
        .executableTarget(
            name: "eic-local",
            dependencies: [
                "EventInvokeConfigARN",
                "EventInvokeConfigAWSConfig",
                "EventInvokeConfigCore",
                "EventInvokeConfigSigV4",
                "EventInvokeConfigTesting",
                "EventInvokeConfigTransport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["LocalServer"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["LocalServer"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["LocalServer"])),
            ],
            swiftSettings: strictSettings
        ),
        // Shared by the test targets only: process running, the moto peer and the conformance data (copied in,
        // with its provenance, so a fresh clone runs every conformance test).
        .target(
            name: "EventInvokeConfigTestSupport",
            dependencies: [
                "EventInvokeConfigARN", "EventInvokeConfigAWSConfig", "EventInvokeConfigCredentials",
                "EventInvokeConfigTransport", "EventInvokeConfigURLSession", "EventInvokeConfigAsyncHTTPClient",
                .product(name: "Logging", package: "swift-log"),
                .product(
                    name: "AsyncHTTPClient", package: "async-http-client",
                    condition: .when(traits: ["AsyncHTTPClientTransport"])),
            ],
            path: "Tests/TestSupport",
            exclude: ["Conformance/PROVENANCE.md"], resources: [.copy("Conformance")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigCoreTests",
            dependencies: [
                "EventInvokeConfigCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigARNTests",
            dependencies: [
                "EventInvokeConfigARN",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigModelTests",
            dependencies: [
                "EventInvokeConfigModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigSigV4Tests",
            dependencies: [
                "EventInvokeConfigSigV4",
                "EventInvokeConfigTesting",
                "EventInvokeConfigTestSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigCredentialsTests",
            dependencies: [
                "EventInvokeConfigARN",
                "EventInvokeConfigAWSConfig",
                "EventInvokeConfigCredentials",
                "EventInvokeConfigSigV4",
                "EventInvokeConfigTransport",
                "EventInvokeConfigTesting",
                "EventInvokeConfigTestSupport",
                "EventInvokeConfigURLSession",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigKitTests",
            dependencies: [
                "EventInvokeConfigKit",
                .product(
                    name: "AsyncHTTPClient", package: "async-http-client",
                    condition: .when(traits: ["AsyncHTTPClientTransport"])),
                "LambdaEventInvokeConfig",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "EventInvokeConfigAsyncHTTPClient",
                "EventInvokeConfigURLSession",
                "EventInvokeConfigTesting",
                "EventInvokeConfigTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigTestingTests",
            dependencies: [
                "EventInvokeConfigKit",
                "EventInvokeConfigTestSupport",
                "LambdaEventInvokeConfig",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "EventInvokeConfigTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventInvokeConfigLifecycleTests",
            dependencies: [
                "EventInvokeConfigLifecycle", "EventInvokeConfigKit", "EventInvokeConfigTesting",
                "EventInvokeConfigTestSupport", "EventInvokeConfigURLSession",
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EICLocalTests",
            dependencies: [
                "eic-local",
                "EventInvokeConfigKit",
                "EventInvokeConfigURLSession",
                "EventInvokeConfigAsyncHTTPClient",
                "EventInvokeConfigTestSupport",
                .product(
                    name: "AsyncHTTPClient", package: "async-http-client",
                    condition: .when(traits: ["AsyncHTTPClientTransport"])),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "eicTests",
            dependencies: ["eic", "eic-local", "EventInvokeConfigCore", "EventInvokeConfigTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
