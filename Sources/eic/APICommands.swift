import ArgumentParser
import EventInvokeConfigARN
import EventInvokeConfigCredentials
import EventInvokeConfigKit
import EventInvokeConfigLifecycle
import EventInvokeConfigURLSession
import Foundation
import Logging

/// Options every API command takes, named as in the AWS CLI.
struct ClientOptions: ParsableArguments {
    @Option(help: "The region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region).")
    var region: String?

    @Option(help: "The profile of ~/.aws/config and ~/.aws/credentials to use (default: AWS_PROFILE, then default).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send requests to this URL instead of the regional endpoint.")
    var endpointURL: String?

    @Option(help: "Output format: json or table (default: json; for plan and apply, the plan as text).")
    var output: OutputFormat?

    /// The output format of the API commands (JSON unless told otherwise, as the AWS CLI).
    var format: OutputFormat { output ?? .json }

    @Flag(help: "Log each attempt to standard error (secrets redacted).")
    var debug = false

    @Flag(name: .customLong("dry-run"), help: "Print the signed HTTP request as JSON and send nothing.")
    var dryRun = false

    @Option(
        name: .customLong("cli-read-timeout"),
        help: "Seconds one attempt may wait for the whole answer (default 60; 0 waits without limit).")
    var readTimeout: Int?

    @Option(
        name: .customLong("cli-connect-timeout"),
        help: """
            Seconds one attempt may spend connecting (default 60; 0 without limit). URLSession has no separate \
            connect timer, so an attempt is bounded by the connect and read timeouts together.
            """)
    var connectTimeout: Int?

    /// The longest one attempt may take: the connect and read timeouts together (the AWS CLI's defaults are 60 s
    /// each), or about a century when either is 0 (no limit).
    var attemptTimeout: Duration {
        let connect = connectTimeout ?? 60
        let read = readTimeout ?? 60
        return connect == 0 || read == 0 ? .seconds(3_153_600_000) : .seconds(connect + read)
    }

    /// Builds the client from the options and the environment.
    func makeClient(transport: (any HTTPTransport)? = nil) throws -> LambdaEventInvokeConfigClient {
        try makeClient(region: region, profile: profile, endpoint: endpointURL, transport: transport)
    }

    /// Builds the client of a Terraform `provider "aws"` block: its `region`, `profile` and `endpoints.lambda`; for
    /// the default (unaliased) provider `--region`, `--profile` and `--endpoint-url` fill what the block leaves
    /// unset. `assume_role` assumes the role with the credentials the chain finds (cached, refreshed before they
    /// expire), through the STS endpoint of the provider's region.
    func makeClient(for provider: TerraformJSON.Provider) throws -> LambdaEventInvokeConfigClient {
        let isDefault = provider.alias == nil
        let network = URLSessionTransport()
        var configuration = try clientConfiguration(
            region: provider.region ?? (isDefault ? region : nil),
            profile: provider.profile ?? (isDefault ? profile : nil),
            endpoint: provider.lambdaEndpoint ?? (isDefault ? endpointURL : nil), network: network)
        let environment = ProcessInfo.processInfo.environment
        // Plan and apply pace themselves: the adaptive retry mode, unless the environment or profile chose a mode.
        let chosen = environment["AWS_RETRY_MODE"] ?? configuration.sharedConfiguration?.profile?["retry_mode"]
        if chosen == nil && configuration.retryPolicy.mode == .standard && !dryRun {
            configuration.retryPolicy.mode = .adaptive
        }
        if let role = provider.assumeRole {
            do {
                let shared = try SharedConfiguration.load(profile: provider.profile, environment: environment)
                let stsRegion = configuration.region.name
                let sts = STSClient(
                    endpoint: try Endpoint.resolve(
                        service: .sts, region: stsRegion, environment: environment, shared: shared),
                    region: stsRegion, transport: network)
                configuration.credentials = CachedCredentialsProvider(
                    AssumeRoleCredentialsProvider(
                        roleARN: role.roleARN, source: configuration.credentials, sts: sts,
                        sessionName: role.sessionName, externalID: role.externalID))
            } catch {
                throw CommandFailure.invalidConfiguration("\(provider.address): assume_role: \(error)")
            }
        }
        return try LambdaEventInvokeConfigClient(
            configuration: configuration, transport: dryRun ? DryRunTransport() : network)
    }

