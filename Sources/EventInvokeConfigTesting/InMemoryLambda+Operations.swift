import EventInvokeConfigARN
import EventInvokeConfigModel
import Foundation

extension WireSettingsBody {
    /// `DestinationConfig(onSuccess=OnSuccess(destination=…), onFailure=null)`, as Lambda prints it in messages.
    var destinationConfigDescription: String {
        func half(_ name: String, _ value: Half?) -> String {
            guard let value else { return "null" }
            return "\(name)(destination=\(value.destination ?? "null"))"
        }
        return "DestinationConfig(onSuccess=\(half("OnSuccess", destinationConfig?.onSuccess)), "
            + "onFailure=\(half("OnFailure", destinationConfig?.onFailure)))"
    }
}

extension InMemoryLambda {
    /// Put, Update, Get, Delete and List of event invoke configs, checked in Lambda's order: the members'
    /// constraints, "at least one setting", the qualifier, the region, the function, the qualifier's existence, the
    /// config, the destinations.
    func eventInvokeConfigOperation(_ route: Route, body: Data) throws -> (Int, Data) {
        let operation = route.operation
        let writes = operation == .putEventInvokeConfig || operation == .updateEventInvokeConfig
        let settings = writes ? try decodeBody(WireSettingsBody.self, from: body) : nil
        let queryQualifier = operation == .listEventInvokeConfigs ? nil : route.query["Qualifier"]
        let name = model.parts(ofFunctionName: route.functionName)
        try checkConstraints(route, queryQualifier: queryQualifier, settings: settings)
        if let settings, settings.isEmpty {
            throw LambdaError.invalidParameter(
                "You must specify at least one of error handling or destination setting.")
        }
        guard let parts = name else {
            throw LambdaError.validation("FunctionName does not match the service's pattern.")  // reported above
        }
        if let fromName = parts.qualifier, let queryQualifier, fromName != queryQualifier {
            throw LambdaError.invalidParameter(
                "The derived qualifier from the function name does not match the specified qualifier.")
        }
        try checkReachable(parts, operation: operation, qualifier: queryQualifier)
        let qualifier = queryQualifier ?? parts.qualifier ?? "$LATEST"
        let function = functions[parts.name]
        let key = ConfigKey(function: parts.name, qualifier: qualifier)
        let noConfig = LambdaError.notFound(
            "The function \(functionARN(parts.name, qualifier: qualifier)) doesn't have an EventInvokeConfig")
        let noFunction = LambdaError.notFound("The function doesn't exist.")

        switch operation {
        case .putEventInvokeConfig:
            guard let function, let settings else { throw noFunction }
            guard exists(qualifier, of: function) else { throw noFunction }
            let record = EventInvokeConfigRecord(
                functionARN: try qualifiedReference(function.name, qualifier), lastModified: clock(),
                config: try acceptedConfig(settings, of: function))
            return (200, try store(record, at: key))
        case .updateEventInvokeConfig:
            guard let function, let settings else { throw noFunction }
            guard let existing = configs[key]?.record else { throw noConfig }
            let patch = try acceptedConfig(settings, of: function)
            let merged = EventInvokeConfig(
                maximumRetryAttempts: patch.maximumRetryAttempts ?? existing.config.maximumRetryAttempts,
                maximumEventAge: patch.maximumEventAge ?? existing.config.maximumEventAge,
                destinationConfig: settings.destinationConfig == nil
                    ? existing.config.destinationConfig : patch.destinationConfig)
            let record = EventInvokeConfigRecord(
                functionARN: existing.functionARN, lastModified: clock(), config: merged)
            return (200, try store(record, at: key))
        case .getEventInvokeConfig:
            guard function != nil, let existing = configs[key] else { throw noConfig }
            return (200, existing.body)
        case .deleteEventInvokeConfig:
            guard function != nil, configs.removeValue(forKey: key) != nil else { throw noConfig }
            return (204, Data())
        default:
            guard let function else { throw noFunction }
            if let qualifier = parts.qualifier {
                throw LambdaError.invalidParameter(
                    "ListFunctionEventInvokeConfigs takes an unqualified function name; got qualifier \(qualifier).")
            }
            return (200, try encode(try listPage(function, query: route.query)))
        }
    }

