import PropertyBased
import Testing

@testable import EventInvokeConfigARN

/// The one-pass parser for well-formed function ARNs must agree with the full parser wherever it answers, and
/// answer for every well-formed ARN.
@Suite("One-pass function ARN parser against the full parser")
struct FastARNTests {
    static let partitions: [(String, String)] = [
        ("aws", "us-east-1"), ("aws", "eu-west-3"), ("aws-cn", "cn-north-1"), ("aws-us-gov", "us-gov-west-1"),
        ("aws-iso", "us-iso-east-1"), ("aws-iso-b", "us-isob-east-1"), ("aws-eusc", "eusc-de-east-1"),
        ("aws", "us-gov-west-1"), ("aws-cn", "us-east-1"),
        // Longer than any region name may be (40 bytes): the full parser rejects it, so the one-pass one must too.
        ("aws", "us-" + String(repeating: "a", count: 40) + "-1"),
    ]
    static let qualifiers = ["", ":$LATEST", ":$LATEST.PUBLISHED", ":7", ":live", ":blue-green_2", ":", ":12a", ":a:b"]
    static let names = [
        "f", "my-function", "A_b-9", String(repeating: "n", count: 64), String(repeating: "n", count: 65), "bad.name",
        "",
    ]

    static func agree(_ text: String) {
        let fast = FunctionReference.parseWellFormedARN(text)
        let full = try? FunctionReference.parseARN(text, field: "FunctionName")
        if let fast {
            #expect(fast == full, "\(text)")
            #expect(fast.description == text, "\(text)")
        }
    }

    @Test("every combination of partition, region, account, name and qualifier")
    func combinations() {
        for (partition, region) in Self.partitions {
            for name in Self.names {
                for qualifier in Self.qualifiers {
                    for account in ["123456789012", "12345678901", "12345678901a"] {
                        let text = "arn:\(partition):lambda:\(region):\(account):function:\(name)\(qualifier)"
                        Self.agree(text)
                        // Everything the full parser accepts, the one-pass parser accepts too.
                        if (try? FunctionReference.parseARN(text, field: "FunctionName")) != nil {
                            #expect(FunctionReference.parseWellFormedARN(text) != nil, "\(text)")
                        }
                    }
                }
            }
        }
    }

    @Test("building from parts accepts exactly the references whose rendering fits in 256 characters")
    func lengthFromParts() throws {
        let account = try AccountID("123456789012")
        for (partitionName, regionName) in Self.partitions.prefix(7) {
            let forms: [FunctionReference.Form] = [
                .name, .partialARN(accountID: account),
                .arn(partition: try Partition(partitionName), region: try Region(regionName), accountID: account),
            ]
            for form in forms {
                for nameLength in [1, 40, 64] {
                    for aliasLength in [0, 1, 100, 128] {
                        let qualifier =
                            aliasLength == 0 ? nil : try Qualifier(String(repeating: "q", count: aliasLength))
                        let name = String(repeating: "n", count: nameLength)
                        let built = try? FunctionReference(name: name, qualifier: qualifier, form: form)
                        let rendered = FunctionReference.unchecked(form: form, name: name, qualifier: qualifier)
                        #expect((built != nil) == (rendered.description.utf8.count <= 256), "\(rendered)")
                    }
                }
            }
        }
    }

    @Test("on ARN-shaped token soups, whatever the one-pass parser accepts the full parser parses the same")
    func soups() async {
        let pieces = [
            "arn", ":", "aws", "aws-cn", "lambda", "sqs", "us-east-1", "cn-north-1", "us-gov-west-1", "123456789012",
            "function", "layer", "f", "my-function", "$LATEST", "1", "live", "-", "_", "é", "/", "",
        ]
        let gen = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...16).map { $0.joined() }
        await propertyCheck(count: 3000, input: gen) { text in Self.agree("arn:" + text) }
    }
}