    /// Builds a client for a region, profile and endpoint (each `nil` for the environment's).
    func makeClient(
        region: String?, profile: String?, endpoint: String?, transport: (any HTTPTransport)?
    ) throws -> LambdaEventInvokeConfigClient {
        let network = URLSessionTransport()
        let configuration = try clientConfiguration(
            region: region, profile: profile, endpoint: endpoint, network: network)
        return try LambdaEventInvokeConfigClient(
            configuration: configuration, transport: transport ?? (dryRun ? DryRunTransport() : network))
    }

    /// The client configuration for a region, profile and endpoint (each `nil` for the environment's), from the
    /// options and the environment; `network` carries what the credential chain fetches (IMDS, ECS, SSO).
    func clientConfiguration(
        region: String?, profile: String?, endpoint: String?, network: URLSessionTransport
    ) throws -> LambdaEventInvokeConfigClient.Configuration {
        for (name, value) in [("--cli-read-timeout", readTimeout), ("--cli-connect-timeout", connectTimeout)] {
            if let value, value < 0 {
                throw CommandFailure.invalidInput("\(name) \(value) must be 0 (no limit) or a number of seconds")
            }
        }
        let region = try region.map { name throws(InvalidValueError) in try Region(name, field: "--region") }
        var logger = Logger(label: "eic", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = debug ? .debug : .warning
        if debug && dryRun {
            // The dry-run transport stops the client with the captured request; that is not a failed attempt.
            logger.debug("dry run: the request is signed and printed, nothing is sent")
            logger.logLevel = .warning
        }
        var configuration: LambdaEventInvokeConfigClient.Configuration
        do {
            configuration = try LambdaEventInvokeConfigClient.Configuration.fromEnvironment(
                region: region, profile: profile, transport: network, logger: logger)
        } catch let error as EventInvokeConfigError {
            // What the environment and the config files hold (a region, a profile, a file that parses), not a flag.
            throw CommandFailure.invalidConfiguration(error.message)
        }
        configuration.endpoint = endpoint
        configuration.userAgentSuffix = "eic/\(PackageVersion.current)"
        configuration.attemptTimeout = attemptTimeout
        if dryRun { configuration.retryPolicy = .none }
        return configuration
    }
}

/// Options that name the function.
struct FunctionOptions: ParsableArguments {
    @Option(name: .customLong("function-name"), help: "Function name, ARN or partial ARN, optionally :QUALIFIER.")
    var functionName: String

    @Option(help: "Version number, alias, or $LATEST.")
    var qualifier: String?

    func reference() throws(InvalidValueError) -> FunctionReference {
        try FunctionReference(functionName, qualifier: qualifier)
    }
}

/// Options that carry settings (Put and Update).
struct SettingsOptions: ParsableArguments {
    @Option(name: .customLong("maximum-retry-attempts"), help: "0, 1 or 2.")
    var maximumRetryAttempts: Int?

    @Option(name: .customLong("maximum-event-age-in-seconds"), help: "60 to 21600.")
    var maximumEventAgeInSeconds: Int?

