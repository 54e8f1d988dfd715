import EventInvokeConfigARN
import EventInvokeConfigModel
import Testing

@Suite("Bounded values, destinations and configs")
struct ValueTests {
    @Test(arguments: [0, 1, 2])
    func retryAttemptsInRange(value: Int) throws {
        #expect(try MaximumRetryAttempts(value).value == value)
    }

    @Test(arguments: [-1, 3, 100, Int.min, Int.max])
    func retryAttemptsOutOfRange(value: Int) {
        let error = #expect(throws: InvalidValueError.self) { try MaximumRetryAttempts(value) }
        #expect(error?.code == .outOfRange)
        #expect(error?.field == "MaximumRetryAttempts")
        #expect(error?.value == String(value))
        #expect(error?.description.contains("0 to 2") == true)
    }

    @Test(arguments: [60, 61, 1800, 21_600])
    func eventAgeInRange(seconds: Int) throws {
        #expect(try MaximumEventAge(seconds: seconds).seconds == seconds)
        #expect(try MaximumEventAge(.seconds(seconds)).seconds == seconds)
    }

    @Test(arguments: [0, 59, 21_601, -60])
    func eventAgeOutOfRange(seconds: Int) {
        let error = #expect(throws: InvalidValueError.self) { try MaximumEventAge(seconds: seconds) }
        #expect(error?.field == "MaximumEventAgeInSeconds")
        #expect(error?.description.contains("60 to 21600") == true)
    }

    @Test func eventAgeRejectsFractionalDuration() {
        #expect(throws: InvalidValueError.self) { try MaximumEventAge(.milliseconds(60_500)) }
    }

    static let destinations: [(String, Destination.Kind)] = [
        ("arn:aws:sqs:us-east-1:123456789012:dlq", .sqsQueue),
        ("arn:aws:sns:us-east-1:123456789012:topic", .snsTopic),
        ("arn:aws:lambda:us-east-1:123456789012:function:other", .lambdaFunction),
        ("arn:aws:lambda:us-east-1:123456789012:function:other:live", .lambdaFunction),
        ("arn:aws:events:us-east-1:123456789012:event-bus/default", .eventBus),
        ("arn:aws-cn:sqs:cn-north-1:123456789012:q", .sqsQueue),
        ("arn:aws:s3:::my-failure-bucket", .s3Bucket),
    ]

    @Test(arguments: destinations)
    func destinationKinds(text: String, kind: Destination.Kind) throws {
        let destination = try Destination(text)
        #expect(destination.kind == kind)
        #expect(destination.description == text)
    }

