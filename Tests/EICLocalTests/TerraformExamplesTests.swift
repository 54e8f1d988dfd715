import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import EventInvokeConfigURLSession
import Foundation
import Testing

/// The real Terraform and AWS provider against `eic-local` (signatures verified): the five examples of the
/// `aws_lambda_function_event_invoke_config` documentation, each with the `aws_lambda_function` (zip,
/// `publish = true`) and `aws_lambda_alias` it refers to, applied, planned clean, imported, and destroyed.
@Suite("Terraform's examples against eic-local", .serialized)
struct TerraformExamplesTests {
    /// Example file (in `Fixtures/TerraformExamples`) → the function its module creates, and the resource's ID.
    static let examples: [(file: String, function: String, id: String)] = [
        ("destination", "destination-example", "destination-example"),
        ("error-handling", "error-handling-example", "error-handling-example"),
        ("alias", "alias-example", "alias-example:example"),
        ("latest", "latest-example", "latest-example:$LATEST"),
        ("published", "published-example", "published-example:1"),
    ]

    static let credentials = [
        "AWS_ACCESS_KEY_ID": "AKIDTERRAFORMTEST", "AWS_SECRET_ACCESS_KEY": "terraform-test-secret",
    ]

    @Test(
        "the five examples: apply, plan clean, import, plan clean, destroy",
        .enabled(if: Terraform.isInstalled, Terraform.skipReason), .timeLimit(.minutes(10)))
    func examples() async throws {
        let server = try LocalLambdaServer.start(
            ["--verify-signatures"], environment: ProcessInfo.processInfo.environment.merging(Self.credentials) { $1 })
        defer { server.stop() }
        let terraform = try Terraform()
        defer { terraform.remove() }
        try Self.writeRootModule(terraform, endpoint: server.endpoint)

        try Terraform.expectSuccess(await terraform.run(["init"]), "init")
        let apply = try await terraform.run(["apply", "-auto-approve"], environment: Self.credentials)
        try Terraform.expectSuccess(apply, "apply")
        #expect(apply.stdoutText.contains("Apply complete! Resources: 15 added, 0 changed, 0 destroyed."))

        // What Lambda holds is what the examples say, for the qualifier each one names.
        let client = try Self.client(server)
        let stored = try await client.get(try FunctionReference("error-handling-example"))
        #expect(stored.config.maximumRetryAttempts == .zero)
        #expect(stored.config.maximumEventAge?.seconds == 60)
        let destinations = try await client.get(try FunctionReference("destination-example"))
        #expect(
            destinations.config.destinationConfig?.onFailure?.arn?.description
                == "arn:aws:sqs:us-east-1:123456789012:example")
        #expect(
            destinations.config.destinationConfig?.onSuccess?.arn?.description
                == "arn:aws:sns:us-east-1:123456789012:example")
        #expect(destinations.config.maximumRetryAttempts == .two, "the provider's default, sent on every Put")
        for (_, function, id) in Self.examples.dropFirst(2) {
            let record = try await client.get(try FunctionReference(id))
            #expect(record.functionARN.description == "arn:aws:lambda:us-east-1:123456789012:function:\(id)")
            #expect(record.config == EventInvokeConfig(maximumRetryAttempts: .two), "\(function)")
        }

        try await terraform.expectNoChanges("after apply", environment: Self.credentials)

        // Forget the configs, then import each by the ID the provider gave it.
        let addresses = Self.examples.map { "module.\($0.file).aws_lambda_function_event_invoke_config.example" }
        try Terraform.expectSuccess(
            await terraform.run(["state", "rm"] + addresses, environment: Self.credentials), "state rm")
        try terraform.write(
            Self.examples.map { example in
                """
                import {
                  to = module.\(example.file).aws_lambda_function_event_invoke_config.example
                  id = "\(example.id)"
                }

                """
            }.joined(), to: "imports.tf")
        let imported = try await terraform.run(["apply", "-auto-approve"], environment: Self.credentials)
        try Terraform.expectSuccess(imported, "import")
        #expect(imported.stdoutText.contains("Apply complete! Resources: 5 imported, 0 added, 0 changed, 0 destroyed."))
        try await terraform.expectNoChanges("after import", environment: Self.credentials)

        let destroy = try await terraform.run(["destroy", "-auto-approve"], environment: Self.credentials)
        try Terraform.expectSuccess(destroy, "destroy")
        #expect(destroy.stdoutText.contains("Destroy complete! Resources: 15 destroyed."))
        for (_, function, _) in Self.examples {
            let error = await errorCode {
                _ = try await client.list(try FunctionReference(function), marker: nil, maxItems: nil)
            }
            #expect(error?.code == .resourceNotFound, "\(function) is gone")
        }
    }

    /// The root module: the provider on `eic-local`, and one module per example holding the example as written
    /// beside the function and alias it refers to.
    static func writeRootModule(_ terraform: Terraform, endpoint: String) throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("TerraformExamples")
        let function = try String(contentsOf: fixtures.appendingPathComponent("function.tf"), encoding: .utf8)
        var root = """
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws", version = "5.100.0" }
              }
            }

            provider "aws" {
              region                      = "us-east-1"
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true
              skip_region_validation      = true
              endpoints { lambda = "\(endpoint)" }
            }

            """
        for example in examples {
            let text = try String(
                contentsOf: fixtures.appendingPathComponent("\(example.file).tf"), encoding: .utf8)
            try terraform.write(function, to: "\(example.file)/function.tf")
            try terraform.write(text, to: "\(example.file)/example.tf")
            root += """

                module "\(example.file)" {
                  source        = "./\(example.file)"
                  function_name = "\(example.function)"
                }

                """
        }
        try terraform.write(root, to: "main.tf")
        // An empty zip archive (the end-of-central-directory record alone): the deployment package.
        try terraform.write(Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)), to: "function.zip")
    }

    static func client(_ server: LocalLambdaServer) throws -> LambdaEventInvokeConfigClient {
        try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"),
                credentials: StaticCredentialsProvider(
                    Credentials(
                        accessKeyID: credentials["AWS_ACCESS_KEY_ID"] ?? "",
                        secretAccessKey: credentials["AWS_SECRET_ACCESS_KEY"] ?? "")),
                endpoint: server.endpoint, environment: [:]),
            transport: URLSessionTransport())
    }
}

/// The error a call threw, as the client's error type.
func errorCode(_ body: () async throws -> Void) async -> EventInvokeConfigError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? EventInvokeConfigError
    }
}