    @Option(
        name: .customLong("destination-config"),
        help: #"JSON: {"OnSuccess":{"Destination":"arn:…"},"OnFailure":{"Destination":"arn:…"}}"#)
    var destinationConfig: String?

    func settings() throws -> (MaximumRetryAttempts?, MaximumEventAge?, DestinationConfig?) {
        let retries = try maximumRetryAttempts.map { value throws(InvalidValueError) in
            try MaximumRetryAttempts(value)
        }
        let age = try maximumEventAgeInSeconds.map { value throws(InvalidValueError) in
            try MaximumEventAge(seconds: value)
        }
        let destinations = try destinationConfig.map(Self.parseDestinationConfig)
        return (retries, age, destinations)
    }

    /// Parses `--destination-config` strictly: only `OnSuccess` and `OnFailure`, each only `Destination` (a string,
    /// or `null` for none), so a misspelt key or a wrong type is an error rather than a silently dropped setting.
    /// Messages quote at most 200 characters of the input.
    static func parseDestinationConfig(_ text: String) throws -> DestinationConfig {
        let quoted = DisplayText.quoted(text, limit: 200)
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CommandFailure.invalidInput("--destination-config \(quoted) is not a JSON object")
        }
        var arns: [String: String] = [:]
        for (half, value) in object.sorted(by: { $0.key < $1.key }) {
            guard half == "OnSuccess" || half == "OnFailure" else {
                throw CommandFailure.invalidInput(
                    "--destination-config has the unknown key \(DisplayText.quoted(half, limit: 80)); expected "
                        + "OnSuccess and/or OnFailure")
            }
            guard let inner = value as? [String: Any] else {
                throw CommandFailure.invalidInput(
                    "--destination-config \(half) must be an object, {\"Destination\": \"ARN\"}")
            }
            for key in inner.keys where key != "Destination" {
                throw CommandFailure.invalidInput(
                    "--destination-config \(half) has the unknown key \(DisplayText.quoted(key, limit: 80)); "
                        + "expected Destination")
            }
            switch inner["Destination"] {
            case nil, is NSNull: continue
            case let arn as String: if !arn.isEmpty { arns[half] = arn }
            default:
                throw CommandFailure.invalidInput("--destination-config \(half).Destination must be a string")
            }
        }
        guard !arns.isEmpty else {
            throw CommandFailure.invalidInput(
                "--destination-config sets no destination; give OnSuccess or OnFailure, or leave it out")
        }
        return try DestinationConfig(onSuccessARN: arns["OnSuccess"], onFailureARN: arns["OnFailure"])
    }
}

/// How a command failed, with the AWS CLI's exit statuses.
enum CommandFailure: Error {
    /// The command line is wrong (nothing was sent): 252.
    case invalidInput(String)
    /// The environment or configuration is (no region, no credentials, an unknown profile, a malformed config
    /// file): 253.
    case invalidConfiguration(String)

    static let invalidInputStatus: Int32 = 252
    static let invalidConfigurationStatus: Int32 = 253
    static let serviceErrorStatus: Int32 = 254
    static let otherErrorStatus: Int32 = 255
}

/// Runs an API call and turns every failure into one line on standard error and an exit status:
/// 252 invalid input (nothing sent), 253 an invalid environment or configuration (no region, no credentials, an
/// unknown profile, a malformed config file), 254 an error response from the service (with or without an AWS error
/// type), 255 anything else (network, an answer that is not a valid response, lost output), as the AWS CLI exits.
/// Everything in the line that came from the network was made safe to print by the client.
func runAPICommand(_ options: ClientOptions, _ body: () async throws -> Void) async throws {
    do {
        try await reportingLostOutput(body)
    } catch let error as EventInvokeConfigError {
        if let dryRun = error.underlying as? DryRunTransport.Captured {
            try await reportingLostOutput { try writeOutput(dryRun.json) }
            return
        }
        if let status = error.statusCode, !(200..<300).contains(status) {
            var line =
                "eic: An error occurred (\(error.errorType ?? "HTTP \(status)")) when calling the \(error.operation) "
                + "operation: \(error.message)"
            if let hint = error.iamHint { line += " (hint: \(hint))" }
            printError(line)
            throw ExitCode(CommandFailure.serviceErrorStatus)
        }
        printError("eic: \(error.operation): \(error.message)")
        switch error.code {
        case .validation: throw ExitCode(CommandFailure.invalidInputStatus)
        case .credentials: throw ExitCode(CommandFailure.invalidConfigurationStatus)
        default: throw ExitCode(CommandFailure.otherErrorStatus)
        }
    } catch let error as InvalidValueError {
        printError("eic: \(error)")
        throw ExitCode(CommandFailure.invalidInputStatus)
    } catch let error as DesiredStateError {
        printError("eic: \(error)")
        throw ExitCode(CommandFailure.invalidInputStatus)
    } catch CommandFailure.invalidInput(let message) {
        printError("eic: \(message)")
        throw ExitCode(CommandFailure.invalidInputStatus)
    } catch CommandFailure.invalidConfiguration(let message) {
        printError("eic: \(message)")
        throw ExitCode(CommandFailure.invalidConfigurationStatus)
    }
}

/// `eic put-function-event-invoke-config` (alias `put`).
struct PutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put-function-event-invoke-config",
        abstract: "Replace the asynchronous invocation settings of a function, version or alias.",
        aliases: ["put"])

    @OptionGroup var function: FunctionOptions
    @OptionGroup var settings: SettingsOptions
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await runAPICommand(options) {
            let (retries, age, destinations) = try settings.settings()
            let record = try await options.makeClient().put(
                EventInvokeConfig(maximumRetryAttempts: retries, maximumEventAge: age, destinationConfig: destinations),
                for: try function.reference())
            try writeOutput(RecordOutput.render(record, format: options.format))
        }
    }
}