    static let badDestinations: [(String, InvalidValueError.Code, String)] = [
        ("", .empty, "empty"),
        ("kafka://my-topic", .invalidDestination, "event source mappings"),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/t", .invalidDestination, "\"dynamodb\" service"),
        ("arn:aws:kinesis:us-east-1:123456789012:stream/s", .invalidDestination, "\"kinesis\""),
        ("not-an-arn", .malformedARN, "arn:"),
        ("arn:aws:sqs:us-east-1:123456789012:q.fifo", .invalidDestination, "FIFO"),
        ("arn:aws:sns:us-east-1:123456789012:t.fifo", .invalidDestination, "FIFO"),
        ("arn:aws:sqs:us-east-1:123456789012:bad/queue", .invalidDestination, "queue name"),
        ("arn:aws:sqs:us-east-1:12345:q", .invalidAccountID, "12 digits"),
        ("arn:aws:sqs:nowhere:123456789012:q", .invalidRegion, "nowhere"),
        ("arn:aws:events:us-east-1:123456789012:rule/r", .invalidDestination, "event bus"),
        ("arn:aws:lambda:us-east-1:123456789012:layer:l:1", .wrongResourceType, "layer"),
        ("arn:aws:s3:us-east-1:123456789012:bucket", .invalidDestination, "empty region and account"),
        ("arn:aws:s3:::B", .invalidDestination, "bucket name"),
        ("arn:aws:sqs:us-east-1:123456789012:" + String(repeating: "q", count: 330), .tooLong, "350"),
    ]

    @Test(arguments: badDestinations)
    func rejectedDestinations(text: String, code: InvalidValueError.Code, mention: String) {
        let error = #expect(throws: InvalidValueError.self) { try Destination(text, field: "X.Destination") }
        #expect(error?.code == code, "\(String(describing: error))")
        #expect(error?.field == "X.Destination")
        #expect(error?.description.contains(mention) == true, "\(String(describing: error))")
    }

    @Test func emptyDestinationConfigCannotBeBuilt() {
        let error = #expect(throws: InvalidValueError.self) { try DestinationConfig() }
        #expect(error?.code == .emptyDestinationConfig)
        #expect(throws: InvalidValueError.self) { try DestinationConfig(onSuccessARN: nil, onFailureARN: nil) }
    }

    @Test func s3OnlyOnFailure() throws {
        #expect(try DestinationConfig(onFailureARN: "arn:aws:s3:::bucket").onFailure?.kind == .s3Bucket)
        let error = #expect(throws: InvalidValueError.self) {
            try DestinationConfig(onSuccessARN: "arn:aws:s3:::bucket")
        }
        #expect(error?.field == "DestinationConfig.OnSuccess.Destination")
        #expect(error?.description.contains("failed invocations") == true)
    }

    @Test func destinationErrorsNameTheirHalf() {
        let error = #expect(throws: InvalidValueError.self) {
            try DestinationConfig(onSuccessARN: "arn:aws:sqs:us-east-1:123456789012:ok", onFailureARN: "kafka://x")
        }
        #expect(error?.field == "DestinationConfig.OnFailure.Destination")
    }

    @Test func putNeedsASetting() throws {
        let function = try FunctionReference("fn")
        let error = #expect(throws: InvalidValueError.self) {
            try EventInvokeConfig().validateForPut(function: function)
        }
        #expect(error?.code == .noSettings)
        try EventInvokeConfig(maximumRetryAttempts: .zero).validateForPut(function: function)
        #expect(throws: InvalidValueError.self) { try EventInvokeConfigPatch().validateForUpdate(function: function) }
    }

    @Test(arguments: [
        ("fn", "arn:aws:lambda:us-east-1:123456789012:function:fn", true),
        ("fn:live", "arn:aws:lambda:us-east-1:123456789012:function:fn:1", true),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:fn", "arn:aws:lambda:us-east-1:123456789012:function:fn",
            true
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:fn", "arn:aws:lambda:us-east-1:210987654321:function:fn",
            false
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:fn", "arn:aws:lambda:us-west-2:123456789012:function:fn",
            false
        ),
        ("fn", "arn:aws:lambda:us-east-1:123456789012:function:other", false),
    ])
    func selfDestination(function: String, destination: String, rejected: Bool) throws {
        let config = EventInvokeConfig(destinationConfig: try DestinationConfig(onSuccessARN: destination))
        let reference = try FunctionReference(function)
        if rejected {
            let error = #expect(throws: InvalidValueError.self) { try config.validateForPut(function: reference) }
            #expect(error?.code == .selfDestination)
            let patch = EventInvokeConfigPatch(destinationConfig: config.destinationConfig)
            #expect(throws: InvalidValueError.self) { try patch.validateForUpdate(function: reference) }
        } else {
            try config.validateForPut(function: reference)
        }
    }

    @Test func patchMergesFieldByField() throws {
        let stored = EventInvokeConfig(
            maximumRetryAttempts: .two, maximumEventAge: try MaximumEventAge(seconds: 600),
            destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:sqs:us-east-1:123456789012:dlq"))
        let patched = EventInvokeConfigPatch(maximumRetryAttempts: .zero).applied(to: stored)
        #expect(patched.maximumRetryAttempts == .zero)
        #expect(patched.maximumEventAge == stored.maximumEventAge)
        #expect(patched.destinationConfig == stored.destinationConfig)
    }
}
