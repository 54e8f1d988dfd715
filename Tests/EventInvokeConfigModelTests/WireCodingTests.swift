import EventInvokeConfigARN
import EventInvokeConfigModel
import Foundation
import PropertyBased
import Testing

@Suite("Lambda REST-JSON mapping")
struct WireCodingTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
        return try Data(contentsOf: url)
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func encodesOnlySetFields() throws {
        #expect(try Self.encode(EventInvokeConfig(maximumRetryAttempts: .one)) == #"{"MaximumRetryAttempts":1}"#)
        let full = EventInvokeConfig(
            maximumRetryAttempts: .zero, maximumEventAge: .minimum,
            destinationConfig: try DestinationConfig(
                onSuccessARN: "arn:aws:sns:us-east-1:123456789012:topic",
                onFailureARN: "arn:aws:sqs:us-east-1:123456789012:dlq"))
        #expect(
            try Self.encode(full) == """
                {"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"},\
                "OnSuccess":{"Destination":"arn:aws:sns:us-east-1:123456789012:topic"}},\
                "MaximumEventAgeInSeconds":60,"MaximumRetryAttempts":0}
                """)
        let half = EventInvokeConfigPatch(
            destinationConfig: try DestinationConfig(onFailureARN: "arn:aws:s3:::bucket"))
        #expect(try Self.encode(half) == #"{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:s3:::bucket"}}}"#)
        #expect(try Self.encode(EventInvokeConfigPatch()) == "{}")
    }

    @Test func decodesMotoPut() throws {
        let record = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Self.fixture("moto-put-response"))
        #expect(record.functionARN.description == "arn:aws:lambda:us-east-1:123456789012:function:demo-fn")
        #expect(record.functionARN.qualifier == nil)
        #expect(record.lastModified.timeIntervalSince1970 == 1795851984.844)
        #expect(record.config.maximumRetryAttempts == .one)
        #expect(record.config.maximumEventAge?.seconds == 120)
        #expect(record.config.destinationConfig?.onFailure?.kind == .sqsQueue)
        #expect(record.config.destinationConfig?.onSuccess == nil)
    }

    @Test func decodesMotoISOTimestamps() throws {
        let record = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Self.fixture("moto-update-response"))
        #expect(abs(record.lastModified.timeIntervalSince1970 - 1795851984.844929) < 0.000_01)
        #expect(record.config.maximumEventAge == nil)
        let page = try JSONDecoder().decode(EventInvokeConfigPage.self, from: Self.fixture("moto-list-response"))
        #expect(page.records.count == 1)
        #expect(page.nextMarker == nil)
    }

    @Test(
        "LastModified in every form is held to the same plausible range, so what is read can be written and read back",
        arguments: [
            (#""2026-11-28T07:46:24.844929000Z""#, true), (#""5138-11-16T09:46:39Z""#, true),
            (#""9618-11-28T07:46:24.844929000Z""#, false), ("1795851984.844", true), ("1e11", false),
            (#""1795851984.844""#, true), (#""1e12""#, false),
        ] as [(String, Bool)])
    func timestampRange(value: String, accepted: Bool) throws {
        let data = Data(
            #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","LastModified":\#(value)}"#.utf8)
        let decoded = try? JSONDecoder().decode(EventInvokeConfigRecord.self, from: data)
        #expect((decoded != nil) == accepted, "\(value)")
        if let decoded {
            let again = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: JSONEncoder().encode(decoded))
            #expect(abs(again.lastModified.timeIntervalSince1970 - decoded.lastModified.timeIntervalSince1970) < 0.001)
        }
    }

    @Test func decodesAPIReferenceExamples() throws {
        let get = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Self.fixture("aws-get-example"))
        #expect(get.functionARN.qualifier == .alias(try Alias("BLUE")))
        #expect(get.lastModified.timeIntervalSince1970 == 1479757760.006)
        #expect(get.config.destinationConfig?.onSuccess == nil)
        #expect(
            get.config.destinationConfig?.onFailure?.description
                == "arn:aws:sqs:us-east-2:123456789012:failed-invocations")
        let put = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Self.fixture("aws-put-example"))
        #expect(put.functionARN.qualifier == .latest)
        #expect(put.config.destinationConfig == nil, "two empty halves mean no destination config")
        let update = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Self.fixture("aws-update-example"))
        #expect(update.lastModified.timeIntervalSince1970 == 1573687896.493)
        let list = try JSONDecoder().decode(EventInvokeConfigPage.self, from: Self.fixture("aws-list-example"))
        #expect(list.records.map { $0.functionARN.qualifier?.rawValue } == ["GREEN", "BLUE"])
        #expect(list.records.map { $0.config.maximumRetryAttempts?.value } == [2, 0])
    }

    @Test(arguments: [
        #"{"DestinationConfig":null}"#,
        #"{"DestinationConfig":{}}"#,
        #"{"DestinationConfig":{"OnSuccess":null,"OnFailure":{}}}"#,
        #"{"DestinationConfig":{"OnSuccess":{"Destination":null},"OnFailure":{"Destination":""}}}"#,
    ])
    func emptyHalvesMeanUnset(json: String) throws {
        let body =
            #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","LastModified":1,"# + json.dropFirst()
        let record = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Data(body.utf8))
        #expect(record.config.destinationConfig == nil)
    }

    @Test func ignoresUnknownKeys() throws {
        let body = """
            {"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f:1","LastModified":1.5,
             "Surprise":{"nested":[1,2]},"MaximumRetryAttempts":2,
             "DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:q","Extra":1}}}
            """
        let record = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Data(body.utf8))
        #expect(record.config.maximumRetryAttempts == .two)
        #expect(record.functionARN.qualifier == .version(try Version(1)))
    }

    @Test(arguments: [
        (#""MaximumRetryAttempts":5"#, "MaximumRetryAttempts"),
        (#""MaximumEventAgeInSeconds":59"#, "MaximumEventAgeInSeconds"),
        (#""MaximumEventAgeInSeconds":"soon""#, "MaximumEventAgeInSeconds"),
        (#""DestinationConfig":{"OnFailure":"arn:aws:sqs:us-east-1:123456789012:q"}"#, "OnFailure"),
    ])
    func outOfRangeValuesNameTheField(member: String, field: String) {
        let body =
            #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","LastModified":1,"# + member
            + "}"
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Data(body.utf8))
        }
        let text = String(describing: error)
        #expect(text.contains(field.components(separatedBy: ".").last ?? field), "\(text)")
    }

    @Test(arguments: [
        #"{"LastModified":1}"#,
        #"{"FunctionArn":"my-function","LastModified":1}"#,
        #"{"FunctionArn":"arn:aws:sqs:us-east-1:123456789012:q","LastModified":1}"#,
        #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","LastModified":"yesterday"}"#,
        #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","LastModified":1e300}"#,
        #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f"}"#,
    ])
    func badRecordsAreDecodingErrors(body: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Data(body.utf8))
        }
    }

    @Test(arguments: [
        ("2016-11-21T19:49:20.006+0000", 1479757760.006),
        ("2016-11-21T19:49:20Z", 1479757760),
        ("2016-11-21T19:49:20", 1479757760),
        ("2016-11-21 20:49:20+01:00", 1479757760),
        ("2016-11-21T14:49:20.5-05:00", 1479757760.5),
        ("1479757760.25", 1479757760.25),
    ])
    func timestampForms(text: String, seconds: Double) throws {
        let body = #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","LastModified":"\#(text)"}"#
        let record = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Data(body.utf8))
        #expect(abs(record.lastModified.timeIntervalSince1970 - seconds) < 0.000_5)
    }

    @Test func recordRoundTrips() throws {
        let record = EventInvokeConfigRecord(
            functionARN: try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST"),
            lastModified: Date(timeIntervalSince1970: 1577824406.719),
            config: EventInvokeConfig(
                maximumEventAge: .maximum,
                destinationConfig: try DestinationConfig(
                    onSuccessARN: "arn:aws:events:us-east-1:123456789012:event-bus/b")))
        let data = try JSONEncoder().encode(record)
        #expect(String(decoding: data, as: UTF8.self).contains("1577824406.719"))
        #expect(try JSONDecoder().decode(EventInvokeConfigRecord.self, from: data) == record)
        let page = EventInvokeConfigPage(records: [record, record], nextMarker: "abc")
        #expect(try JSONDecoder().decode(EventInvokeConfigPage.self, from: JSONEncoder().encode(page)) == page)
    }

    static let destinationPool = [
        nil, "arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:sns:eu-west-1:123456789012:t",
        "arn:aws:lambda:us-east-1:123456789012:function:g:live", "arn:aws:events:us-east-1:123456789012:event-bus/x",
    ]

    @Test("destinations are equal, and hash alike, exactly when their ARNs are; copies share their parts")
    func destinationEquality() async {
        let texts =
            Self.destinationPool.compactMap { $0 } + [
                "arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:sqs:us-east-1:210987654321:q",
                "arn:aws:s3:::bucket", "arn:aws:lambda:us-east-1:123456789012:function:g",
            ]
        await propertyCheck(count: 200, input: Gen.int(in: 0..<texts.count), Gen.int(in: 0..<texts.count)) { a, b in
            do {
                // Parsed separately (no shared storage) and copied (shared storage).
                let first = try Destination(texts[a])
                let second = try Destination(texts[b])
                let copy = first
                #expect((first == second) == (a == b), "\(texts[a]) vs \(texts[b])")
                #expect((first == second) == (first.arn == second.arn && first.kind == second.kind))
                if first == second { #expect(first.hashValue == second.hashValue) }
                #expect(copy == first && copy.hashValue == first.hashValue && copy.description == texts[a])
                #expect(Set([first, second, copy]).count == (a == b ? 1 : 2))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("encode then decode is the identity on generated configs")
    func configRoundTripProperty() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: -1...2), Gen.int(in: 59...21_600), Gen.int(in: 0...4), Gen.int(in: 0...4)
        ) { retries, age, success, failure in
            do {
                let destinations: DestinationConfig? =
                    success == 0 && failure == 0
                    ? nil
                    : try DestinationConfig(
                        onSuccessARN: Self.destinationPool[success], onFailureARN: Self.destinationPool[failure])
                let config = EventInvokeConfig(
                    maximumRetryAttempts: retries < 0 ? nil : try MaximumRetryAttempts(retries),
                    maximumEventAge: age < 60 ? nil : try MaximumEventAge(seconds: age),
                    destinationConfig: destinations)
                let decoded = try JSONDecoder().decode(EventInvokeConfig.self, from: JSONEncoder().encode(config))
                #expect(decoded == config)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("arbitrary bytes never crash the decoder")
    func arbitraryBytesNeverCrash() async {
        let pieces = [
            "{", "}", "[", "]", ",", ":", "\"FunctionArn\"", "\"LastModified\"", "\"DestinationConfig\"",
            "\"OnSuccess\"",
            "\"Destination\"", "\"MaximumRetryAttempts\"", "null", "1e999", "-1", "2",
            "\"arn:aws:lambda:us-east-1:123456789012:function:f\"",
            "\"2016-11-21T19:49:20Z\"", "{}", "\"\\u0000\"", "\"FunctionEventInvokeConfigs\"", "\"NextMarker\"",
        ]
        let gen = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...40).map { $0.joined() }
        await propertyCheck(count: 3000, input: gen) { text in
            // Whatever decodes is written back by the encoder and decodes to the same value; whatever does not is a
            // DecodingError, never another error or a crash.
            do {
                let record = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: Data(text.utf8))
                let again = try JSONDecoder().decode(EventInvokeConfigRecord.self, from: JSONEncoder().encode(record))
                #expect(again == record)
            } catch {
                #expect(error is DecodingError, "\(error)")
            }
            do {
                let page = try JSONDecoder().decode(EventInvokeConfigPage.self, from: Data(text.utf8))
                let again = try JSONDecoder().decode(EventInvokeConfigPage.self, from: JSONEncoder().encode(page))
                #expect(again == page)
            } catch {
                #expect(error is DecodingError, "\(error)")
            }
            do {
                let config = try JSONDecoder().decode(EventInvokeConfig.self, from: Data(text.utf8))
                #expect(try JSONDecoder().decode(EventInvokeConfig.self, from: JSONEncoder().encode(config)) == config)
            } catch {
                #expect(error is DecodingError, "\(error)")
            }
        }
    }
}
