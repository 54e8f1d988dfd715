import Foundation
import Testing

@Suite("eic parse-id")
struct ParseIDCommandTests {
    @Test(
        arguments: [
            ("my_function", "my_function", nil, "my_function", nil, nil, nil),
            ("my_function:production", "my_function", "production", "my_function:production", nil, nil, nil),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:my_function",
                "arn:aws:lambda:us-east-1:123456789012:function:my_function", nil,
                "arn:aws:lambda:us-east-1:123456789012:function:my_function", "aws", "us-east-1", "123456789012"
            ),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:my_function:production",
                "arn:aws:lambda:us-east-1:123456789012:function:my_function", "production",
                "arn:aws:lambda:us-east-1:123456789012:function:my_function:production", "aws", "us-east-1",
                "123456789012"
            ),
            (
                "123456789012:function:my_function:$LATEST", "123456789012:function:my_function", "$LATEST",
                "123456789012:function:my_function:$LATEST", nil, nil, "123456789012"
            ),
        ] as [(String, String, String?, String, String?, String?, String?)])
    func printsJSON(
        input: String, functionName: String, qualifier: String?, id: String, partition: String?, region: String?,
        account: String?
    ) throws {
        let result = try CommandRunner.run(["parse-id", input])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["functionName", "qualifier", "id", "name", "partition", "region", "accountId"])
        #expect(object["functionName"] as? String == functionName)
        #expect(object["qualifier"] as? String == qualifier)
        #expect(object["id"] as? String == id)
        #expect(object["name"] as? String == "my_function")
        #expect(object["partition"] as? String == partition)
        #expect(object["region"] as? String == region)
        #expect(object["accountId"] as? String == account)
        if qualifier == nil { #expect(object["qualifier"] is NSNull) }
    }

    @Test func textOutput() throws {
        let result = try CommandRunner.run(["parse-id", "fn:live", "--output", "table"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("qualifier     live"))
    }

    @Test(arguments: [
        (
            "arn:aws:us-east-1:123456789012:function:my_function",
            "arn:aws:lambda:us-east-1:123456789012:function:my_function"
        ),
        ("arn:aws:lambda:us-east-1:123456789012:layer:x", "not a function ARN"),
        ("arn:aws:sqs:us-east-1:123456789012:q", "\"sqs\" service"),
        ("bad name", "invalid import ID"),
    ])
    func invalidInputGoesToStderrWithStatus1(input: String, mention: String) throws {
        let result = try CommandRunner.run(["parse-id", input])
        #expect(result.status == 252)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(mention), "\(result.stderr)")
    }
}
