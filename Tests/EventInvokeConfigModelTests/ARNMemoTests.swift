import EventInvokeConfigARN
import EventInvokeConfigModel
import Foundation
import PropertyBased
import Testing

/// The client answers recently seen `FunctionArn` and destination texts from a memo instead of parsing them again;
/// a decode with a memo — shared across documents, full and replacing entries, used from many tasks — must give
/// exactly what a decode without one gives.
@Suite("ARN memo: decoding with and without it")
struct ARNMemoTests {
    static let functions = [
        "arn:aws:lambda:us-east-1:123456789012:function:orders",
        "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
        "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST",
        "arn:aws:lambda:us-east-1:123456789012:function:orderz",
        "arn:aws:lambda:us-east-1:123456789013:function:orders",
        "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders:7",
        "arn:aws:lambda:eu-west-1:123456789012:function:a-very-long-function-name_with_parts:blue",
        #"arn:aws:lambda:us-east-1:123456789012:function:or\u0064ers"#,  // escaped: read the slow way
        "arn:aws:lambda:us-east-1:123456789012:function:orders:",  // invalid: declined
        "arn:aws:sqs:us-east-1:123456789012:orders",  // not a function: declined
    ]
    static let destinations = [
        "arn:aws:sqs:us-east-1:123456789012:dlq", "arn:aws:sqs:us-east-1:123456789012:dlr",
        "arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:lambda:us-east-1:123456789012:function:next:live",
        "arn:aws:events:us-east-1:123456789012:event-bus/default", "arn:aws:s3:::bucket",
        #"arn:aws:sqs:us-east-1:123456789012:d\u006cq"#, "arn:aws:sqs:us-east-1:123456789012:", "",
    ]

    static func body(_ function: Int, _ success: Int, _ failure: Int) -> Data {
        let success = success < destinations.count ? #","OnSuccess":{"Destination":"\#(destinations[success])"}"# : ""
        let failure = failure < destinations.count ? #""OnFailure":{"Destination":"\#(destinations[failure])"}"# : ""
        let both = failure.isEmpty ? String(success.dropFirst()) : failure + success
        let text =
            #"{"FunctionArn":"\#(functions[function])","LastModified":1795867200.5,"MaximumRetryAttempts":1,"#
            + #""DestinationConfig":{\#(both)}}"#
        return Data(text.utf8)
    }

    @Test("a shared memo never changes what a record decodes to")
    func sameRecords() async {
        let memo = ARNMemo()
        await propertyCheck(
            count: 3000, input: Gen.int(in: 0..<Self.functions.count), Gen.int(in: 0...Self.destinations.count),
            Gen.int(in: 0...Self.destinations.count)
        ) { function, success, failure in
            let data = Self.body(function, success, failure)
            let plain = WireJSON.decodeRecord(data)
            #expect(WireJSON.decodeRecord(data, memo: memo) == plain, "\(String(decoding: data, as: UTF8.self))")
            // Again, now that it may be remembered.
            #expect(WireJSON.decodeRecord(data, memo: memo) == plain)
            let page = Data(#"{"FunctionEventInvokeConfigs":["#.utf8 + data + Data(",".utf8) + data + Data("]}".utf8))
            #expect(WireJSON.decodePage(page, memo: memo) == WireJSON.decodePage(page))
        }
    }

    @Test("many tasks decoding different documents with one memo get what they would without it")
    func concurrentDecodes() async {
        let memo = ARNMemo()
        let documents = (0..<Self.functions.count).flatMap { function in
            (0...Self.destinations.count).map {
                Self.body(function, $0, (function + $0) % (Self.destinations.count + 1))
            }
        }
        await withTaskGroup(of: Bool.self) { group in
            for round in 0..<8 {
                group.addTask {
                    var agreed = true
                    for index in documents.indices {
                        let data = documents[(index * 7 + round) % documents.count]
                        agreed = agreed && WireJSON.decodeRecord(data, memo: memo) == WireJSON.decodeRecord(data)
                    }
                    return agreed
                }
            }
            for await agreed in group { #expect(agreed) }
        }
    }
}
