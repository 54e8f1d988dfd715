import EventInvokeConfigARN
import Testing

@Suite("Import IDs in Terraform's forms")
struct ImportIDTests {
    /// The four examples from the Terraform resource documentation, plus the partial ARN that Terraform rejects.
    static let examples: [(id: String, functionName: String, qualifier: String?)] = [
        ("my_function", "my_function", nil),
        ("my_function:production", "my_function", "production"),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:my_function",
            "arn:aws:lambda:us-east-1:123456789012:function:my_function", nil
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:my_function:production",
            "arn:aws:lambda:us-east-1:123456789012:function:my_function", "production"
        ),
        ("123456789012:function:my_function", "123456789012:function:my_function", nil),
        ("123456789012:function:my_function:production", "123456789012:function:my_function", "production"),
    ]

    @Test(arguments: examples)
    func parsesAndRendersTheID(id: String, functionName: String, qualifier: String?) throws {
        let parsed = try ImportID(id)
        #expect(parsed.functionName == functionName)
        #expect(parsed.qualifier?.rawValue == qualifier)
        #expect(parsed.id == id)
        let rebuilt = try ImportID(functionName: functionName, qualifier: qualifier)
        #expect(rebuilt == parsed)
        #expect(rebuilt.id == id)
    }

    @Test("Terraform arguments with a conflicting qualifier are rejected")
    func conflict() {
        let error = #expect(throws: InvalidValueError.self) {
            try ImportID(functionName: "arn:aws:lambda:us-east-1:123456789012:function:f:blue", qualifier: "green")
        }
        #expect(error?.code == .qualifierConflict)
    }

    @Test("errors from import name the import ID field")
    func fieldName() {
        let error = #expect(throws: InvalidValueError.self) { try ImportID("arn:aws:sqs:us-east-1:123456789012:q") }
        #expect(error?.field == "import ID")
        #expect(error?.code == .wrongService)
    }
}
