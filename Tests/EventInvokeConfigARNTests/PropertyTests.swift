import EventInvokeConfigARN
import PropertyBased
import Testing

@Suite("Parser properties")
struct PropertyTests {
    static let nameCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

    static let name = Gen<Character?>.element(of: nameCharacters).compactMap { $0 }.string(of: 1...64)
    static let aliasText = Gen<Character?>.element(of: nameCharacters).compactMap { $0 }.string(of: 1...40)
        .filter { !$0.allSatisfy(\.isNumber) }
    static let qualifierKind = Gen.int(in: 0...4)
    static let version = Gen.int(in: 1...100_000)

    static func qualifier(kind: Int, alias: String, version: Int) -> String? {
        switch kind {
        case 0: nil
        case 1: "$LATEST"
        case 2: "$LATEST.PUBLISHED"
        case 3: String(version)
        default: alias
        }
    }
    static let account = Gen<Character?>.element(of: Array("0123456789")).compactMap { $0 }.string(of: 12)
    static let partitionAndRegion = Gen<(String, String)?>.element(of: [
        ("aws", "us-east-1"), ("aws", "ap-northeast-3"), ("aws-cn", "cn-north-1"), ("aws-us-gov", "us-gov-east-1"),
        ("aws-iso", "us-iso-west-1"), ("aws-iso-b", "us-isob-east-1"), ("aws-iso-e", "eu-isoe-west-1"),
        ("aws-iso-f", "us-isof-east-1"), ("aws-eusc", "eusc-de-east-1"),
    ]).compactMap { $0 }
    static let form = Gen.int(in: 0...2)

    @Test("render ∘ parse is the identity on generated valid references")
    func roundTrip() async {
        await propertyCheck(
            count: 500, input: Self.name, Self.qualifierKind, Self.aliasText, Self.version, Self.account,
            Self.partitionAndRegion, Self.form
        ) { name, kind, alias, version, account, partitionAndRegion, form in
            let qualifier = Self.qualifier(kind: kind, alias: alias, version: version)
            let base: String
            switch form {
            case 0: base = name
            case 1: base = "\(account):function:\(name)"
            default: base = "arn:\(partitionAndRegion.0):lambda:\(partitionAndRegion.1):\(account):function:\(name)"
            }
            let text = qualifier.map { "\(base):\($0)" } ?? base
            guard text.utf8.count <= 256 else { return }
            do {
                let parsed = try FunctionReference(text)
                #expect(parsed.description == text)
                #expect(parsed.functionName == base)
                #expect(parsed.name == name)
                #expect(parsed.qualifier?.rawValue == qualifier)
                #expect(try FunctionReference(parsed.functionName, qualifier: qualifier) == parsed)
                #expect(try ImportID(text).id == text)
            } catch {
                Issue.record("\(text) failed: \(error)")
            }
        }
    }

    static let anyCharacters = Array("arn:aws-lambdfuntio$LATEST.PUBLISHED0123456789/_- é\n\u{0}:::")
    static let arbitrary = Gen<Character?>.element(of: anyCharacters).compactMap { $0 }.string(of: 0...300)

    @Test("references are equal, and hash alike, exactly when form, name and qualifier are equal")
    func equalityFollowsParts() async {
        let texts = [
            "orders", "orders:live", "orders:1", "Orders", "123456789012:function:orders",
            "123456789012:function:orders:live", "210987654321:function:orders",
            "arn:aws:lambda:us-east-1:123456789012:function:orders",
            "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
            "arn:aws:lambda:us-west-2:123456789012:function:orders",
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders",
        ]
        await propertyCheck(count: 300, input: Gen.int(in: 0..<texts.count), Gen.int(in: 0..<texts.count)) { a, b in
            do {
                // Parsed separately (no shared storage) and copied (shared storage): both compare by their parts.
                let first = try FunctionReference(texts[a])
                let second = try FunctionReference(texts[b])
                let copy = first
                let sameParts =
                    first.form == second.form && first.name == second.name
                    && first.qualifier == second.qualifier
                #expect((first == second) == sameParts, "\(texts[a]) vs \(texts[b])")
                #expect((first == second) == (a == b), "\(texts[a]) vs \(texts[b])")
                if first == second { #expect(first.hashValue == second.hashValue) }
                #expect(copy == first && copy.hashValue == first.hashValue)
                #expect(Set([first, second, copy]).count == (a == b ? 1 : 2))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("arbitrary strings never crash the parsers")
    func neverCrashes() async {
        await propertyCheck(count: 2000, input: Self.arbitrary) { text in
            if let reference = try? FunctionReference(text) {
                #expect((try? FunctionReference(reference.description)) == reference)
                #expect((try? ImportID(text))?.function == reference)
            } else {
                #expect((try? ImportID(text)) == nil)
            }
            if let qualifier = try? Qualifier(text) { #expect(qualifier.rawValue == text) }
            if let arn = try? ARN(text) { #expect(arn.description == text) }
            if let region = try? Region(text) { #expect(region.name == text) }
        }
    }

    @Test("arbitrary unicode strings: a reference that parses renders back; an error names the whole input")
    func unicodeRoundTripsOrNamesTheInput() async {
        let unicode = Gen.unicodeScalar(in: "\u{1}"..."\u{2FFF}").map { Character($0) }.string(of: 0...80)
        await propertyCheck(count: 1000, input: unicode) { text in
            for input in [text, "arn:aws:lambda:us-east-1:123456789012:function:" + text] {
                do throws(InvalidValueError) {
                    let reference = try FunctionReference(input)
                    #expect(reference.description == input)
                } catch {
                    #expect(error.value == input)
                    #expect(error.field == "FunctionName")
                }
            }
            do throws(InvalidValueError) {
                let qualifier = try Qualifier(text)
                #expect(qualifier.rawValue == text)
            } catch {
                #expect(error.value == text)
            }
        }
    }
}
