import CoreMetrics
import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Logging
import Synchronization

/// Shared pieces of the client tests.
enum Fixture {
    /// An environment whose shared config files do not exist, so no test reads the machine's `~/.aws`.
    static let noFiles = [
        "AWS_CONFIG_FILE": "/nonexistent/eic-tests/config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/eic-tests/credentials",
        "AWS_EC2_METADATA_DISABLED": "true",
    ]

    static let credentials = Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "SESSIONTOKENEXAMPLE")
    static let epoch = Date(timeIntervalSince1970: 1_795_867_200)

    static let recordJSON = """
        {"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST",
         "LastModified":1577824406.719,"MaximumRetryAttempts":1,"MaximumEventAgeInSeconds":3600}
        """

    static func ok(_ body: String = recordJSON, headers: HTTPFields = [:]) -> ScriptedTransport.Outcome {
        var fields = headers
        fields[.contentType] = "application/json"
        return .response(TransportResponse(status: .ok, headers: fields, body: body))
    }

    static func error(
        _ status: Int, type: String?, message: String = "boom", extraHeaders: [(String, String)] = []
    ) -> ScriptedTransport.Outcome {
        var fields: HTTPFields = [:]
        if let type, let name = HTTPField.Name("x-amzn-ErrorType") { fields[name] = type }
        for (name, value) in extraHeaders {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return .response(
            TransportResponse(
                status: .init(code: status), headers: fields, body: #"{"Type":"User","message":"\#(message)"}"#))
    }

    /// Records the delays the client asks for and returns at once.
    final class Sleeper: Sendable {
        let delays = Mutex<[Duration]>([])
        var recorded: [Duration] { delays.withLock { $0 } }
        var sleep: @Sendable (Duration) async throws -> Void {
            { duration in
                self.delays.withLock { $0.append(duration) }
                try Task.checkCancellation()
            }
        }
    }

    static func client(
        _ transport: ScriptedTransport, retry: RetryPolicy = .standard, random: Double = 0.5,
        sleeper: Sleeper = Sleeper(), clock: @escaping @Sendable () -> Date = { Fixture.epoch },
        environment: [String: String] = [:], logger: Logger? = nil, region: String = "us-east-1",
        metrics: (any MetricsFactory)? = nil
    ) throws -> LambdaEventInvokeConfigClient {
        var configuration = LambdaEventInvokeConfigClient.Configuration(
            region: try Region(region), credentials: StaticCredentialsProvider(credentials), retryPolicy: retry,
            environment: environment, clock: clock, random: { random }, sleep: sleeper.sleep)
        if let logger { configuration.logger = logger }
        configuration.metricsFactory = metrics
        return try LambdaEventInvokeConfigClient(configuration: configuration, transport: transport)
    }
}