/// `eic update-function-event-invoke-config` (alias `update`).
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-function-event-invoke-config",
        abstract: "Change some asynchronous invocation settings and keep the others.",
        aliases: ["update"])

    @OptionGroup var function: FunctionOptions
    @OptionGroup var settings: SettingsOptions
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await runAPICommand(options) {
            let (retries, age, destinations) = try settings.settings()
            let record = try await options.makeClient().update(
                EventInvokeConfigPatch(
                    maximumRetryAttempts: retries, maximumEventAge: age, destinationConfig: destinations),
                for: try function.reference())
            try writeOutput(RecordOutput.render(record, format: options.format))
        }
    }
}

/// `eic get-function-event-invoke-config` (alias `get`).
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-function-event-invoke-config",
        abstract: "Show the asynchronous invocation settings of a function, version or alias.",
        aliases: ["get"])

    @OptionGroup var function: FunctionOptions
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await runAPICommand(options) {
            let record = try await options.makeClient().get(try function.reference())
            try writeOutput(RecordOutput.render(record, format: options.format))
        }
    }
}

/// `eic delete-function-event-invoke-config` (alias `delete`).
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-function-event-invoke-config",
        abstract: "Delete the asynchronous invocation settings of a function, version or alias.",
        aliases: ["delete"])

    @OptionGroup var function: FunctionOptions
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await runAPICommand(options) {
            try await options.makeClient().delete(try function.reference())
        }
    }
}

/// `eic list-function-event-invoke-configs` (alias `list`).
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-function-event-invoke-configs",
        abstract: "List the asynchronous invocation settings of every version and alias of a function.",
        aliases: ["list"])

    @Option(name: .customLong("function-name"), help: "Function name, ARN or partial ARN (no qualifier).")
    var functionName: String

    @Option(name: .customLong("max-items"), help: "Return at most this many configs in total.")
    var maxItems: Int?

    @Option(name: .customLong("page-size"), help: "Configs per request (MaxItems, 1-50).")
    var pageSize: Int?

    @Option(name: .customLong("starting-token"), help: "Continue from the NextToken of a truncated listing.")
    var startingToken: String?

    @Option(help: "Start at this service marker (the API's Marker).")
    var marker: String?

    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await runAPICommand(options) {
            if let maxItems, maxItems < 1 {
                throw CommandFailure.invalidInput("--max-items \(maxItems) must be at least 1")
            }
            if marker != nil && startingToken != nil {
                throw CommandFailure.invalidInput("--marker and --starting-token both say where to start; give one")
            }
            var (marker, skip) = (self.marker, 0)
            if let startingToken {
                guard let decoded = ListToken.decode(startingToken) else {
                    throw CommandFailure.invalidInput(
                        "--starting-token \(DisplayText.quoted(startingToken, limit: 80)) is not a NextToken of eic")
                }
                (marker, skip) = decoded
            }
            let client = try options.makeClient()
            let function = try FunctionReference(functionName)
            var records: [EventInvokeConfigRecord] = []
            var nextToken: String?
            // The library's bounded paging: a repeated marker or an endless listing is an invalid response.
            pages: for try await page in client.listPages(function, startingAt: marker, pageSize: pageSize) {
                for (index, record) in page.records.enumerated() where index >= skip {
                    if let maxItems, records.count == maxItems {
                        nextToken = ListToken.encode(marker: marker, skip: index)
                        break pages
                    }
                    records.append(record)
                }
                skip = 0
                marker = page.nextMarker
                if let maxItems, records.count == maxItems, let next = marker {
                    nextToken = ListToken.encode(marker: next, skip: 0)
                    break pages
                }
            }
            try writeOutput(RecordOutput.renderList(records, nextToken: nextToken, format: options.format))
        }
    }
}

/// The `NextToken` of a truncated listing: the service marker of the page and how many of its items were shown.
enum ListToken {
    static func encode(marker: String?, skip: Int) -> String {
        Data("\(skip):\(marker ?? "")".utf8).base64EncodedString()
    }

    static func decode(_ token: String) -> (marker: String?, skip: Int)? {
        guard let data = Data(base64Encoded: token) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":"), let skip = Int(text[..<colon]), skip >= 0 else { return nil }
        let marker = String(text[text.index(after: colon)...])
        return (marker.isEmpty ? nil : marker, skip)
    }
}
