import EventInvokeConfigARN
import EventInvokeConfigModel
import Foundation

extension InMemoryLambda {
    /// Runs an operation on the state; returns the status and body of the success response.
    func perform(_ route: Route, body: Data) throws -> (Int, Data) {
        let isList = route.operation == "ListFunctionEventInvokeConfigs"
        let resolution = try self.resolution(of: route.target, isList: isList)
        let key = resolution.key
        let qualifier = key.qualifier
        switch route.operation {
        case "PutFunctionEventInvokeConfig":
            let config = try decodeSettings(body)
            guard !config.isEmpty else {
                throw LambdaError.invalidParameter(
                    "You must specify at least one of error handling or destination setting.")
            }
            try checkDestinations(config.destinationConfig, of: resolution.function)
            let record = EventInvokeConfigRecord(
                functionARN: try qualifiedReference(of: resolution), lastModified: clock(),
                config: config)
            return (200, try store(record, at: key))
        case "UpdateFunctionEventInvokeConfig":
            let patch = try decodeSettings(body)
            guard !patch.isEmpty else {
                throw LambdaError.invalidParameter(
                    "You must specify at least one of error handling or destination setting.")
            }
            guard let existing = configs[key]?.record else { throw noConfig(key.function, qualifier) }
            try checkDestinations(patch.destinationConfig, of: resolution.function)
            let merged = EventInvokeConfigPatch(
                maximumRetryAttempts: patch.maximumRetryAttempts, maximumEventAge: patch.maximumEventAge,
                destinationConfig: patch.destinationConfig
            ).applied(to: existing.config)
            let record = EventInvokeConfigRecord(
                functionARN: existing.functionARN, lastModified: clock(), config: merged)
            return (200, try store(record, at: key))
        case "GetFunctionEventInvokeConfig":
            // The body was encoded when the config was stored; a stored config never changes in place.
            guard let existing = configs[key] else { throw noConfig(key.function, qualifier) }
            return (200, existing.body)
        case "DeleteFunctionEventInvokeConfig":
            guard configs.removeValue(forKey: key) != nil else { throw noConfig(key.function, qualifier) }
            return (204, Data())
        default:
            let page = try listPage(resolution.function, query: route.query)
            return (200, try InMemoryLambda.encoder().encode(page))
        }
    }

    /// What a target resolves to: the function, the qualifier's text (`""` for List) and its parsed value, and —
    /// once a Put needed it — the qualified function ARN.
    /// A class: kept with the parsed target and handed to each request without copying the function's arrays.
    final class Resolution {
        /// The ``InMemoryLambda/functionsGeneration`` it was resolved at.
        let generation: Int
        let function: Function
        /// The function's name and the qualifier's text: where its config is stored.
        let key: ConfigKey
        let value: Qualifier
        var functionARN: FunctionReference?

        init(generation: Int, function: Function, qualifier: String, value: Qualifier) {
            self.generation = generation
            self.function = function
            self.key = ConfigKey(function: function.name, qualifier: qualifier)
            self.value = value
        }
    }

    /// The target's resolution: the one kept with the parsed target while no function, version or alias has
    /// changed since (a successful resolution depends on nothing else), otherwise resolved afresh and kept.
    /// Failures are not kept: they are resolved (and reported) every time.
    func resolution(of target: ParsedTarget, isList: Bool) throws -> Resolution {
        if let kept = target.resolution, kept.generation == functionsGeneration { return kept }
        let (function, qualifier, value) = try resolve(
            target.functionName, parsed: target.reference, queryQualifier: target.queryQualifier, isList: isList)
        let resolution = Resolution(
            generation: functionsGeneration, function: function, qualifier: qualifier, value: value)
        target.resolution = resolution
        return resolution
    }

    /// The qualified ARN a Put stores, built once per resolution.
    func qualifiedReference(of resolution: Resolution) throws -> FunctionReference {
        if let arn = resolution.functionARN { return arn }
        let arn = try qualifiedReference(resolution.function.name, resolution.value)
        resolution.functionARN = arn
        return arn
    }

    /// Finds the function and the qualifier a request addresses, as Lambda resolves them: the function, the
    /// qualifier's text (`""` for List) and its parsed value.
    func resolve(
        _ functionName: String, parsed: FunctionReference?, queryQualifier: QueryQualifier?, isList: Bool
    ) throws -> (Function, String, Qualifier) {
        let reference: FunctionReference
        if let parsed {
            reference = parsed
        } else {
            do {
                reference = try FunctionReference(functionName)
            } catch {
                throw LambdaError.validation(
                    "1 validation error detected: Value '\(functionName)' at 'functionName' failed to satisfy "
                        + "constraint: \(error.reason); \(error.rule)")
            }
        }
        var qualifier = reference.qualifier
        if let queryQualifier {
            let fromQuery: Qualifier
            do {
                fromQuery = try queryQualifier.parsed.get()
            } catch {
                throw LambdaError.validation(
                    "1 validation error detected: Value '\(queryQualifier.text)' at 'qualifier' failed to satisfy "
                        + "constraint: \(error.rule)")
            }
            if let qualifier, qualifier.rawValue != queryQualifier.text {
                throw LambdaError.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.")
            }
            qualifier = fromQuery
        }
        if let account = reference.accountID, account != accountID {
            throw LambdaError.notFound("Function not found: \(reference.functionName)")
        }
        if let functionRegion = reference.region, functionRegion != region {
            throw LambdaError.notFound("Function not found: \(reference.functionName)")
        }
        guard let function = functions[reference.name] else {
            throw LambdaError.notFound("Function not found: \(functionARN(reference.name))")
        }
        if isList {
            if let qualifier {
                throw LambdaError.invalidParameter(
                    "ListFunctionEventInvokeConfigs takes an unqualified function name; got qualifier \(qualifier).")
            }
            return (function, "", .latest)
        }
        let resolved = qualifier ?? .latest
        let exists: Bool
        switch resolved {
        case .latest: exists = true
        case .latestPublished: exists = !function.versions.isEmpty
        case .version(let version): exists = Int(version.number).map(function.versions.contains) ?? false
        case .alias(let alias): exists = function.aliases[alias.name] != nil
        }
        guard exists else {
            throw LambdaError.notFound(
                "Function not found: \(functionARN(function.name, qualifier: resolved.rawValue))")
        }
        return (function, resolved.rawValue, resolved)
    }

