import EventInvokeConfigARN
import EventInvokeConfigModel
import Foundation
import PropertyBased
import Testing

/// The fast wire codec must agree with the `Codable` conformances wherever it answers, and decline the rest.
@Suite("Fast wire JSON against the Codable reference")
struct WireJSONTests {
    static let pages = ["aws-list-example", "moto-list-response"]
    static let records = [
        "aws-get-example", "aws-put-example", "aws-update-example", "moto-put-response",
        "moto-update-response",
    ]

    @Test("every fixture decodes fast, to what JSONDecoder gives")
    func fixtures() throws {
        for name in Self.records {
            let data = try WireCodingTests.fixture(name)
            let fast = try #require(WireJSON.decodeRecord(data), "\(name) declined")
            #expect(fast == (try JSONDecoder().decode(EventInvokeConfigRecord.self, from: data)), "\(name)")
        }
        for name in Self.pages {
            let data = try WireCodingTests.fixture(name)
            let fast = try #require(WireJSON.decodePage(data), "\(name) declined")
            #expect(fast == (try JSONDecoder().decode(EventInvokeConfigPage.self, from: data)), "\(name)")
        }
    }

    /// `LastModified` as `Double.description` of the millisecond-rounded seconds writes it (".0" dropped), the way
    /// the record writer wrote it before it formatted the millisecond count itself.
    static func referenceTimestampText(_ seconds: Double) -> String {
        var text = ((seconds * 1000).rounded() / 1000).description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    @Test("LastModified is written digit for digit as Double.description writes the millisecond-rounded seconds")
    func recordTimestampText() async throws {
        let function = try FunctionReference("arn:aws-cn:lambda:cn-north-1:123456789012:function:f-1_2:live")
        await propertyCheck(
            count: 3000, input: Gen.int(in: 0...5), Gen.int(in: -4_000_000_000_000...4_000_000_000_000),
            Gen.int(in: 0...1_000_000)
        ) { kind, milliseconds, micro in
            let seconds: Double
            switch kind {
            case 0: seconds = Double(milliseconds) / 1000  // a whole number of milliseconds, as Lambda stamps
            case 1: seconds = Double(milliseconds) / 1000 + Double(micro) / 1e9  // finer than a millisecond
            case 2: seconds = Double(micro % 2000 - 1000) / 1000  // around zero, both signs
            case 3: seconds = Double(milliseconds / 1000)  // whole seconds
            case 4: seconds = Double(micro) * 1e6 + Double(milliseconds % 1000) / 1000  // up to 10^12 s
            default: seconds = Double(milliseconds) * 1e3  // past 10^15 ms: the description path
            }
            let record = EventInvokeConfigRecord(
                functionARN: function, lastModified: Date(timeIntervalSince1970: seconds),
                config: EventInvokeConfig(maximumRetryAttempts: .one))
            guard let encoded = WireJSON.encode(record) else {
                // Declined only where the description has an exponent.
                #expect(Self.referenceTimestampText(seconds).contains("e"), "declined \(seconds)")
                return
            }
            let text = String(decoding: encoded, as: UTF8.self)
            let expected =
                #"{"FunctionArn":"\#(function.description)","LastModified":\#(Self.referenceTimestampText(seconds)),"#
                + #""MaximumRetryAttempts":1}"#
            #expect(text == expected, "\(seconds)")
        }
    }

    static func config(_ retries: Int, _ age: Int, _ success: Int, _ failure: Int) throws -> EventInvokeConfig {
        let pool = WireCodingTests.destinationPool
        return EventInvokeConfig(
            maximumRetryAttempts: retries < 0 ? nil : try MaximumRetryAttempts(retries),
            maximumEventAge: age < 60 ? nil : try MaximumEventAge(seconds: age),
            destinationConfig: success == 0 && failure == 0
                ? nil : try DestinationConfig(onSuccessARN: pool[success], onFailureARN: pool[failure]))
    }

    /// Whether the fast encoder's bytes hold the same JSON as JSONEncoder's (whose key order varies by run).
    static func sameJSON(_ fast: Data, _ value: some Encodable) throws -> Bool {
        let ours = try JSONSerialization.jsonObject(with: fast) as? NSDictionary
        let reference = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? NSDictionary
        return ours != nil && ours == reference
    }

    @Test("generated configs, records and pages encode to JSONEncoder's JSON and decode back, both ways")
    func generatedValues() async {
        let qualifiers = ["$LATEST", "1", "live", "$LATEST.PUBLISHED"]
        await propertyCheck(
            count: 400, input: Gen.int(in: -1...2), Gen.int(in: 59...21_600), Gen.int(in: 0...4), Gen.int(in: 0...4),
            Gen.int(in: 0...3), Gen.int(in: 1_000_000_000_000...1_999_999_999_999)
        ) { retries, age, success, failure, qualifier, milliseconds in
            do {
                let config = try Self.config(retries, age, success, failure)
                #expect(try Self.sameJSON(WireJSON.encode(config), config))
                let patch = EventInvokeConfigPatch(
                    maximumRetryAttempts: config.maximumRetryAttempts, maximumEventAge: config.maximumEventAge,
                    destinationConfig: config.destinationConfig)
                #expect(try Self.sameJSON(WireJSON.encode(patch), patch))
                #expect(WireJSON.decodeConfig(try JSONEncoder().encode(config)) == config)

                let record = EventInvokeConfigRecord(
                    functionARN: try FunctionReference(
                        "arn:aws:lambda:us-east-1:123456789012:function:f:\(qualifiers[qualifier])"),
                    lastModified: Date(timeIntervalSince1970: Double(milliseconds) / 1000), config: config)
                let encoded = try #require(WireJSON.encode(record))
                #expect(try Self.sameJSON(encoded, record))
                let viaFoundation = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: encoded)
                #expect(WireJSON.decodeRecord(encoded) == viaFoundation)
                #expect(WireJSON.decodeRecord(try JSONEncoder().encode(record)) == viaFoundation)

                let page = EventInvokeConfigPage(records: [record, record], nextMarker: retries < 0 ? nil : "m/\(age)")
                let pageBytes = try #require(WireJSON.encode(page))
                #expect(try Self.sameJSON(pageBytes, page))
                #expect(
                    WireJSON.decodePage(pageBytes)
                        == (try JSONDecoder().decode(EventInvokeConfigPage.self, from: pageBytes)))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("pages of up to 50 records, far past the writer's 512-byte scratch, encode to JSONEncoder's JSON")
    func largePages() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...50), Gen.int(in: 0...10_000)) { count, seed in
            do {
                var records: [EventInvokeConfigRecord] = []
                for index in 0..<count {
                    let mix = seed &+ index &* 7
                    let config = try Self.config(mix % 4 - 1, 60 + mix % 21_000, mix % 5, (mix / 5) % 5)
                    records.append(
                        EventInvokeConfigRecord(
                            functionARN: try FunctionReference(
                                "arn:aws:lambda:us-east-1:123456789012:function:function-\(index):\(index + 1)"),
                            lastModified: Date(timeIntervalSince1970: 1_700_000_000 + Double(mix) / 1000),
                            config: config.isEmpty ? EventInvokeConfig(maximumRetryAttempts: .one) : config))
                }
                let page = EventInvokeConfigPage(records: records, nextMarker: count.isMultiple(of: 2) ? "next" : nil)
                let bytes = try #require(WireJSON.encode(page))
                #expect(try Self.sameJSON(bytes, page), "\(count) records, \(bytes.count) bytes")
                #expect(WireJSON.decodePage(bytes) == page)
            } catch {
                Issue.record("\(count) records: \(error)")
            }
        }
    }

    @Test("markers with quotes, backslashes, control characters and non-ASCII encode to the same JSON and back")
    func escapedMarkers() async throws {
        let record = EventInvokeConfigRecord(
            functionARN: try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:f:live"),
            lastModified: Date(timeIntervalSince1970: 1_577_824_406.719),
            config: EventInvokeConfig(maximumRetryAttempts: .one, maximumEventAge: .minimum))
        let pieces = ["a", "Z9", "\"", "\\", "/", "\u{0}", "\n", "\t", "\u{1F}", " ", "é", "😀", "+=", "\u{7F}"]
        let marker = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...12).map { $0.joined() }
        await propertyCheck(count: 1_000, input: marker) { marker in
            do {
                let page = EventInvokeConfigPage(records: [record], nextMarker: marker)
                let bytes = try #require(WireJSON.encode(page))
                #expect(try Self.sameJSON(bytes, page), "\(marker.debugDescription)")
                // An empty marker reads back as no marker (the last page), as the service means it.
                let expected = marker.isEmpty ? nil : marker
                #expect(try JSONDecoder().decode(EventInvokeConfigPage.self, from: bytes).nextMarker == expected)
                #expect(WireJSON.decodePage(bytes).map { $0.nextMarker == expected } ?? true)
            } catch {
                Issue.record("\(marker.debugDescription): \(error)")
            }
        }
    }

    /// Whenever the fast reader answers, JSONDecoder must give the same value.
    static func checkAgreement(_ data: Data) {
        if let fast = WireJSON.decodeRecord(data) {
            #expect(
                fast == (try? JSONDecoder().decode(EventInvokeConfigRecord.self, from: data)),
                "\(String(decoding: data, as: UTF8.self))")
        }
        if let fast = WireJSON.decodePage(data) {
            #expect(
                fast == (try? JSONDecoder().decode(EventInvokeConfigPage.self, from: data)),
                "\(String(decoding: data, as: UTF8.self))")
        }
        if let fast = WireJSON.decodeConfig(data) {
            #expect(
                fast == (try? JSONDecoder().decode(EventInvokeConfig.self, from: data)),
                "\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test(
        "FunctionArn read from the JSON bytes: well-formed ARNs fast, everything else as JSONDecoder reads it",
        arguments: [
            ("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST", true),
            ("arn:aws-cn:lambda:cn-north-1:123456789012:function:f:live", true),
            (#"arn:aws:lambda:us-east-1:123456789012:function:f:\u0031"#, false),
            (#"arn:aws:lambda:us-east-1:123456789012:function:f\/x"#, false),
            ("arn:aws:lambda:us-east-1:123456789012:function:f:1:2", false),
            ("123456789012:function:f", false),
            ("arn:aws:lambda:us-east-1:123456789012:function:é", false),
            (#"arn:aws:lambda:us-east-1:123456789012:function:\u00e9"#, false),
        ] as [(String, Bool)])
    func functionARNBytes(arn: String, fast: Bool) throws {
        let data = Data(#"{"FunctionArn":"\#(arn)","LastModified":1577824406.719,"MaximumRetryAttempts":1}"#.utf8)
        Self.checkAgreement(data)
        #expect((WireJSON.decodeRecord(data) != nil) == fast, "\(arn)")
        if fast {
            let record = try #require(WireJSON.decodeRecord(data))
            #expect(record.functionARN.description == arn)
            #expect(record.lastModified == Date(timeIntervalSince1970: 1_577_824_406.719))
        }
    }

    @Test("strings are scanned eight bytes at a time: a quote, escape, control or non-ASCII byte at any offset")
    func wordBoundaries() throws {
        let specials: [[UInt8]] = [
            Array(#"\n"#.utf8), Array(#"\""#.utf8), Array("é".utf8), [0x01], [0x7F], [0xFF], Array("~".utf8),
        ]
        for length in 0...24 {
            for offset in 0...length {
                for special in specials {
                    var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    text.insert(contentsOf: special, at: offset)
                    let quoted = [UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]
                    // As an unknown key (read raw) and as an unknown string value (read and skipped).
                    let asKey = Data(Array("{".utf8) + quoted + Array(#":1,"MaximumRetryAttempts":1}"#.utf8))
                    let asValue = Data(Array(#"{"X":"#.utf8) + quoted + Array(#","MaximumRetryAttempts":1}"#.utf8))
                    Self.checkAgreement(asKey)
                    Self.checkAgreement(asValue)
                    if special == Array("~".utf8) {
                        #expect(WireJSON.decodeConfig(asKey) != nil)
                        #expect(WireJSON.decodeConfig(asValue) != nil)
                    }
                }
            }
        }
    }

    @Test("a key that is not valid UTF-8 is declined, as JSONDecoder refuses the document (fuzzing find)")
    func invalidUTF8Key() {
        var bytes = Array(
            #"{"LastModified": 1795851984.844, "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "#
                .utf8)
        bytes += Array(#""Maxi"#.utf8) + [0xE9] + Array(#"mumEventAgeInSeconds": 120, "MaximumRetryAttempts": 1}"#.utf8)
        let data = Data(bytes)
        #expect((try? JSONDecoder().decode(EventInvokeConfigRecord.self, from: data)) == nil)
        #expect(WireJSON.decodeRecord(data) == nil)
        #expect(WireJSON.decodeConfig(data) == nil)
        Self.checkAgreement(data)
    }

    @Test("decimal timestamps read without the text parser are bit-for-bit what Double(String) reads")
    func exactDecimals() async {
        await propertyCheck(
            count: 5000, input: Gen.int(in: 0...1), Gen.int(in: 0...9).array(of: 1...13),
            Gen.int(in: 0...9).array(of: 0...9)
        ) { negative, whole, fraction in
            let text =
                (negative == 1 ? "-" : "") + whole.map(String.init).joined()
                + (fraction.isEmpty ? "" : "." + fraction.map(String.init).joined())
            var copy = text
            let fast = copy.withUTF8 { JSONReader.exactDecimal(UnsafeRawBufferPointer($0)) }
            guard let expected = Double(text) else { return }
            if let fast { #expect(fast.bitPattern == expected.bitPattern, "\(text)") }
        }
        for text in ["1577824406.719", "0.1", "-0", "123456789012345", "0.000001"] {
            var copy = text
            let fast = copy.withUTF8 { JSONReader.exactDecimal(UnsafeRawBufferPointer($0)) }
            #expect(fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        for text in ["1e5", "1234567890123456", "1.2.3", "--1"] {
            var copy = text
            #expect(copy.withUTF8 { JSONReader.exactDecimal(UnsafeRawBufferPointer($0)) } == nil, "\(text)")
        }
    }

    @Test("the one-pass decimal reader gives what readDouble gives, and stops at the same byte")
    func onePassDecimals() async {
        let pieces = ["-", "0", "1", "9", "5", ".", "e", "E", "+", "-", "00", "123456789", " ", ",", "x"]
        // The number as the first element of `[number,7]`: reading the rest of the array checks where it stopped.
        func read(_ text: String, _ body: (inout JSONReader) throws(JSONReader.Unsupported) -> Double) -> String {
            var copy = "[" + text + ",7]"
            return copy.withUTF8 { bytes in
                var reader = JSONReader(UnsafeRawBufferPointer(bytes))
                var values: [String] = []
                do {
                    try reader.readArray { reader throws(JSONReader.Unsupported) in
                        values.append(values.isEmpty ? "\(try body(&reader).bitPattern)" : "\(try reader.readInt())")
                    }
                    try reader.finish()
                } catch {
                    return "unsupported"
                }
                return values.joined(separator: " ")
            }
        }
        await propertyCheck(count: 4000, input: Gen.int(in: 0..<pieces.count).array(of: 1...12)) { indices in
            let text = indices.map { pieces[$0] }.joined()
            let decimal = read(text) { reader throws(JSONReader.Unsupported) in try reader.readDecimal() }
            let double = read(text) { reader throws(JSONReader.Unsupported) in try reader.readDouble() }
            #expect(decimal == double, "\(text)")
        }
        for text in ["1577824406.719", "-0", "0.000001", "1234567890123456", "1.5e3", "12345678901234567890.5"] {
            #expect(
                read(text) { reader throws(JSONReader.Unsupported) in try reader.readDecimal() }
                    == read(text) { reader throws(JSONReader.Unsupported) in try reader.readDouble() }, "\(text)")
        }
    }

    @Test("on token soups, whatever the fast reader accepts JSONDecoder decodes to the same value")
    func tokenSoups() async {
        let pieces = [
            "{", "}", "[", "]", ",", ":", " ", "\n", "\"FunctionArn\"", "\"LastModified\"", "\"DestinationConfig\"",
            "\"OnSuccess\"", "\"OnFailure\"", "\"Destination\"", "\"MaximumRetryAttempts\"",
            "\"MaximumEventAgeInSeconds\"", "null", "true", "1e999", "-1", "2", "1.0", "01", "-0", "60", "1e2",
            "1577824406.719", "\"arn:aws:lambda:us-east-1:123456789012:function:f\"",
            "\"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST\"", "\"arn:aws:sqs:us-east-1:123456789012:q\"",
            "\"arn:aws:events:us-east-1:123456789012:event-bus\\/x\"", "\"2016-11-21T19:49:20Z\"", "{}", "\"\\u0041\"",
            "\"\\n\"", "\"é\"", "\"\"", "\"FunctionEventInvokeConfigs\"", "\"NextMarker\"", "\"Other\"",
        ]
        let gen = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...40).map { $0.joined() }
        await propertyCheck(count: 4000, input: gen) { text in Self.checkAgreement(Data(text.utf8)) }
    }

    @Test("on mutated valid responses, whatever the fast reader accepts JSONDecoder decodes to the same value")
    func mutations() async throws {
        var seeds = try (Self.records + Self.pages).map { try WireCodingTests.fixture($0) }
        seeds.append(
            Data(
                #"{"MaximumRetryAttempts":2,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:q"}}}"#
                    .utf8))
        let alphabet = Array(#"{}[],:"\ 0123456789.eE-+nulltrueArn/$"#.utf8)
        await propertyCheck(
            count: 4000, input: Gen.int(in: 0...(seeds.count - 1)), Gen.int(in: 0...10_000).array(of: 1...4),
            Gen.int(in: 0...(alphabet.count - 1)), Gen.int(in: 0...2)
        ) { seed, positions, replacement, kind in
            var bytes = Array(seeds[seed])
            for position in positions {
                let index = position % max(bytes.count, 1)
                switch kind {
                case 0 where !bytes.isEmpty: bytes.remove(at: index)
                case 1: bytes.insert(alphabet[replacement], at: min(index, bytes.count))
                default: if !bytes.isEmpty { bytes[index] = alphabet[replacement] }
                }
            }
            Self.checkAgreement(Data(bytes))
        }
    }

    @Test("valid JSON outside the fast subset is declined, and JSONDecoder still reads it")
    func declines() throws {
        for text in [
            #"{"MaximumRetryAttempts":1.0}"#, #"{"MaximumRetryAttempts":1e0}"#,
            #"{"MaximumRetryAttempts":1,"MaximumRetryAttempts":2}"#,
            #"{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:\u0071"}}}"#,
        ] {
            #expect(WireJSON.decodeConfig(Data(text.utf8)) == nil, "\(text)")
            #expect((try? JSONDecoder().decode(EventInvokeConfig.self, from: Data(text.utf8))) != nil, "\(text)")
        }
        for text in [#"{"MaximumRetryAttempts":3}"#, #"{"MaximumEventAgeInSeconds":59}"#, "{", #"{"a":01}"#] {
            #expect(WireJSON.decodeConfig(Data(text.utf8)) == nil, "\(text)")
        }
        let escaped =
            #"{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:events:us-east-1:123456789012:event-bus\/b"}}}"#
        #expect(
            WireJSON.decodeConfig(Data(escaped.utf8))?.destinationConfig?.onFailure?.description
                == "arn:aws:events:us-east-1:123456789012:event-bus/b")
    }
}
