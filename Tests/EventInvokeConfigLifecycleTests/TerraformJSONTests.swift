import EventInvokeConfigKit
import EventInvokeConfigLifecycle
import Foundation
import Testing

@Suite("Terraform JSON (*.tf.json)")
struct TerraformJSONTests {
    static func parse(_ text: String) throws -> TerraformJSON.Configuration {
        try TerraformJSON.parse(Data(text.utf8))
    }

    @Test("blocks as objects or one-element arrays, resource as an object or an array, optional arguments left out")
    func shapes() throws {
        let object = try Self.parse(
            #"""
            {"resource": {"aws_lambda_function_event_invoke_config": {"a": {"function_name": "orders",
              "qualifier": "live", "maximum_retry_attempts": 0,
              "destination_config": {"on_failure": {"destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}}}}}
            """#)
        let arrays = try Self.parse(
            #"""
            {"resource": [{"aws_lambda_function_event_invoke_config": [{"a": [{"function_name": "orders",
              "qualifier": "live", "maximum_retry_attempts": "0",
              "destination_config": [{"on_failure": [{"destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}]}]}]}]}]}
            """#)
        #expect(object.desired.entries == arrays.desired.entries)
        let entry = try #require(object.desired.entries.first)
        #expect(entry.name == "aws_lambda_function_event_invoke_config.a")
        #expect(entry.function.qualifier?.rawValue == "live")
        #expect(entry.config?.maximumEventAge == nil)
        #expect(entry.config?.destinationConfig?.onSuccess == nil)
    }

    @Test("qualifier = \"\" is no qualifier, as in Terraform and in import IDs")
    func emptyQualifier() throws {
        let configuration = try Self.parse(
            #"""
            {"resource": {"aws_lambda_function_event_invoke_config": {"a": {"function_name": "orders",
              "qualifier": "", "maximum_retry_attempts": 0}}}}
            """#)
        let entry = try #require(configuration.desired.entries.first)
        #expect(entry.function.qualifier == nil)
        #expect(entry.function == (try ImportID(functionName: "orders", qualifier: "")).function)
    }

    @Test("an empty destination_config is no destination (no perpetual diff); count 0 is absent; other types are noted")
    func emptyBlockCountAndNotes() throws {
        let configuration = try Self.parse(
            #"""
            {"resource": {"aws_lambda_function_event_invoke_config": {
               "a": {"function_name": "orders", "maximum_retry_attempts": 1, "destination_config": {}},
               "gone": {"function_name": "payments", "count": 0, "depends_on": ["aws_sqs_queue.q"]}},
             "aws_sqs_queue": {"q": {"name": "q"}}}, "variable": {}}
            """#)
        let entries = configuration.desired.entries
        #expect(entries.first { $0.name.hasSuffix(".a") }?.config?.destinationConfig == nil)
        #expect(entries.first { $0.name.hasSuffix(".gone") } == nil, "count = 0 alone deletes nothing")
        #expect(configuration.absent.map(\.name) == ["aws_lambda_function_event_invoke_config.gone"])
        #expect(try configuration.withAbsent().entries.first { $0.name.hasSuffix(".gone") }?.config == nil)
        #expect(configuration.notes.contains("ignored the resources of type aws_sqs_queue"))
        #expect(configuration.notes.contains { $0.contains("depends_on") })
    }

    @Test(
        "errors name the resource and the argument",
        arguments: [
            (
                #"{"function_name": "${aws_lambda_function.f.function_name}", "maximum_retry_attempts": 1}"#,
                "function_name", "interpolation"
            ),
            (
                #"{"function_name": "orders", "maximum_retry_attempts": "${var.retries}"}"#, "maximum_retry_attempts",
                "interpolation"
            ),
            (#"{"function_name": "orders", "maximum_retry_attempts": 3}"#, "maximum_*", "0 to 2"),
            (#"{"function_name": "orders", "maximum_retry_attempts": true}"#, "maximum_retry_attempts", "whole number"),
            (#"{"function_name": "orders", "retries": 1}"#, "retries", "not an argument"),
            (#"{"maximum_retry_attempts": 1}"#, "function_name", "required"),
            (
                #"{"function_name": "orders", "lifecycle": {"ignore_changes": ["retries"]}}"#,
                "lifecycle.ignore_changes", "not an argument"
            ),
            (
                #"{"function_name": "orders", "lifecycle": {"prevent_destroy": 1}}"#, "lifecycle.prevent_destroy",
                "true or false"
            ),
            (#"{"function_name": "orders", "maximum_event_age_in_seconds": 0}"#, "maximum_*", "60"),
            (
                #"{"function_name": "orders", "destination_config": {"on_failure": {}}}"#,
                "destination_config.on_failure.destination", "required"
            ),
            (
                #"{"function_name": "orders", "destination_config": {"on_success": {"destination": "arn:aws:s3:::b"}}}"#,
                "destination_config.on_success.destination", "S3"
            ),
            (#"{"function_name": "orders", "for_each": {}, "maximum_retry_attempts": 1}"#, "for_each", "not supported"),
            (#"{"function_name": "orders", "count": 2, "maximum_retry_attempts": 1}"#, "count", "0 (absent) or 1"),
        ])
    func errors(body: String, argument: String, message: String) throws {
        let document = #"{"resource": {"aws_lambda_function_event_invoke_config": {"r": \#(body)}}}"#
        let error = #expect(throws: DesiredStateError.self) { try Self.parse(document) }
        #expect(error?.entry.hasPrefix("aws_lambda_function_event_invoke_config.r") == true)
        #expect(error?.entry.contains(argument) == true, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test("two resources for one target, spelt differently, are an error naming both")
    func duplicates() throws {
        let error = #expect(throws: DesiredStateError.self) {
            try Self.parse(
                #"""
                {"resource": {"aws_lambda_function_event_invoke_config": {
                  "a": {"function_name": "orders", "maximum_retry_attempts": 1},
                  "b": {"function_name": "arn:aws:lambda:us-east-1:123456789012:function:orders", "qualifier": "$LATEST",
                        "maximum_retry_attempts": 1}}}}
                """#)
        }
        #expect(error?.message.contains(".a") == true && error?.message.contains(".b") == true)
    }

    @Test("what render writes, parse reads back; HCL has the block and an import block")
    func roundTrip() throws {
        let entries = [
            DesiredState.Entry(
                function: try FunctionReference("orders:live"),
                config: EventInvokeConfig(
                    maximumRetryAttempts: .zero, maximumEventAge: .minimum,
                    destinationConfig: try DestinationConfig(
                        onSuccessARN: "arn:aws:sns:us-east-1:123456789012:t",
                        onFailureARN: "arn:aws:sqs:us-east-1:123456789012:q"))),
            DesiredState.Entry(function: try FunctionReference("payments"), config: nil),
        ]
        let parsed = try TerraformJSON.parse(TerraformJSON.render(entries))
        let read = try parsed.withAbsent().entries
        #expect(read.map(\.config) == entries.map(\.config))
        #expect(read.map(\.target) == entries.map(\.target))
        let hcl = TerraformJSON.renderHCL(entries)
        #expect(hcl.contains(#"resource "aws_lambda_function_event_invoke_config" "orders_live" {"#))
        #expect(hcl.contains("to = aws_lambda_function_event_invoke_config.orders_live"))
        #expect(hcl.contains(#"id = "orders:live""#))
        // Terraform refuses an import block into count = 0: the absent entry has none.
        #expect(!hcl.contains("to = aws_lambda_function_event_invoke_config.payments"))
    }

    @Test("each argument means what it means to the Terraform provider")
    func providerMeaning() throws {
        let configuration = try Self.parse(
            #"""
            {"resource": {"aws_lambda_function_event_invoke_config": {
               "basic": {"function_name": "orders", "qualifier": "live"},
               "age": {"function_name": "payments", "maximum_event_age_in_seconds": 60},
               "kept": {"function_name": "reports", "maximum_retry_attempts": 0,
                        "lifecycle": {"ignore_changes": ["maximum_event_age_in_seconds"], "prevent_destroy": true}},
               "frozen": {"function_name": "audit", "lifecycle": [{"ignore_changes": "all"}]}}}}
            """#)
        func entry(_ name: String) -> DesiredState.Entry? {
            configuration.desired.entries.first { $0.name == "aws_lambda_function_event_invoke_config.\(name)" }
        }
        // Terraform's own basic configuration plans: the provider's default of 2 retries is sent.
        #expect(entry("basic")?.config == EventInvokeConfig(maximumRetryAttempts: .two))
        #expect(entry("age")?.config == EventInvokeConfig(maximumRetryAttempts: .two, maximumEventAge: .minimum))
        #expect(entry("kept")?.ignoredChanges == .arguments(["maximum_event_age_in_seconds"]))
        #expect(entry("kept")?.preventDestroy == true)
        #expect(entry("frozen")?.ignoredChanges == .all)
        #expect(configuration.desired.entries.allSatisfy { $0.readsAsTerraform })
    }

    @Test("a partial ARN is written as the name, the ID Terraform's import accepts; retries are always written")
    func renderForTerraform() throws {
        let entries = [
            DesiredState.Entry(
                function: try FunctionReference("123456789012:function:orders:live"),
                config: EventInvokeConfig(maximumEventAge: .minimum))
        ]
        let hcl = TerraformJSON.renderHCL(entries)
        #expect(hcl.contains(#"function_name = "orders""#))
        #expect(hcl.contains(#"id = "orders:live""#))
        #expect(hcl.contains("maximum_retry_attempts       = 0"), "absent reads as 0 in Terraform: written as 0")
        let json = try #require(
            try JSONSerialization.jsonObject(with: TerraformJSON.render(entries))
                as? [String: [String: [String: [String: Any]]]])
        let resource = try #require(json["resource"]?["aws_lambda_function_event_invoke_config"]?["orders_live"])
        #expect(resource["function_name"] as? String == "orders")
        #expect(resource["maximum_retry_attempts"] as? Int == 0)
    }
}

/// The README's Terraform files are read as written: the one-file example and the fleet.
@Test("the README's .tf.json examples parse, with the providers and targets they show")
func readmeTerraformFiles() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let blocks = text.components(separatedBy: "```json\n").dropFirst().compactMap {
        $0.components(separatedBy: "\n```").first
    }
    let files = try blocks.filter { $0.contains("aws_lambda_function_event_invoke_config") }.map {
        try TerraformJSON.parse(Data($0.utf8))
    }
    try #require(files.count == 2, "the one-file example and the fleet")
    #expect(files[0].desired.entries.count == 2)
    #expect(files[0].desired.entries.first { $0.name.hasSuffix("payments") }?.preventDestroy == true)
    #expect(files[1].byProvider.map(\.provider.address) == ["aws", "aws.eu"])
    #expect(files[1].byProvider.last?.provider.assumeRole?.roleARN == "arn:aws:iam::210987654321:role/deploy")
}

@Test(
    "provider blocks: errors name the block and the argument",
    arguments: [
        (#"{"aws": [{"region": "us-east-1"}, {"region": "eu-west-1"}]}"#, "provider.aws", "two blocks declare aws"),
        (#"{"aws": {"assume_role": {"external_id": "x"}}}"#, "assume_role.role_arn", "is required"),
        (#"{"aws": {"region": "${var.region}"}}"#, "provider.aws: region", "interpolation"),
        (#"{"aws": {"endpoints": {"lambda": 5}}}"#, "endpoints.lambda", "must be a string"),
    ])
func providerErrors(providers: String, entry: String, message: String) throws {
    let document =
        #"{"provider": \#(providers), "resource": {"aws_lambda_function_event_invoke_config": {"r": {"function_name": "orders"}}}}"#
    let error = #expect(throws: DesiredStateError.self) { try TerraformJSON.parse(Data(document.utf8)) }
    #expect(error?.entry.contains(entry) == true, "\(String(describing: error))")
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
}

@Test("one target in two providers is two targets; twice in one provider is an error")
func targetsPerProvider() throws {
    let two = #"""
        {"provider": {"aws": [{"region": "us-east-1"}, {"alias": "eu", "region": "eu-west-1"}]},
         "resource": {"aws_lambda_function_event_invoke_config": {
           "a": {"function_name": "orders"}, "b": {"function_name": "orders", "provider": "aws.eu"}}}}
        """#
    let configuration = try TerraformJSON.parse(Data(two.utf8))
    #expect(configuration.byProvider.map { $0.desired.entries.count } == [1, 1])
    #expect(configuration.desired.entries.map(\.name) == ["aws_lambda_function_event_invoke_config.a"])
    let same = two.replacingOccurrences(of: #""provider": "aws.eu""#, with: #""provider": "aws""#)
    #expect(throws: DesiredStateError.self) { try TerraformJSON.parse(Data(same.utf8)) }
}
