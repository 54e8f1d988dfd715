import EventInvokeConfigKit
import EventInvokeConfigTesting
import Foundation
import HTTPTypes
import Testing

/// Each rule real Lambda follows for these APIs (recorded from the live service, late 2025), stated against the
/// emulator at the HTTP level: status, `x-amzn-ErrorType`, the body's keys and the message.
@Suite("Lambda fidelity: what real Lambda answers")
struct LambdaFidelityTests {
    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:"
    static let config = "/2019-09-25/functions/orders/event-invoke-config"
    static let queue = "arn:aws:sqs:us-east-1:123456789012:dlq"

    /// One raw request and what Lambda answers to it.
    struct Rule: CustomTestStringConvertible, Sendable {
        var name: String
        var method: HTTPRequest.Method
        var path: String
        var body: String = ""
        var status: Int
        var type: String
        /// The body's keys, sorted.
        var keys: [String]
        var message: String

        var testDescription: String { name }
    }

    static let notFoundKeys = ["Message", "Type"]
    static let invalidKeys = ["Type", "message"]

    static let rules: [Rule] = [
        Rule(
            name: "Put with no setting, on a missing function: the settings are checked first", method: .put,
            path: "/2019-09-25/functions/missing/event-invoke-config", body: "{}", status: 400,
            type: "InvalidParameterValueException", keys: invalidKeys,
            message: "You must specify at least one of error handling or destination setting."),
        Rule(
            name: "Put on a missing function", method: .put, path: "/2019-09-25/functions/missing/event-invoke-config",
            body: #"{"MaximumRetryAttempts":1}"#, status: 404, type: "ResourceNotFoundException",
            keys: notFoundKeys, message: "The function doesn't exist."),
        Rule(
            name: "Put on a missing version", method: .put, path: config + "?Qualifier=7",
            body: #"{"MaximumRetryAttempts":1}"#, status: 404, type: "ResourceNotFoundException",
            keys: notFoundKeys, message: "The function doesn't exist."),
        Rule(
            name: "Put on a missing alias", method: .put, path: config + "?Qualifier=gone",
            body: #"{"MaximumRetryAttempts":1}"#, status: 404, type: "ResourceNotFoundException",
            keys: notFoundKeys, message: "The function doesn't exist."),
        Rule(
            name: "Update on a missing function", method: .post,
            path: "/2019-09-25/functions/missing/event-invoke-config", body: #"{"MaximumRetryAttempts":1}"#,
            status: 404, type: "ResourceNotFoundException", keys: notFoundKeys, message: "The function doesn't exist."),
        Rule(
            name: "List on a missing function", method: .get,
            path: "/2019-09-25/functions/missing/event-invoke-config/list", status: 404,
            type: "ResourceNotFoundException", keys: notFoundKeys, message: "The function doesn't exist."),
        Rule(
            name: "Update on an existing function without a config", method: .post, path: config,
            body: #"{"MaximumRetryAttempts":1}"#, status: 404, type: "ResourceNotFoundException", keys: notFoundKeys,
            message: "The function \(arn)orders:$LATEST doesn't have an EventInvokeConfig"),
        Rule(
            name: "Get without a config", method: .get, path: config, status: 404, type: "ResourceNotFoundException",
            keys: notFoundKeys, message: "The function \(arn)orders:$LATEST doesn't have an EventInvokeConfig"),
        Rule(
            name: "Get on a missing function", method: .get, path: "/2019-09-25/functions/missing/event-invoke-config",
            status: 404, type: "ResourceNotFoundException", keys: notFoundKeys,
            message: "The function \(arn)missing:$LATEST doesn't have an EventInvokeConfig"),
        Rule(
            name: "Get on a missing qualifier", method: .get, path: config + "?Qualifier=9", status: 404,
            type: "ResourceNotFoundException", keys: notFoundKeys,
            message: "The function \(arn)orders:9 doesn't have an EventInvokeConfig"),
        Rule(
            name: "Delete without a config", method: .delete, path: config + "?Qualifier=live", status: 404,
            type: "ResourceNotFoundException", keys: notFoundKeys,
            message: "The function \(arn)orders:live doesn't have an EventInvokeConfig"),
        Rule(
            name: "a function of another region", method: .get,
            path: "/2019-09-25/functions/arn%3Aaws%3Alambda%3Aeu-central-1%3A123456789012%3Afunction%3Aorders/"
                + "event-invoke-config", status: 404, type: "ResourceNotFoundException", keys: notFoundKeys,
            message: "Functions from 'eu-central-1' are not reachable in this region ('us-east-1')"),
        Rule(
            name: "alias in the name, another alias in Qualifier", method: .get,
            path: "/2019-09-25/functions/orders%3Alive/event-invoke-config?Qualifier=blue", status: 400,
            type: "InvalidParameterValueException", keys: invalidKeys,
            message: "The derived qualifier from the function name does not match the specified qualifier."),
        Rule(
            name: "a version in the name, $LATEST in Qualifier", method: .get,
            path: "/2019-09-25/functions/orders%3A1/event-invoke-config?Qualifier=%24LATEST", status: 400,
            type: "InvalidParameterValueException", keys: invalidKeys,
            message: "The derived qualifier from the function name does not match the specified qualifier."),
        Rule(
            name: "a version in the name, an alias in Qualifier", method: .put,
            path: "/2019-09-25/functions/orders%3A1/event-invoke-config?Qualifier=live",
            body: #"{"MaximumRetryAttempts":1}"#, status: 400, type: "InvalidParameterValueException",
            keys: invalidKeys,
            message: "The derived qualifier from the function name does not match the specified qualifier."),
        Rule(
            name: "the function as its own destination", method: .put, path: config,
            body: #"{"DestinationConfig":{"OnFailure":{"Destination":"\#(arn)orders"}}}"#, status: 400,
            type: "InvalidParameterValueException", keys: invalidKeys,
            message: "You can't specify the function as a destination for itself."),
        Rule(
            name: "a Lambda destination that does not exist", method: .put, path: config,
            body: #"{"DestinationConfig":{"OnFailure":{"Destination":"\#(arn)nowhere"}}}"#, status: 400,
            type: "InvalidParameterValueException", keys: invalidKeys,
            message: "The destination ARN \(arn)nowhere is invalid."),
        Rule(
            name: "a destination of a service that cannot be one", method: .put, path: config,
            body: #"{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:iam::123456789012:role/x"}}}"#,
            status: 400, type: "InvalidParameterValueException", keys: invalidKeys,
            message: "The provided destination config DestinationConfig(onSuccess=OnSuccess("
                + "destination=arn:aws:iam::123456789012:role/x), onFailure=null) is invalid."),
        Rule(
            name: "a destination that fails the API's pattern", method: .put, path: config,
            body: #"{"DestinationConfig":{"OnFailure":{"Destination":"not-an-arn"}}}"#, status: 400,
            type: "ValidationException", keys: ["message"],
            message: "1 validation error detected: Value 'not-an-arn' at 'destinationConfig.onFailure.destination' "
                + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + #"$|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:"#
                + #"((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)"#),
        Rule(
            name: "retries and age out of range: every violation in one message", method: .put, path: config,
            body: #"{"MaximumRetryAttempts":3,"MaximumEventAgeInSeconds":59}"#, status: 400,
            type: "ValidationException", keys: ["message"],
            message: "2 validation errors detected: Value '3' at 'maximumRetryAttempts' failed to satisfy "
                + "constraint: Member must have value less than or equal to 2; Value '59' at "
                + "'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or "
                + "equal to 60"),
        Rule(
            name: "MaxItems out of range", method: .get,
            path: "/2019-09-25/functions/orders/event-invoke-config/list?MaxItems=51",
            status: 400, type: "ValidationException", keys: ["message"],
            message: "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: "
                + "Member must have value less than or equal to 50"),
        Rule(
            name: "a qualifier that fails its pattern", method: .get, path: config + "?Qualifier=a.b", status: 400,
            type: "ValidationException", keys: ["message"],
            message: "1 validation error detected: Value 'a.b' at 'qualifier' failed to satisfy constraint: "
                + #"Member must satisfy regular expression pattern: \$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+"#),
        Rule(
            name: "a body that is not JSON", method: .put, path: config, body: "not json", status: 400,
            type: "InvalidRequestContentException", keys: invalidKeys,
            message: "Could not parse request body into json: the body is not valid JSON"),
        Rule(
            name: "$LATEST.PUBLISHED of a function that has none", method: .put,
            path: config + "?Qualifier=%24LATEST.PUBLISHED",
            body: #"{"MaximumRetryAttempts":1}"#, status: 404, type: "ResourceNotFoundException",
            keys: notFoundKeys, message: "The function doesn't exist."),
    ]

    @Test("each rule", arguments: rules)
    func rule(_ rule: Rule) async throws {
        let h = try await Harness.make()
        let response = try await h.raw(rule.method, rule.path, body: rule.body)
        #expect(response.head.status.code == rule.status)
        #expect(response.head.headerFields.value(named: "x-amzn-errortype") == rule.type)
        #expect(response.head.headerFields.value(named: "x-amzn-requestid") != nil)
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: String])
        #expect(object.keys.sorted() == rule.keys)
        #expect((object["message"] ?? object["Message"]) == rule.message)
        if object["Type"] != nil { #expect(object["Type"] == "User") }
    }

    static func object(_ response: TransportResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }

    @Test("every success carries both destination halves, a qualified FunctionArn and epoch-second LastModified")
    func successShape() async throws {
        let h = try await Harness.make()
        let put = try await h.raw(.put, Self.config, body: #"{"MaximumRetryAttempts":1}"#)
        let update = try await h.raw(.post, Self.config, body: #"{"MaximumEventAgeInSeconds":60}"#)
        let get = try await h.raw(.get, Self.config)
        let list = try await h.raw(.get, "/2019-09-25/functions/orders/event-invoke-config/list")
        let listed = try #require((try Self.object(list)["FunctionEventInvokeConfigs"] as? [[String: Any]])?.first)
        for object in [try Self.object(put), try Self.object(update), try Self.object(get), listed] {
            let halves = try #require(object["DestinationConfig"] as? [String: [String: String]])
            #expect(halves == ["OnSuccess": [:], "OnFailure": [:]])
            #expect(object["FunctionArn"] as? String == Self.arn + "orders:$LATEST")
            #expect(object["LastModified"] is Double)
        }
        #expect(try Self.object(put)["MaximumEventAgeInSeconds"] == nil)
        #expect(try Self.object(update)["MaximumRetryAttempts"] as? Int == 1)
        let delete = try await h.raw(.delete, Self.config)
        #expect(delete.head.status.code == 204)
        #expect(delete.body.isEmpty)
    }

    @Test("an empty destination half on its own is accepted and reads back as both halves {}")
    func emptyHalfAccepted() async throws {
        let h = try await Harness.make()
        let put = try await h.raw(.put, Self.config, body: #"{"DestinationConfig":{"OnSuccess":{}}}"#)
        #expect(put.head.status.code == 200)
        let get = try Self.object(try await h.raw(.get, Self.config))
        #expect(get["DestinationConfig"] as? [String: [String: String]] == ["OnSuccess": [:], "OnFailure": [:]])
        // Through the client: the record decodes with no destination at all.
        let record = try await h.client.get(try FunctionReference("orders"))
        #expect(record.config.destinationConfig == nil)
    }

    @Test("FIFO queues and topics are stored as Lambda stores them; the client reads them and refuses to send them")
    func fifoDestinations() async throws {
        let h = try await Harness.make()
        let fifo = "arn:aws:sqs:us-east-1:123456789012:jobs.fifo"
        let put = try await h.raw(
            .put, Self.config, body: #"{"DestinationConfig":{"OnFailure":{"Destination":"\#(fifo)"}}}"#)
        #expect(put.head.status.code == 200)
        let record = try await h.client.get(try FunctionReference("orders"))
        let destination = try #require(record.config.destinationConfig?.onFailure)
        #expect(destination.description == fifo)
        #expect(destination.kind == .sqsQueue)
        #expect(destination.unsupportedReason?.reason.contains("DestinationDeliveryFailures") == true)
        let before = await h.lambda.requestCount
        let refused = await #expect(throws: EventInvokeConfigError.self) {
            _ = try await h.client.put(record.config, for: try FunctionReference("orders"))
        }
        #expect(refused?.code == .validation)
        #expect(await h.lambda.requestCount == before)
    }

    @Test("permission refusals carry Lambda's text and the client's IAM hint names the action")
    func permissionRefusal() async throws {
        let lambda = InMemoryLambda()
        let topic = "arn:aws:sns:us-east-1:123456789012:alerts"
        let function = try await lambda.seedFunction("locked", permittedDestinations: [])
        let client = try LambdaEventInvokeConfigClient(
            configuration: .init(
                region: try Region("us-east-1"), credentials: StaticCredentialsProvider(InMemoryLambda.testCredentials),
                environment: [:]),
            transport: InMemoryTransport(lambda))
        let error = await errorCode {
            _ = try await client.put(
                EventInvokeConfig(destinationConfig: try DestinationConfig(onSuccessARN: topic)), for: function)
        }
        #expect(error?.code == .invalidParameter)
        #expect(error?.message == "The function's execution role does not have permissions to call Publish on \(topic)")
        #expect(error?.iamHint?.contains("sns:Publish") == true)
    }

    @Test("Lambda destinations need no registration: another existing function is accepted")
    func lambdaDestinations() async throws {
        let h = try await Harness.make()
        try await h.lambda.seedFunction("audit", versions: 1)
        for target in ["audit", "audit:1"] {
            let put = try await h.raw(
                .put, Self.config,
                body: #"{"DestinationConfig":{"OnSuccess":{"Destination":"\#(Self.arn)\#(target)"}}}"#)
            #expect(put.head.status.code == 200, "\(target)")
        }
        let missingVersion = try await h.raw(
            .put, Self.config, body: #"{"DestinationConfig":{"OnSuccess":{"Destination":"\#(Self.arn)audit:2"}}}"#)
        #expect(missingVersion.head.status.code == 400)
    }

    @Test("$LATEST.PUBLISHED exists once published to LATEST_PUBLISHED, and is its own config")
    func latestPublished() async throws {
        let h = try await Harness.make()
        let path = Self.config + "?Qualifier=%24LATEST.PUBLISHED"
        let publish = try await h.raw(
            .post, "/2015-03-31/functions/orders/versions", body: #"{"PublishTo":"LATEST_PUBLISHED"}"#)
        #expect(publish.head.status.code == 201)
        #expect(try Self.object(publish)["Version"] as? String == "$LATEST.PUBLISHED")
        let put = try await h.raw(.put, path, body: #"{"MaximumRetryAttempts":0}"#)
        #expect(try Self.object(put)["FunctionArn"] as? String == Self.arn + "orders:$LATEST.PUBLISHED")
        #expect(try await h.raw(.get, Self.config).head.status.code == 404)
    }

    @Test("DeleteFunction of a version that does not exist answers 204, as Lambda's idempotent delete does")
    func deleteUnknownVersion() async throws {
        let h = try await Harness.make()
        try await h.lambda.seedFunction("reports", versions: 1)
        let unknown = try await h.raw(.delete, "/2015-03-31/functions/reports?Qualifier=9")
        #expect(unknown.head.status.code == 204)
        let existing = try await h.raw(.delete, "/2015-03-31/functions/reports?Qualifier=1")
        #expect(existing.head.status.code == 204)
        let again = try await h.raw(.delete, "/2015-03-31/functions/reports?Qualifier=1")
        #expect(again.head.status.code == 204)
        #expect(try await h.raw(.get, "/2015-03-31/functions/reports?Qualifier=1").head.status.code == 404)
    }

    @Test("an internal ServiceException carries Message, as the service model spells it")
    func serviceExceptionBody() async throws {
        let h = try await Harness.make()
        await h.lambda.inject(.serviceError(1))
        let response = try await h.raw(.get, Self.config)
        #expect(response.head.status.code == 500)
        let object = try Self.object(response)
        #expect(object["Message"] is String)
        #expect(object["message"] == nil)
        #expect(object["Type"] as? String == "Service")
    }

    @Test("an injected 409 carries Lambda's text and names the function's ARN however it was spelt")
    func conflictText() async throws {
        let h = try await Harness.make()
        for name in [
            "orders", "orders%3Alive", "123456789012%3Afunction%3Aorders",
            "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders",
        ] {
            await h.lambda.inject(.conflict(1))
            let response = try await h.raw(.delete, "/2019-09-25/functions/\(name)/event-invoke-config")
            #expect(response.head.status.code == 409)
            #expect(
                try Self.object(response)["message"] as? String
                    == "The operation cannot be performed at this time. An update is in progress for resource: "
                    + Self.arn + "orders")
        }
    }

    @Test("the same rules through the client: typed errors")
    func throughTheClient() async throws {
        let h = try await Harness.make()
        let missing = try FunctionReference("missing")
        let put = await errorCode {
            _ = try await h.client.put(EventInvokeConfig(maximumRetryAttempts: .one), for: missing)
        }
        #expect(put?.code == .resourceNotFound)
        #expect(put?.message == "The function doesn't exist.")
        let get = await errorCode { _ = try await h.client.get(try FunctionReference("orders")) }
        #expect(get?.code == .resourceNotFound)
        #expect(get?.message == "The function \(Self.arn)orders:$LATEST doesn't have an EventInvokeConfig")
        let region = await errorCode {
            _ = try await h.client.get(
                try FunctionReference("arn:aws:lambda:eu-central-1:123456789012:function:orders"))
        }
        // The client refuses a function of another region before sending (Lambda would answer 404, as above).
        #expect(region?.code == .validation)
        #expect(region?.message.contains("eu-central-1") == true)
        let nowhere = await errorCode {
            _ = try await h.client.put(
                EventInvokeConfig(destinationConfig: try DestinationConfig(onFailureARN: Self.arn + "nowhere")),
                for: try FunctionReference("orders"))
        }
        #expect(nowhere?.code == .invalidParameter)
        #expect(nowhere?.message == "The destination ARN \(Self.arn)nowhere is invalid.")
        #expect(nowhere?.iamHint?.contains("lambda:InvokeFunction") == true)
    }
}
