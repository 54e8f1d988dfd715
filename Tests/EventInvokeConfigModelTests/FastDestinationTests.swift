import EventInvokeConfigARN
import Testing

@testable import EventInvokeConfigModel

/// The one-pass parser for standard queues and topics must agree with the full parser wherever it answers, and
/// answer for every valid queue and topic.
@Suite("One-pass destination parser against the full parser")
struct FastDestinationTests {
    @Test("every combination of partition, region, service, account and name")
    func combinations() {
        let places = [
            ("aws", "us-east-1"), ("aws-cn", "cn-north-1"), ("aws-us-gov", "us-gov-west-1"), ("aws", "cn-north-1"),
            ("aws", "mars-1"), ("nope", "us-east-1"), ("aws-iso-b", "us-isob-east-1"),
            ("aws", "us-" + String(repeating: "a", count: 40) + "-1"),
        ]
        let names = [
            "q", "dlq", "my_queue-1", "orders.fifo", String(repeating: "n", count: 80),
            String(repeating: "n", count: 81), String(repeating: "n", count: 256), String(repeating: "n", count: 257),
            "bad name", "", "a:b", "event-bus/x", "function:f",
        ]
        var accepted = 0
        for (partition, region) in places {
            for service in ["sqs", "sns", "lambda", "events", "s3", "SQS"] {
                for account in ["123456789012", "1234", ""] {
                    for name in names {
                        let text = "arn:\(partition):\(service):\(region):\(account):\(name)"
                        let full = try? Destination.parseFully(text, field: "Destination")
                        let fast = Destination.parseStandardQueueOrTopic(text)
                        if let fast {
                            accepted += 1
                            #expect(fast == full, "\(text)")
                            #expect(fast.description == text)
                        } else if let full, full.kind == .sqsQueue || full.kind == .snsTopic {
                            Issue.record("the one-pass parser declined a valid queue or topic: \(text)")
                        }
                    }
                }
            }
        }
        #expect(accepted >= 40)
    }
}
