import AsyncHTTPClient
import EventInvokeConfigAsyncHTTPClient
import EventInvokeConfigKit
import Foundation
import Hummingbird
import Logging

/// What the endpoint answers and accepts: the settings of one function (or version, or alias).
struct Settings: ResponseCodable {
    var functionARN: String?
    var maximumRetryAttempts: Int?
    var maximumEventAgeInSeconds: Int?
    var onFailure: String?

    init(_ record: EventInvokeConfigRecord) {
        functionARN = record.functionARN.description
        maximumRetryAttempts = record.config.maximumRetryAttempts?.value
        maximumEventAgeInSeconds = record.config.maximumEventAge?.seconds
        onFailure = record.config.destinationConfig?.onFailure?.description
    }

    /// The config to Put; the bounded types refuse what Lambda would (a 400 names the field).
    func config() throws -> EventInvokeConfig {
        EventInvokeConfig(
            maximumRetryAttempts: try maximumRetryAttempts.map { try MaximumRetryAttempts($0) },
            maximumEventAge: try maximumEventAgeInSeconds.map { try MaximumEventAge(seconds: $0) },
            destinationConfig: try onFailure.map { try DestinationConfig(onFailureARN: $0) })
    }
}

@main
struct HummingbirdService {
    static func main() async throws {
        // The app's shared HTTPClient: the transport runs on its event loops (and never follows a redirect).
        let transport = AsyncHTTPClientTransport(client: .shared)
        let client = try LambdaEventInvokeConfigClient(
            configuration: try .fromEnvironment(transport: transport), transport: transport)

        let router = Router()
        // A span per request: the client's `Lambda.…` spans nest under it, through the tracer bootstrapped at start.
        router.middlewares.add(TracingMiddleware())
        router.middlewares.add(LogRequestsMiddleware(.info))
        router.get("functions/:name/event-invoke-config") { _, context -> Settings in
            let function = try FunctionReference(try context.parameters.require("name"))
            // The request's logger: its metadata (the request id) is on the client's lines.
            return Settings(try await client.get(function, logger: context.logger))
        }
        router.put("functions/:name/event-invoke-config") { request, context -> Settings in
            let function = try FunctionReference(try context.parameters.require("name"))
            let settings = try await request.decode(as: Settings.self, context: context)
            return Settings(try await client.put(try settings.config(), for: function, logger: context.logger))
        }

        let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                print("listening on \(channel.localAddress?.port ?? port)")
            })
        try await app.runService()
    }
}