    /// Reads a request body (an empty one as `{}`); a body that is not a JSON object of the right member types is
    /// refused as Lambda refuses it.
    func decodeBody<Body: Decodable>(_ type: Body.Type, from body: Data) throws -> Body {
        do {
            return try decoder.decode(type, from: body.isEmpty ? Data("{}".utf8) : body)
        } catch {
            throw LambdaError.invalidContent(
                "Could not parse request body into json: \(InMemoryLambda.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            "Cannot deserialize value of type \(type) at \(path(context))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "the body is not valid JSON" : "invalid value at \(path(context))"
        default:
            "the body is not a JSON object of the operation's members"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }

    /// Every member constraint of the service model, as one `ValidationException` listing every violation.
    func checkConstraints(
        _ route: Route, queryQualifier: String?, settings: WireSettingsBody?
    ) throws {
        var violations = ConstraintViolations()
        model.check(string: route.functionName, at: "functionName", shape: "NamespacedFunctionName", into: &violations)
        if let queryQualifier {
            model.check(
                string: queryQualifier, at: "qualifier", shape: "NumericLatestPublishedOrAliasQualifier",
                into: &violations)
        }
        if let settings {
            if let retries = settings.maximumRetryAttempts {
                model.check(
                    integer: retries, at: "maximumRetryAttempts", shape: "MaximumRetryAttempts", into: &violations)
            }
            if let age = settings.maximumEventAge {
                model.check(
                    integer: age, at: "maximumEventAgeInSeconds", shape: "MaximumEventAgeInSeconds", into: &violations)
            }
            for (half, value) in [
                ("onSuccess", settings.destinationConfig?.onSuccess?.destination),
                ("onFailure", settings.destinationConfig?.onFailure?.destination),
            ] {
                guard let value else { continue }
                model.check(
                    string: value, at: "destinationConfig.\(half).destination", shape: "DestinationArn",
                    into: &violations)
            }
        }
        if route.operation == .listEventInvokeConfigs, let text = route.query["MaxItems"] {
            if let value = Int(text) {
                model.check(
                    integer: value, at: "maxItems", shape: "MaxFunctionEventInvokeConfigListItems", into: &violations)
            } else {
                throw LambdaError.invalidContent("MaxItems '\(text)' is not an integer.")
            }
        }
        if let error = violations.error { throw error }
    }

    /// Whether the function has the qualifier: `$LATEST` always, `$LATEST.PUBLISHED` once published, a published
    /// version number, or an alias.
    func exists(_ qualifier: String, of function: Function) -> Bool {
        switch qualifier {
        case "$LATEST": true
        case "$LATEST.PUBLISHED": function.hasLatestPublished
        default: Int(qualifier).map(function.versions.contains) ?? (function.aliases[qualifier] != nil)
        }
    }

    /// Lambda's checks of each named destination beyond its pattern: not the function itself, a kind of
    /// resource that can be a destination (an S3 bucket on failure only), one that exists (Lambda functions are
    /// looked up; other kinds are checked once the test declared which exist), and one the execution role may use.
    /// Returns each named destination, read once, by half (`OnSuccess`, `OnFailure`).
    func checkDestinations(_ settings: WireSettingsBody, of function: Function) throws -> [String: Destination] {
        var checked: [String: Destination] = [:]
        for (half, arn) in settings.destinations {
            let destination = Destination(received: arn)
            checked[half] = destination
            let target = destination.function
            if let target, target.mayReferToSameFunction(as: ownFunction(function.name)) {
                throw LambdaError.invalidParameter("You can't specify the function as a destination for itself.")
            }
            guard let kind = destination.kind, !arn.hasPrefix("kafka://"), kind != .s3Bucket || half == "OnFailure"
            else {
                throw LambdaError.invalidParameter(
                    "The provided destination config \(settings.destinationConfigDescription) is invalid.")
            }
            let found: Bool
            if let target {
                found =
                    target.mayReferToSameFunction(as: ownFunction(target.name))
                    && (functions[target.name].map { exists(target.qualifier?.rawValue ?? "$LATEST", of: $0) } ?? false)
            } else {
                found = existingDestinations?.contains(arn) ?? true
            }
            guard found else { throw LambdaError.invalidParameter("The destination ARN \(arn) is invalid.") }
            if let permitted = function.permittedDestinations, !permitted.contains(arn) {
                let action = String(kind.requiredIAMAction.drop { $0 != ":" }.dropFirst())
                throw LambdaError.invalidParameter(
                    "The function's execution role does not have permissions to call \(action) on \(arn)")
            }
        }
        return checked
    }

    /// The settings of a Put or Update body once its destinations pass Lambda's checks, as stored (received
    /// destinations kept as they are; a `DestinationConfig` whose halves name nothing is none).
    func acceptedConfig(_ settings: WireSettingsBody, of function: Function) throws -> EventInvokeConfig {
        let checked = try checkDestinations(settings, of: function)
        do {
            let destinations =
                checked.isEmpty
                ? nil : DestinationConfig(receivedOnSuccess: checked["OnSuccess"], onFailure: checked["OnFailure"])
            return EventInvokeConfig(
                maximumRetryAttempts: try settings.maximumRetryAttempts.map { try MaximumRetryAttempts($0) },
                maximumEventAge: try settings.maximumEventAge.map { try MaximumEventAge(seconds: $0) },
                destinationConfig: destinations)
        } catch {
            throw LambdaError.service("cannot store the config: \(error)")
        }
    }

    /// The ARN of a function of this account and region named `name` (whether or not it exists): what a
    /// destination must be able to denote to be that function.
    func ownFunction(_ name: String) -> FunctionReference {
        FunctionReference(name: name, partition: partition, region: region, accountID: accountID)
    }

    func qualifiedReference(_ name: String, _ qualifier: String) throws -> FunctionReference {
        do {
            // Built from parts the emulator already validated: the name it was seeded with, a qualifier that exists.
            return try FunctionReference(
                validatedName: name, qualifier: try Qualifier(qualifier),
                form: .arn(partition: partition, region: region, accountID: accountID))
        } catch {
            throw LambdaError.service("cannot form the function ARN: \(error)")
        }
    }

    /// Encodes a response body.
    func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// Stores a record with the JSON Get answers for it, and returns that JSON.
    func store(_ record: EventInvokeConfigRecord, at key: ConfigKey) throws -> Data {
        let body = try encode(record)
        configs[key] = StoredConfig(record: record, body: body)
        return body
    }

    /// One page of the function's configs: `$LATEST`, `$LATEST.PUBLISHED`, versions in order, then aliases by name.
    func listPage(_ function: Function, query: Query) throws -> EventInvokeConfigPage {
        let all = configs.filter { $0.key.function == function.name }.sorted { a, b in
            InMemoryLambda.order(a.key.qualifier) < InMemoryLambda.order(b.key.qualifier)
        }
        let (page, next) = try InMemoryLambda.page(all.map(\.value.record), query: query, defaultSize: 50)
        return EventInvokeConfigPage(records: page, nextMarker: next)
    }

    static func order(_ qualifier: String) -> (Int, Int, String) {
        if qualifier == "$LATEST" { return (0, 0, "") }
        if qualifier == "$LATEST.PUBLISHED" { return (1, 0, "") }
        if let number = Int(qualifier) { return (2, number, "") }
        return (3, 0, qualifier)
    }
}
