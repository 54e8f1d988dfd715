import ArgumentParser
import EventInvokeConfigARN
import EventInvokeConfigKit
import EventInvokeConfigURLSession
import Foundation

/// `eic whoami`: where the region, the credentials and the endpoint come from, as `aws configure list` shows it,
/// never a secret.
struct Whoami: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show where the profile, region, credentials and endpoint come from (never a secret).",
        discussion: """
            Resolves the configuration as the API commands do — the default credential chain (environment, \
            profile, web identity, container, instance metadata), the region (AWS_REGION, AWS_DEFAULT_REGION, the \
            profile's region) and the endpoint — and prints each value with its source. The access key ID is \
            shown masked but for its last four characters; secret keys and tokens are never shown. Exits 253 when \
            no credentials can be had (the error lists every provider tried), as the AWS CLI does.
            """
    )

    @OptionGroup var options: ClientOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let shared: SharedConfiguration
        do {
            shared = try SharedConfiguration.load(profile: options.profile, environment: environment)
        } catch {
            printError("eic: \(error)")
            throw ExitCode(CommandFailure.invalidConfigurationStatus)
        }
        var fields: [(String, String?)] = [
            ("profile", shared.profileName),
            (
                "profileSource",
                options.profile != nil
                    ? "--profile" : environment["AWS_PROFILE"].map { _ in "AWS_PROFILE" } ?? "default"
            ),
            (
                "configFile",
                shared.locations.config + (shared.filesFound.contains(shared.locations.config) ? "" : " (absent)")
            ),
            (
                "credentialsFile",
                shared.locations.credentials
                    + (shared.filesFound.contains(shared.locations.credentials) ? "" : " (absent)")
            ),
        ]
        var region: String?
        do throws(InvalidValueError) {
            if let given = options.region {
                region = try Region(given, field: "--region").name
                fields += [("region", region), ("regionSource", "--region")]
            } else if let found = try shared.region() {
                region = found.region.name
                fields += [("region", region), ("regionSource", found.source)]
            } else {
                fields += [("region", nil), ("regionSource", nil)]
            }
            let endpoint = try Endpoint.resolve(
                region: region, override: options.endpointURL, environment: environment, shared: shared)
            let source =
                options.endpointURL != nil
                ? "--endpoint-url"
                : Endpoint.configuredURL(for: .lambda, environment: environment, shared: shared)?.source ?? "regional"
            fields += [("endpoint", endpoint.description), ("endpointSource", source)]
        } catch {
            printError("eic: \(error)")
            // A bad --region or --endpoint-url is the command line's fault; anything else the configuration's.
            let fromFlag = error.field == "--region" || error.field == "endpoint"
            throw ExitCode(fromFlag ? CommandFailure.invalidInputStatus : CommandFailure.invalidConfigurationStatus)
        }
        let chain = DefaultCredentialsProvider(
            profile: options.profile, environment: environment, sharedConfiguration: shared,
            transport: URLSessionTransport())
        do {
            let credentials = try await chain.credentials()
            let key = credentials.accessKeyID
            fields += [
                ("credentialsSource", await chain.source()),
                ("accessKeyId", String(repeating: "*", count: max(0, key.count - 4)) + key.suffix(4)),
                ("temporary", credentials.sessionToken == nil ? "no" : "yes"),
                ("expiration", credentials.expiration.map(RecordOutput.iso8601)),
            ]
        } catch {
            printError("eic: no credentials: \(error)")
            throw ExitCode(CommandFailure.invalidConfigurationStatus)
        }
        try await reportingLostOutput {
            switch options.format {
            case .json: try writeOutput(JSONOutput.object(fields))
            case .table: try writeOutput(JSONOutput.table(fields))
            }
        }
    }
}
