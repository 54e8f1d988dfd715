import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import Testing

/// Strict on what we send, lenient on what we receive: every shape Lambda can return decodes, so `listAll` never
/// fails on a config someone else created; only a response that breaks the API's shape is an invalid response.
@Suite("Reading whatever Lambda returns")
struct LenientDecodingTests {
    static let function = "arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST"

    static func record(_ destinationConfig: String) -> String {
        #"{"FunctionArn":"\#(function)","LastModified":1577824406.719,"DestinationConfig":\#(destinationConfig)}"#
    }

    /// Each body, the on-success and on-failure texts it must read back, and whether the client would send them.
    static let shapes: [(body: String, onSuccess: String?, onFailure: String?, sendable: Bool)] = [
        (#"{"OnSuccess":{},"OnFailure":{}}"#, nil, nil, true),
        (#"{"OnSuccess":{"Destination":null},"OnFailure":{"Destination":""}}"#, nil, nil, true),
        (
            #"{"OnSuccess":{},"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:jobs.fifo"}}"#, nil,
            "arn:aws:sqs:us-east-1:123456789012:jobs.fifo", false
        ),
        (
            #"{"OnSuccess":{"Destination":"arn:aws:sns:us-east-1:123456789012:t.fifo"},"OnFailure":{}}"#,
            "arn:aws:sns:us-east-1:123456789012:t.fifo", nil, false
        ),
        (#"{"OnFailure":{"Destination":"kafka://broker-topic"}}"#, nil, "kafka://broker-topic", false),
        (
            #"{"OnFailure":{"Destination":"arn:aws:kinesis:us-east-1:123456789012:stream/s"}}"#, nil,
            "arn:aws:kinesis:us-east-1:123456789012:stream/s", false
        ),
        (#"{"OnSuccess":{"Destination":"arn:aws:s3:::bucket"}}"#, "arn:aws:s3:::bucket", nil, false),
        (
            #"{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq","Future":{"x":1}},"Later":[]}"#,
            nil, "arn:aws:sqs:us-east-1:123456789012:dlq", true
        ),
    ]

    @Test("each destination shape decodes through Get and List", arguments: shapes.indices)
    func shape(_ index: Int) async throws {
        let shape = Self.shapes[index]
        let body = Self.record(shape.body)
        let transport = ScriptedTransport([
            Fixture.ok(body), Fixture.ok(#"{"FunctionEventInvokeConfigs":[\#(body)],"Unknown":true}"#),
        ])
        let client = try Fixture.client(transport)
        let function = try FunctionReference("my-function")
        let got = try await client.get(function)
        let listed = try await client.list(function, marker: nil, maxItems: nil)
        for record in [got, listed.records.first] {
            #expect(record?.config.destinationConfig?.onSuccess?.description == shape.onSuccess)
            #expect(record?.config.destinationConfig?.onFailure?.description == shape.onFailure)
            #expect((record?.config.destinationConfig?.unsupportedReason == nil) == shape.sendable)
        }
    }

    @Test("a record read back can be sent back unless it holds a destination this library refuses")
    func roundTrip() async throws {
        for shape in Self.shapes {
            let record = try JSONDecoder().decode(
                EventInvokeConfigRecord.self, from: Data(Self.record(shape.body).utf8))
            let function = try FunctionReference("my-function")
            let config = EventInvokeConfig(
                maximumRetryAttempts: .one, destinationConfig: record.config.destinationConfig)
            let refused = (try? config.validateForPut(function: function)) == nil
            #expect(refused == !shape.sendable, "\(shape.body)")
        }
    }

    @Test("a List response without FunctionEventInvokeConfigs is an invalid response, not an empty page")
    func listWithoutMember() async throws {
        let transport = ScriptedTransport([Fixture.ok(#"{"NextMarker":null}"#)])
        let client = try Fixture.client(transport)
        let error = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await client.list(try FunctionReference("my-function"), marker: nil, maxItems: nil)
        }
        #expect(error?.code == .invalidResponse)
        #expect(error?.message.contains("FunctionEventInvokeConfigs") == true)
    }
}
