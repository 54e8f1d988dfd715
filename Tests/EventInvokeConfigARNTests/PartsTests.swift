import EventInvokeConfigARN
import Testing

@Suite("ARN, Partition, Region, AccountID, Qualifier")
struct PartsTests {
    @Test(arguments: [
        ("arn:aws:sqs:us-east-1:123456789012:queue", "aws", "sqs", "us-east-1", "123456789012", "queue"),
        ("arn:aws:s3:::bucket", "aws", "s3", "", "", "bucket"),
        (
            "arn:aws:events:us-east-1:123456789012:event-bus/default", "aws", "events", "us-east-1", "123456789012",
            "event-bus/default"
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:f:1", "aws", "lambda", "us-east-1", "123456789012",
            "function:f:1"
        ),
    ])
    func genericARN(
        text: String, partition: String, service: String, region: String, account: String, resource: String
    )
        throws
    {
        let arn = try ARN(text)
        #expect(arn.partition == partition)
        #expect(arn.service == service)
        #expect(arn.region == region)
        #expect(arn.accountID == account)
        #expect(arn.resource == resource)
        #expect(arn.description == text)
    }

    @Test(arguments: [
        "", "arn", "arn:aws:sqs", "urn:aws:sqs:us-east-1:1:q", "arn:aws::us-east-1:1:q", "arn:aws:sqs:r:a:",
    ])
    func malformedGenericARN(text: String) {
        #expect(throws: InvalidValueError.self) { try ARN(text) }
    }

    @Test(arguments: [
        "us-east-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1",
        "us-isof-south-1", "cn-northwest-1", "eusc-de-east-1", "ap-southeast-7", "il-central-1",
    ])
    func validRegions(name: String) throws {
        #expect(try Region(name).name == name)
    }

    @Test(arguments: [
        "", "us", "us-east", "US-EAST-1", "us-east-1a", "useast-1", "us--1", "us-east-", "-east-1",
        "u-east-1", "usa-east-1", "us-east-123", "eusc-east-1",
    ])
    func invalidRegions(name: String) {
        let error = #expect(throws: InvalidValueError.self) { try Region(name) }
        #expect(error?.code == .invalidRegion)
    }

    @Test func partitionsByName() throws {
        for partition in Partition.all {
            #expect(try Partition(partition.name) == partition)
        }
        #expect(Partition.all.count == 8)
        let error = #expect(throws: InvalidValueError.self) { try Partition("aws-moon") }
        #expect(error?.description.contains("aws-iso-f") == true)
    }

    @Test func accountIDs() throws {
        #expect(try AccountID("000000000000").digits == "000000000000")
        for bad in ["", "12345678901", "1234567890123", "12345678901a"] {
            #expect(throws: InvalidValueError.self) { try AccountID(bad) }
        }
    }

    @Test(arguments: [
        "$LATEST", "$LATEST.PUBLISHED", "1", "0042", "live", "blue-green_2", "v1",
        String(repeating: "a", count: 128),
    ])
    func validQualifiers(text: String) throws {
        #expect(try Qualifier(text).rawValue == text)
    }

    @Test(arguments: ["", "$latest", "$LATEST.", "$X", "a b", "a:b", "a.b", String(repeating: "a", count: 129), "é"])
    func invalidQualifiers(text: String) {
        let error = #expect(throws: InvalidValueError.self) { try Qualifier(text) }
        #expect(error?.field == "Qualifier")
    }

    @Test func versionsStartAtOne() {
        #expect(throws: InvalidValueError.self) { try Version(0) }
        #expect(throws: InvalidValueError.self) { try Version("1a") }
        #expect(throws: InvalidValueError.self) { try Alias("123") }
    }

    @Test func errorDescriptionsEscapeControlCharacters() {
        let error = #expect(throws: InvalidValueError.self) { try FunctionReference("bad\nname\u{1}") }
        #expect(error?.description.contains("\\n") == true)
        #expect(error?.description.contains("\n") == false)
        #expect(error?.description.contains("\\u{1}") == true)
    }

    @Test func codesAreStableNames() {
        #expect(InvalidValueError.Code.wrongService.description == "wrongService")
        #expect(InvalidValueError.Code.wrongService != .wrongResourceType)
    }
}
