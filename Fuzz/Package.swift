// swift-tools-version: 6.1
import PackageDescription

// libFuzzer harness for the parsers and the JSON decoder. Build and run it as Documentation/Fuzzing.md describes;
// it only links with `-sanitize=fuzzer`, which provides `main`.
let package = Package(
    name: "EventInvokeConfigFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-event-invoke-config", path: "..")],
    targets: [
        .executableTarget(
            name: "EventInvokeConfigFuzz",
            dependencies: [
                .product(name: "EventInvokeConfigARN", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigModel", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigKit", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigSigV4", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigTesting", package: "swift-event-invoke-config"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
