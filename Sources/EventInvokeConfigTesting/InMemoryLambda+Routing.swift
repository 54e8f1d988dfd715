import EventInvokeConfigARN
import EventInvokeConfigModel
import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
import Foundation
import HTTPTypes

extension InMemoryLambda {
    /// The operations the emulator answers.
    enum Operation: String {
        case putEventInvokeConfig = "PutFunctionEventInvokeConfig"
        case updateEventInvokeConfig = "UpdateFunctionEventInvokeConfig"
        case getEventInvokeConfig = "GetFunctionEventInvokeConfig"
        case deleteEventInvokeConfig = "DeleteFunctionEventInvokeConfig"
        case listEventInvokeConfigs = "ListFunctionEventInvokeConfigs"
        case createFunction = "CreateFunction"
        case getFunction = "GetFunction"
        case getFunctionConfiguration = "GetFunctionConfiguration"
        case updateFunctionConfiguration = "UpdateFunctionConfiguration"
        case updateFunctionCode = "UpdateFunctionCode"
        case deleteFunction = "DeleteFunction"
        case listVersionsByFunction = "ListVersionsByFunction"
        case publishVersion = "PublishVersion"
        case getFunctionCodeSigningConfig = "GetFunctionCodeSigningConfig"
        case getFunctionConcurrency = "GetFunctionConcurrency"
        case createAlias = "CreateAlias"
        case getAlias = "GetAlias"
        case updateAlias = "UpdateAlias"
        case deleteAlias = "DeleteAlias"
        case listAliases = "ListAliases"
        case listTags = "ListTags"
        case tagResource = "TagResource"
        case untagResource = "UntagResource"

        /// Whether Lambda can answer this operation with a 409 `ResourceConflictException`.
        var canConflict: Bool {
            switch self {
            case .getEventInvokeConfig, .listEventInvokeConfigs, .getFunction, .getFunctionConfiguration,
                .listVersionsByFunction, .getFunctionCodeSigningConfig, .getFunctionConcurrency, .getAlias,
                .listAliases, .listTags:
                false
            default: true
            }
        }

        /// Whether it is one of the five event-invoke-config operations.
        var isEventInvokeConfig: Bool {
            switch self {
            case .putEventInvokeConfig, .updateEventInvokeConfig, .getEventInvokeConfig, .deleteEventInvokeConfig,
                .listEventInvokeConfigs:
                true
            default: false
            }
        }
    }

    /// A request's operation and the path parameters it names.
    struct Route {
        var operation: Operation
        /// The `FunctionName` path segment, decoded (empty for `CreateFunction`).
        var functionName: String = ""
        /// The alias `Name` path segment, decoded, for the alias operations that take one.
        var aliasName: String?
        var query: Query
    }

    /// The decoded query parameters in order; a repeated key's last value wins.
    struct Query {
        var parameters: [(key: String, value: String)] = []

        subscript(key: String) -> String? { parameters.last { $0.key == key }?.value }

        /// Every value of a repeated key, in order.
        func values(for key: String) -> [String] { parameters.filter { $0.key == key }.map(\.value) }

        /// The parameters of a query string (without the `?`); `nil` for a malformed escape.
        init?(_ text: Substring) {
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let key = percentDecoded(parts[0]), let value = percentDecoded(parts.count > 1 ? parts[1] : "")
                else { return nil }
                parameters.append((key, value))
            }
        }

