// swift-tools-version: 6.1
import PackageDescription

// An example service: a Hummingbird app whose endpoint reads and sets a function's asynchronous invocation settings
// through the library, on the app's shared HTTPClient, with the request's logger and span. It depends on the
// library by path; CI builds it and sends it one request against eic-local (.ci/run).
let package = Package(
    name: "HummingbirdService",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-event-invoke-config", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdService",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "EventInvokeConfigKit", package: "swift-event-invoke-config"),
                .product(name: "EventInvokeConfigAsyncHTTPClient", package: "swift-event-invoke-config"),
            ]
        )
    ]
)