    func qualifiedReference(_ name: String, _ qualifier: Qualifier) throws -> FunctionReference {
        do {
            // Built from parts the emulator already validated: the name it was seeded with, a parsed qualifier.
            return try FunctionReference(
                validatedName: name, qualifier: qualifier,
                form: .arn(partition: partition, region: region, accountID: accountID))
        } catch {
            throw LambdaError(status: 500, type: "ServiceException", message: "cannot form the function ARN: \(error)")
        }
    }

    func noConfig(_ name: String, _ qualifier: String) -> LambdaError {
        LambdaError.notFound(
            "The function \(functionARN(name, qualifier: qualifier)) doesn't have an EventInvokeConfig")
    }

    /// Stores a record with the JSON Get will answer (encoded once, here) and returns that JSON.
    func store(_ record: EventInvokeConfigRecord, at key: ConfigKey) throws -> Data {
        let body = try encode(record)
        configs[key] = StoredConfig(record: record, body: body)
        return body
    }

    func encode(_ record: EventInvokeConfigRecord) throws -> Data {
        try InMemoryLambda.encoder().encode(record)
    }

    /// The encoder of every response body: keys sorted, so the same state always gives the same bytes.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Decodes Put and Update bodies with the model's rules; range and destination errors are 400s.
    func decodeSettings(_ body: Data) throws -> EventInvokeConfig {
        if body.isEmpty { return EventInvokeConfig() }
        do {
            return try JSONDecoder().decode(EventInvokeConfig.self, from: body)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw LambdaError.invalidParameter(context.debugDescription)
        } catch {
            throw LambdaError(
                status: 400, type: "SerializationException", message: "Could not parse request body: \(error)")
        }
    }

    /// Lambda's destination checks beyond the ARN shape: not the function itself, and — when the test declared
    /// which destinations exist — one that exists and that the function's role may use.
    func checkDestinations(_ destinations: DestinationConfig?, of function: Function) throws {
        guard let destinations else { return }
        for (_, destination) in destinations.destinations {
            if let target = destination.function, target.name == function.name,
                target.accountID == nil || target.accountID == accountID
            {
                throw LambdaError.invalidParameter("You can't specify the function as a destination for itself.")
            }
            let arn = destination.description
            let exists = existingDestinations?.contains(arn) ?? true
            let permitted = function.permittedDestinations?.contains(arn) ?? true
            guard exists && permitted else {
                throw LambdaError.invalidParameter("The destination ARN \(arn) is invalid.")
            }
        }
    }

    /// One page of the function's configs: `$LATEST`, then versions in order, then aliases by name.
    func listPage(_ function: Function, query: Query) throws -> EventInvokeConfigPage {
        var pageSize = 50
        if let text = query["MaxItems"] {
            guard let value = Int(text), (1...50).contains(value) else {
                throw LambdaError.validation(
                    "1 validation error detected: Value '\(text)' at 'maxItems' failed to satisfy constraint: "
                        + "Member must have value between 1 and 50")
            }
            pageSize = value
        }
        var start = 0
        if let marker = query["Marker"] {
            guard let data = Data(base64Encoded: marker), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("offset:"), let offset = Int(text.dropFirst(7)), offset >= 0
            else {
                throw LambdaError.invalidParameter("Invalid Marker: \(marker)")
            }
            start = offset
        }
        let all = configs.filter { $0.key.function == function.name }.sorted { a, b in
            InMemoryLambda.order(a.key.qualifier) < InMemoryLambda.order(b.key.qualifier)
        }
        let page = all.dropFirst(start).prefix(pageSize).map(\.value.record)
        let next =
            start + page.count < all.count ? Data("offset:\(start + page.count)".utf8).base64EncodedString() : nil
        return EventInvokeConfigPage(records: Array(page), nextMarker: next)
    }

    static func order(_ qualifier: String) -> (Int, Int, String) {
        if qualifier == "$LATEST" { return (0, 0, "") }
        if qualifier == "$LATEST.PUBLISHED" { return (1, 0, "") }
        if let number = Int(qualifier) { return (2, number, "") }
        return (3, 0, qualifier)
    }
}
