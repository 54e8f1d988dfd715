import ArgumentParser
import EventInvokeConfigARN
import EventInvokeConfigAWSConfig
import EventInvokeConfigSigV4
import EventInvokeConfigTesting
import Foundation

/// `eic-local`: the in-memory Lambda served over HTTP/1.1 on the loopback interface, so boto3, the AWS CLI, the
/// Terraform AWS provider and `eic` get real Lambda's semantics for the event-invoke-config APIs locally.
@main
struct EICLocal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eic-local",
        abstract:
            "Serve an in-memory AWS Lambda (event invoke configs and the calls that create functions) on 127.0.0.1.",
        discussion: """
            Routes: PutFunctionEventInvokeConfig, UpdateFunctionEventInvokeConfig, GetFunctionEventInvokeConfig, \
            DeleteFunctionEventInvokeConfig, ListFunctionEventInvokeConfigs; and the control plane that Terraform's \
            aws_lambda_function and aws_lambda_alias use: CreateFunction (code hashed, otherwise ignored), \
            GetFunction, GetFunctionConfiguration, UpdateFunctionConfiguration, UpdateFunctionCode, DeleteFunction, \
            ListVersionsByFunction, PublishVersion, GetFunctionCodeSigningConfig, GetFunctionConcurrency, \
            CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases, ListTags, TagResource, UntagResource. \
            Any other route is a 404 UnknownOperationException naming the method and path.

            Every account and region: a signed request is answered by the region of its signing scope and the \
            account of its access key (the seed file's "accounts"; --account-id otherwise), each with its own \
            functions and configs.

            Point a client at it: `aws lambda get-function-event-invoke-config --endpoint-url http://127.0.0.1:PORT \
            --function-name NAME`, or `endpoints { lambda = "http://127.0.0.1:PORT" }` in Terraform's AWS provider.

            The first line printed is `eic-local listening on http://127.0.0.1:PORT`. Ctrl-C (or SIGTERM) stops it.
            """)

    @Option(help: "The port to listen on; 0 picks a free one (printed at start).")
    var port: Int = 4599

    @Option(
        help: """
            The region of unsigned requests. A signed request is answered by the region its signature is scoped \
            to: one server holds every region.
            """)
    var region: String = "us-east-1"

    @Option(
        help: """
            The account (12 digits) of requests whose access key has no account in the seed file's "accounts": \
            one server holds every account.
            """)
    var accountId: String = "123456789012"

    @Option(help: "A JSON file of functions, versions, aliases and destinations to load at start (see --help).")
    var seed: String?

    @Option(
        help: """
            Emulate Lambda's request-rate quota per account and region: `lambda` for Lambda's figures (15 requests \
            per second for the control plane together, 100 for GetFunction), or a number for the control plane's. \
            Over it, requests get Lambda's 429 TooManyRequestsException. Off by default.
            """)
    var quota: String?

    @Flag(
        help: """
            Verify SigV4 signatures against one key pair: AWS_ACCESS_KEY_ID (or --access-key-id) and the secret from \
            --secret-access-key-file or AWS_SECRET_ACCESS_KEY. The secret is never taken from the command line, \
            where every user of the machine could read it in the process list.
            """)
    var verifySignatures = false

    @Option(help: "The access key ID accepted with --verify-signatures (default: AWS_ACCESS_KEY_ID).")
    var accessKeyId: String?

    @Option(help: "A file holding the secret access key accepted with --verify-signatures (default: the environment).")
    var secretAccessKeyFile: String?

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port (0...65535)")
        }
        _ = try controlPlaneQuota()
    }

    func run() async throws {
        let service: InMemoryLambdaService
        do {
            service = InMemoryLambdaService(defaultAccount: try AccountID(accountId), defaultRegion: try Region(region))
            if let seed { try await Seed.load(contentsOf: seed, into: service) }
            if verifySignatures { await service.verifySignatures(with: [try credentials()]) }
            if let rate = try controlPlaneQuota() { await service.limitRequestRate(controlPlane: rate) }
        } catch let error as InvalidValueError {
            throw ValidationError(error.description)
        }
        #if LocalServer
        try await LocalServer.serve(service, port: port) { port in
            // Written straight to the descriptor: a test or script waits for this line before connecting.
            FileHandle.standardOutput.write(Data("eic-local listening on http://127.0.0.1:\(port)\n".utf8))
        }
        #else
        FileHandle.standardError.write(
            Data("eic-local: built without the LocalServer package trait, so it has no server\n".utf8))
        throw ExitCode(1)
        #endif
    }

    /// The control plane's quota `--quota` asks for, or `nil` for none.
    func controlPlaneQuota() throws -> Double? {
        guard let quota else { return nil }
        if quota == "lambda" { return InMemoryLambda.controlPlaneQuota }
        guard let rate = Double(quota), rate > 0, rate.isFinite else {
            throw ValidationError("--quota \(quota) is neither `lambda` nor a positive number of requests per second")
        }
        return rate
    }

    /// The credentials signatures are checked against.
    func credentials() throws -> Credentials {
        let environment = ProcessInfo.processInfo.environment
        var secret = environment["AWS_SECRET_ACCESS_KEY"]
        if let secretAccessKeyFile {
            do throws(BoundedFile.Failure) {
                let data = try BoundedFile.read(secretAccessKeyFile, limit: 4096)
                secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw ValidationError("--secret-access-key-file \(secretAccessKeyFile) cannot be read: \(error.reason)")
            }
        }
        guard let keyID = accessKeyId ?? environment["AWS_ACCESS_KEY_ID"], let secret, !keyID.isEmpty, !secret.isEmpty
        else {
            throw ValidationError(
                "--verify-signatures needs credentials: AWS_ACCESS_KEY_ID (or --access-key-id) and "
                    + "AWS_SECRET_ACCESS_KEY (or --secret-access-key-file)")
        }
        return Credentials(accessKeyID: keyID, secretAccessKey: secret)
    }
}
