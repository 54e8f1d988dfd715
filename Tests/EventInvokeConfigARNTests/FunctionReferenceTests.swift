import EventInvokeConfigARN
import Testing

@Suite("FunctionReference parses every FunctionName form")
struct FunctionReferenceTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let input: String
        let functionName: String
        let name: String
        let qualifier: String?
        let partition: String?
        let region: String?
        let account: String?
        var testDescription: String { input }
    }

    static let valid: [Valid] = [
        Valid(
            input: "my-function", functionName: "my-function", name: "my-function", qualifier: nil,
            partition: nil, region: nil, account: nil),
        Valid(
            input: "my_function", functionName: "my_function", name: "my_function", qualifier: nil,
            partition: nil, region: nil, account: nil),
        Valid(
            input: "my-function:v1", functionName: "my-function", name: "my-function", qualifier: "v1",
            partition: nil, region: nil, account: nil),
        Valid(
            input: "my-function:$LATEST", functionName: "my-function", name: "my-function", qualifier: "$LATEST",
            partition: nil, region: nil, account: nil),
        Valid(
            input: "my-function:$LATEST.PUBLISHED", functionName: "my-function", name: "my-function",
            qualifier: "$LATEST.PUBLISHED", partition: nil, region: nil, account: nil),
        Valid(
            input: "my-function:42", functionName: "my-function", name: "my-function", qualifier: "42",
            partition: nil, region: nil, account: nil),
        Valid(
            input: "123456789012:function:my-function", functionName: "123456789012:function:my-function",
            name: "my-function", qualifier: nil, partition: nil, region: nil, account: "123456789012"),
        Valid(
            input: "123456789012:function:my-function:live", functionName: "123456789012:function:my-function",
            name: "my-function", qualifier: "live", partition: nil, region: nil, account: "123456789012"),
        Valid(
            input: "arn:aws:lambda:us-west-2:123456789012:function:my-function",
            functionName: "arn:aws:lambda:us-west-2:123456789012:function:my-function", name: "my-function",
            qualifier: nil, partition: "aws", region: "us-west-2", account: "123456789012"),
        Valid(
            input: "arn:aws:lambda:us-west-2:123456789012:function:my-function:$LATEST",
            functionName: "arn:aws:lambda:us-west-2:123456789012:function:my-function", name: "my-function",
            qualifier: "$LATEST", partition: "aws", region: "us-west-2", account: "123456789012"),
        Valid(
            input: "arn:aws:lambda:us-west-2:123456789012:function:my-function:1",
            functionName: "arn:aws:lambda:us-west-2:123456789012:function:my-function", name: "my-function",
            qualifier: "1", partition: "aws", region: "us-west-2", account: "123456789012"),
    ]

    @Test(arguments: valid)
    func parsesValidForms(_ c: Valid) throws {
        let reference = try FunctionReference(c.input)
        #expect(reference.functionName == c.functionName)
        #expect(reference.name == c.name)
        #expect(reference.qualifier?.rawValue == c.qualifier)
        #expect(reference.partition?.name == c.partition)
        #expect(reference.region?.name == c.region)
        #expect(reference.accountID?.digits == c.account)
        #expect(reference.description == c.input)
    }

    static let partitions: [(partition: String, region: String)] = [
        ("aws", "us-east-1"), ("aws", "eu-central-2"), ("aws", "ap-southeast-7"), ("aws", "mx-central-1"),
        ("aws-cn", "cn-north-1"), ("aws-us-gov", "us-gov-west-1"), ("aws-iso", "us-iso-east-1"),
        ("aws-iso-b", "us-isob-east-1"), ("aws-iso-e", "eu-isoe-west-1"), ("aws-iso-f", "us-isof-south-1"),
        ("aws-eusc", "eusc-de-east-1"),
    ]

    @Test("each partition parses and renders", arguments: partitions)
    func eachPartition(partition: String, region: String) throws {
        let text = "arn:\(partition):lambda:\(region):123456789012:function:fn:live"
        let reference = try FunctionReference(text)
        #expect(reference.partition?.name == partition)
        #expect(reference.region?.name == region)
        #expect(reference.region?.partition?.name == partition)
        #expect(reference.description == text)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let input: String
        let code: InvalidValueError.Code
        let mentions: [String]
        var testDescription: String { input }
    }

    static let invalid: [Invalid] = [
        Invalid(input: "", code: .empty, mentions: ["empty"]),
        Invalid(input: "my function", code: .invalidFunctionName, mentions: ["\" \"", "[a-zA-Z0-9-_]"]),
        Invalid(input: "my.function", code: .invalidFunctionName, mentions: ["\".\""]),
        Invalid(input: "fünction", code: .invalidFunctionName, mentions: ["ü"]),
        Invalid(input: String(repeating: "a", count: 65), code: .tooLong, mentions: ["65 characters", "1-64"]),
        Invalid(input: String(repeating: "a", count: 257), code: .tooLong, mentions: ["257", "256"]),
        Invalid(input: "fn:", code: .empty, mentions: ["qualifier is empty"]),
        Invalid(input: "fn:$PREVIOUS", code: .invalidQualifier, mentions: ["$LATEST"]),
        Invalid(input: "fn:a.b", code: .invalidQualifier, mentions: ["\".\""]),
        Invalid(input: "fn:live:extra", code: .unexpectedSegment, mentions: ["extra"]),
        Invalid(input: ":fn", code: .empty, mentions: ["function name is empty"]),
        Invalid(input: "12345678901:function:fn", code: .invalidAccountID, mentions: ["12345678901", "12 digits"]),
        Invalid(input: "123456789012:layer:fn", code: .malformedARN, mentions: ["ACCOUNT:function:NAME", "layer"]),
        Invalid(input: "123456789012:function", code: .malformedARN, mentions: ["ACCOUNT:function:NAME"]),
        Invalid(input: "123456789012:function:fn:1:2", code: .unexpectedSegment, mentions: ["\"2\""]),
        Invalid(
            input: "us-east-1:123456789012:function:fn", code: .malformedARN,
            mentions: ["arn:aws:lambda:us-east-1:123456789012:function:fn"]),
        Invalid(
            input: "arn:aws:lambda:us-east-1:123456789012:function", code: .malformedARN,
            mentions: ["ends before the function name"]),
        Invalid(
            input: "arn:aws:lambda:us-east-1:123456789012:function:", code: .empty,
            mentions: ["function name is empty"]),
        Invalid(
            input: "arn:aws:lambda:us-east-1:123456789012:layer:my-layer:1", code: .wrongResourceType,
            mentions: ["\"layer\"", "function"]),
        Invalid(
            input: "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:abc", code: .wrongResourceType,
            mentions: ["event-source-mapping"]),
        Invalid(
            input: "arn:aws:sqs:us-east-1:123456789012:my-queue", code: .wrongService,
            mentions: ["\"sqs\"", "Lambda function ARN"]),
        Invalid(
            input: "arn:aws:lambda:us-east-1:12345678901:function:fn", code: .invalidAccountID,
            mentions: ["12 digits"]),
        Invalid(
            input: "arn:aws:lambda:useast1:123456789012:function:fn", code: .invalidRegion,
            mentions: ["useast1"]),
        Invalid(
            input: "arn:aws:lambda:cn-north-1:123456789012:function:fn", code: .invalidRegion,
            mentions: ["aws-cn", "arn:aws-cn:lambda:cn-north-1:123456789012:function:fn"]),
        Invalid(
            input: "arn:aws-mars:lambda:us-east-1:123456789012:function:fn", code: .invalidPartition,
            mentions: ["aws-mars", "aws-us-gov"]),
        Invalid(
            input: "arn::lambda:us-east-1:123456789012:function:fn", code: .malformedARN,
            mentions: ["partition segment is empty"]),
        Invalid(
            input: "arn:aws:lambda:us-east-1:123456789012:function:fn:live:x", code: .unexpectedSegment,
            mentions: ["\"x\""]),
        Invalid(
            input: "arn:aws:lambda:us-east-1:123456789012:function:fn:1a$", code: .invalidQualifier,
            mentions: ["$"]),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidInputNamingThePart(_ c: Invalid) {
        let error = #expect(throws: InvalidValueError.self) { try FunctionReference(c.input) }
        #expect(error?.code == c.code, "\(String(describing: error))")
        #expect(error?.field == "FunctionName")
        for mention in c.mentions {
            #expect(error?.description.contains(mention) == true, "\(String(describing: error)) lacks \(mention)")
        }
    }

    @Test("the resource docs' ARN without a lambda segment gets the corrected ARN")
    func missingLambdaSegmentSuggestsCorrection() {
        let error = #expect(throws: InvalidValueError.self) {
            try ImportID("arn:aws:us-east-1:123456789012:function:my_function")
        }
        #expect(error?.code == .malformedARN)
        #expect(error?.suggestion == "arn:aws:lambda:us-east-1:123456789012:function:my_function")
        #expect(
            error?.description.contains("did you mean \"arn:aws:lambda:us-east-1:123456789012:function:my_function\"")
                == true)
        #expect(error?.description.contains("no service segment") == true)
    }

    @Test("the missing-lambda suggestion keeps the qualifier")
    func missingLambdaSegmentWithQualifier() {
        let error = #expect(throws: InvalidValueError.self) {
            try FunctionReference("arn:aws:us-east-1:123456789012:function:my_function:prod")
        }
        #expect(error?.suggestion == "arn:aws:lambda:us-east-1:123456789012:function:my_function:prod")
    }

    @Test("a qualifier given twice must agree")
    func qualifierConflict() throws {
        #expect(try FunctionReference("fn:live", qualifier: "live").qualifier == .alias(Alias("live")))
        #expect(try FunctionReference("fn", qualifier: "7").qualifier == .version(Version("7")))
        #expect(try FunctionReference("fn", qualifier: nil).qualifier == nil)
        // An explicitly empty qualifier is an error, not "unqualified" (regression: it meant `$LATEST`).
        let empty = #expect(throws: InvalidValueError.self) { try FunctionReference("fn", qualifier: "") }
        #expect(empty?.code == .empty)
        #expect(empty?.field == "Qualifier")
        // Terraform's `qualifier = ""` is the same as none.
        #expect(try ImportID(functionName: "fn", qualifier: "").function.qualifier == nil)
        let error = #expect(throws: InvalidValueError.self) { try FunctionReference("fn:live", qualifier: "blue") }
        #expect(error?.code == .qualifierConflict)
        #expect(error?.description.contains("\"live\"") == true)
        #expect(error?.description.contains("\"blue\"") == true)
    }

    @Test("unqualified and each kind of qualifier are distinguishable")
    func qualifierKinds() throws {
        #expect(try FunctionReference("fn").qualifier == nil)
        #expect(try FunctionReference("fn:$LATEST").qualifier == .latest)
        #expect(try FunctionReference("fn:$LATEST.PUBLISHED").qualifier == .latestPublished)
        #expect(try FunctionReference("fn:12").qualifier == .version(Version(12)))
        #expect(try FunctionReference("fn:live").qualifier == .alias(Alias("live")))
        #expect(try FunctionReference("fn:1live").qualifier == .alias(Alias("1live")))
    }

    @Test("full ARN from a bare name fills partition from the region")
    func resolvesARN() throws {
        let reference = try FunctionReference("fn:live")
        let arn = reference.arn(region: try Region("cn-north-1"), accountID: try AccountID("123456789012"))
        #expect(arn.description == "arn:aws-cn:lambda:cn-north-1:123456789012:function:fn:live")
        let partial = try FunctionReference("123456789012:function:fn")
        #expect(
            partial.arn(region: try Region("us-gov-west-1"), accountID: try AccountID("000000000000")).description
                == "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn")
    }

    @Test("a 64-character name with a 128-character alias in a full ARN fits in 256")
    func longestValid() throws {
        let name = String(repeating: "n", count: 64)
        let alias = String(repeating: "a", count: 128)
        let text = "arn:aws:lambda:us-east-1:123456789012:function:\(name):\(alias)"
        #expect(try FunctionReference(text).description == text)
        let error = #expect(throws: InvalidValueError.self) {
            try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:\(name):\(alias)x")
        }
        #expect(error?.code == .tooLong)
    }
}