        init() {}
    }

    /// Answers one HTTP request as Lambda would. Used by ``InMemoryTransport`` and `eic-local`; call it directly to
    /// test a transport of your own.
    ///
    /// - Throws: `TransportError(.connectionFailed)` for an injected dropped connection, `CancellationError` when
    ///   cancelled during injected latency.
    public func handle(_ request: TransportRequest) async throws -> TransportResponse {
        requestCounter += 1
        let requestID = InMemoryLambda.serialUUID(requestCounter)
        if latency > .zero { try await Task.sleep(for: latency) }
        let target = request.head.path ?? "/"
        var record = RecordedRequest(
            operation: "Unknown", method: request.head.method.rawValue, target: target,
            headerFields: request.head.headerFields, body: request.body)
        defer { log.append(record) }
        do {
            let route = try InMemoryLambda.route(method: request.head.method, target: target)
            record.operation = route.operation.rawValue
            if let fault = takeFault(for: route.operation) {
                switch fault {
                case .dropConnection:
                    throw TransportError(.connectionFailed, "InMemoryLambda dropped the connection (injected fault)")
                case .throttle(let seconds):
                    throw LambdaError.throttled(retryAfter: seconds)
                case .serviceError(let status):
                    throw LambdaError(
                        status: status, type: "ServiceException",
                        message: "Lambda encountered an internal error (injected fault).",
                        style: .typeAndCapitalMessage)
                case .conflict:
                    throw LambdaError.conflict(
                        "The operation cannot be performed at this time. An update is in progress for resource: "
                            + conflictResource(route))
                }
            }
            try verifySignature(request)
            try checkQuota(route.operation)
            let (status, body) = try perform(route, body: request.body)
            record.status = status
            return successResponse(status: status, body: body, requestID: requestID)
        } catch let error as LambdaError {
            record.status = error.status
            record.errorType = error.type
            return error.response(requestID: requestID)
        }
    }

    func perform(_ route: Route, body: Data) throws -> (Int, Data) {
        route.operation.isEventInvokeConfig
            ? try eventInvokeConfigOperation(route, body: body) : try controlPlaneOperation(route, body: body)
    }

    /// Lambda's answer to a function ARN outside this emulator: another region's is not reachable (404), another
    /// account's is refused as IAM refuses a caller the function's resource policy does not name (403
    /// `AccessDeniedException`, whatever the function's existence).
    func checkReachable(_ parts: ServiceModel.NameParts, operation: Operation, qualifier: String?) throws {
        if let functionRegion = parts.region, functionRegion != region.name {
            throw LambdaError.notFound(
                "Functions from '\(functionRegion)' are not reachable in this region ('\(region.name)')")
        }
        guard let account = parts.accountID, account != accountID.digits else { return }
        var resource = "arn:\(partition.name):lambda:\(region.name):\(account):function:\(parts.name)"
        if let qualifier = qualifier ?? parts.qualifier { resource += ":" + qualifier }
        let action = "lambda:" + operation.rawValue
        throw LambdaError(
            status: 403, type: "AccessDeniedException",
            message: "User: arn:\(partition.name):iam::\(accountID.digits):root is not authorized to perform: "
                + "\(action) on resource: \(resource) because no resource-based policy allows the \(action) action",
            style: .typeAndCapitalMessage)
    }

    /// The function ARN a conflict names: the function the request addresses, however it was spelt.
    func conflictResource(_ route: Route) -> String {
        let parts = model.parts(ofFunctionName: route.functionName)
        return functionARN(parts?.name ?? route.functionName)
    }

    /// The operation and path parameters of a request target (path and query as sent, still percent-encoded).
    static func route(method: HTTPRequest.Method, target: String) throws -> Route {
        let question = target.firstIndex(of: "?") ?? target.endIndex
        guard let query = question < target.endIndex ? Query(target[target.index(after: question)...]) : Query()
        else {
            throw LambdaError.invalidContent("The query string is not valid percent-encoding.")
        }
        let segments = target[..<question].split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let collection = segments.dropFirst().first
        guard segments.count >= 2, collection == "functions" || collection == "tags" else {
            throw unknownRoute(method, target)
        }
        let version = segments.first
        var decoded: [String] = []
        for segment in segments.dropFirst(2) {
            guard let text = percentDecoded(segment) else {
                throw LambdaError.invalidContent("The request path is not valid percent-encoding.")
            }
            decoded.append(text)
        }
        let name = decoded.first ?? ""
        let operation: Operation
        var alias: String?
        switch (collection, version, decoded.count, decoded.dropFirst().first, method) {
        case ("functions", "2019-09-25", 2, "event-invoke-config", .put): operation = .putEventInvokeConfig
        case ("functions", "2019-09-25", 2, "event-invoke-config", .post): operation = .updateEventInvokeConfig
        case ("functions", "2019-09-25", 2, "event-invoke-config", .get): operation = .getEventInvokeConfig
        case ("functions", "2019-09-25", 2, "event-invoke-config", .delete): operation = .deleteEventInvokeConfig
        case ("functions", "2019-09-25", 3, "event-invoke-config", .get) where decoded[2] == "list":
            operation = .listEventInvokeConfigs
        case ("functions", "2015-03-31", 0, _, .post),
            ("functions", "2015-03-31", 1, _, .post) where name.isEmpty:
            operation = .createFunction
        case ("functions", "2015-03-31", 1, _, .get): operation = .getFunction
        case ("functions", "2015-03-31", 1, _, .delete): operation = .deleteFunction
        case ("functions", "2015-03-31", 2, "configuration", .get): operation = .getFunctionConfiguration
        case ("functions", "2015-03-31", 2, "configuration", .put): operation = .updateFunctionConfiguration
        case ("functions", "2015-03-31", 2, "code", .put): operation = .updateFunctionCode
        case ("functions", "2015-03-31", 2, "versions", .get): operation = .listVersionsByFunction
        case ("functions", "2015-03-31", 2, "versions", .post): operation = .publishVersion
        case ("functions", "2020-06-30", 2, "code-signing-config", .get): operation = .getFunctionCodeSigningConfig
        case ("functions", "2019-09-30", 2, "concurrency", .get): operation = .getFunctionConcurrency
        case ("functions", "2015-03-31", 2, "aliases", .post): operation = .createAlias
        case ("functions", "2015-03-31", 2, "aliases", .get): operation = .listAliases
        case ("functions", "2015-03-31", 3, "aliases", .get):
            operation = .getAlias
            alias = decoded[2]
        case ("functions", "2015-03-31", 3, "aliases", .put):
            operation = .updateAlias
            alias = decoded[2]
        case ("functions", "2015-03-31", 3, "aliases", .delete):
            operation = .deleteAlias
            alias = decoded[2]
        case ("tags", "2017-03-31", 1, _, .get): operation = .listTags
        case ("tags", "2017-03-31", 1, _, .post): operation = .tagResource
        case ("tags", "2017-03-31", 1, _, .delete): operation = .untagResource
        default:
            throw unknownRoute(method, target)
        }
        if operation != .createFunction, name.isEmpty { throw unknownRoute(method, target) }
        return Route(operation: operation, functionName: name, aliasName: alias, query: query)
    }

    /// `00000000-0000-4000-8000-` and the counter in twelve digits: request ids and revision ids.
    static func serialUUID(_ counter: Int) -> String {
        let digits = String(counter)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    static func unknownRoute(_ method: HTTPRequest.Method, _ target: String) -> LambdaError {
        LambdaError(
            status: 404, type: "UnknownOperationException", message: "Unknown operation \(method) \(target)",
            style: .messageOnly)
    }

    /// The function's ARN in this emulator's partition, region and account, optionally qualified.
    func functionARN(_ name: String, qualifier: String? = nil) -> String {
        let base = "arn:\(partition.name):lambda:\(region.name):\(accountID.digits):function:\(name)"
        return qualifier.map { base + ":" + $0 } ?? base
    }
}

/// Decodes `%XX` escapes (a `+` stays a plus, as in Lambda's paths and queries); `nil` for a malformed escape or
/// bytes that are not UTF-8.
func percentDecoded(_ text: Substring) -> String? {
    guard text.contains("%") else { return String(text) }
    var decoded: [UInt8] = []
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, let high = PercentEncoding.hexValue(bytes[index + 1]),
                let low = PercentEncoding.hexValue(bytes[index + 2])
            else { return nil }
            decoded.append(high << 4 | low)
            index += 3
        } else {
            decoded.append(bytes[index])
            index += 1
        }
    }
    return String(validating: decoded, as: UTF8.self)
}
