import EventInvokeConfigARN
import EventInvokeConfigModel
import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
import Foundation
import HTTPTypes

extension InMemoryLambda {
    /// What a request asks for, once its route is known: the operation and the parsed target (shared, not copied).
    struct Route {
        var operation: String
        let target: ParsedTarget

        var functionName: String { target.functionName }
        /// The decoded query (a route exists only when it decoded).
        var query: Query { (try? target.query.get()) ?? Query() }
        /// The `Qualifier` parameter as sent and parsed, when the query has a non-empty one.
        var queryQualifier: QueryQualifier? { target.queryQualifier }
        /// The function name parsed, when it parses (`resolve` reports the error otherwise).
        var reference: FunctionReference? { target.reference }
    }

    /// A non-empty `Qualifier` query parameter: the text (for messages and the match against a qualified name) and
    /// what it parses to.
    struct QueryQualifier {
        var text: String
        var parsed: Result<Qualifier, InvalidValueError>
    }

    /// What a request target says, whatever the method: a pure function of the target, so it is remembered per
    /// target (tests send the same few targets over and over). A class, so a route refers to it instead of copying
    /// its strings and values. Used only inside the emulator (the actor), which also keeps the target's last
    /// resolution here.
    final class ParsedTarget {
        enum Resource { case config, list }
        let resource: Resource
        let functionName: String
        let reference: FunctionReference?
        /// The decoded query, or the error it gives (reported only once the method is known to fit the route).
        let query: Result<Query, LambdaError>
        /// The query's `Qualifier` as sent and parsed, when it has a non-empty one.
        let queryQualifier: QueryQualifier?
        /// What the target resolved to last, valid while the emulator's functions are as they were then (see
        /// ``InMemoryLambda/resolution(of:isList:)``).
        var resolution: Resolution?

        init(
            resource: Resource, functionName: String, reference: FunctionReference?, query: Result<Query, LambdaError>,
            queryQualifier: QueryQualifier?
        ) {
            self.resource = resource
            self.functionName = functionName
            self.reference = reference
            self.query = query
            self.queryQualifier = queryQualifier
        }

        func route(for method: HTTPRequest.Method, target: String) throws -> Route {
            let operation: String
            switch (resource, method) {
            case (.config, .put): operation = "PutFunctionEventInvokeConfig"
            case (.config, .post): operation = "UpdateFunctionEventInvokeConfig"
            case (.config, .get): operation = "GetFunctionEventInvokeConfig"
            case (.config, .delete): operation = "DeleteFunctionEventInvokeConfig"
            case (.list, .get): operation = "ListFunctionEventInvokeConfigs"
            default: throw InMemoryLambda.unknownRoute(method, target)
            }
            _ = try query.get()
            return Route(operation: operation, target: self)
        }
    }

    /// The route of a request, from the parsed-target memo when the target was seen before.
    func route(method: HTTPRequest.Method, target: String) throws -> Route {
        for index in recentTargets.indices where recentTargets[index].target == target {
            return try recentTargets[index].parsed.route(for: method, target: target)
        }
        if let parsed = parsedTargets[target] {
            rememberTarget(target, parsed)
            return try parsed.route(for: method, target: target)
        }
        let parsed = try InMemoryLambda.parse(target: target, method: method)
        if parsedTargets.count >= InMemoryLambda.parsedTargetLimit { parsedTargets.removeAll(keepingCapacity: true) }
        parsedTargets[target] = parsed
        rememberTarget(target, parsed)
        return try parsed.route(for: method, target: target)
    }

    /// Keeps a parsed target among the few checked before the table (a test sends the same few targets; comparing
    /// equal strings — the same storage, when they come from one client — is cheaper than hashing one).
    func rememberTarget(_ target: String, _ parsed: ParsedTarget) {
        if recentTargets.count < InMemoryLambda.recentTargetCount {
            recentTargets.append((target, parsed))
        } else {
            recentTargets[nextRecentTarget] = (target, parsed)
            nextRecentTarget = (nextRecentTarget + 1) % InMemoryLambda.recentTargetCount
        }
    }

    static let parsedTargetLimit = 256
    static let recentTargetCount = 4

    /// The decoded query parameters in order; a repeated key's last value wins, as a dictionary would give, without
    /// building one for the usual single parameter.
    struct Query {
        var parameters: [(key: String, value: String)] = []

        subscript(key: String) -> String? { parameters.last { $0.key == key }?.value }

        /// The parameters of a query string (without the `?`), or the error Lambda gives for a malformed escape.
        static func decoding(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Query, LambdaError> {
            var query = Query()
            for pair in bytes.split(separator: UInt8(ascii: "&")) {
                let pair = UnsafeBufferPointer(rebasing: pair)
                let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.count
                let value = equals < pair.count ? pair[(equals + 1)...] : pair[pair.count...]
                guard let decodedKey = percentDecoded(UnsafeBufferPointer(rebasing: pair[..<equals])),
                    let decodedValue = percentDecoded(UnsafeBufferPointer(rebasing: value))
                else {
                    return .failure(LambdaError.validation("The query string is not valid percent-encoding."))
                }
                query.parameters.append((decodedKey, decodedValue))
            }
            return .success(query)
        }
    }

    /// Answers one HTTP request as Lambda would. Used by ``InMemoryTransport``; call it directly to test a
    /// transport of your own.
    ///
    /// - Throws: `TransportError(.connectionFailed)` for an injected dropped connection, `CancellationError` when
    ///   cancelled during injected latency.
    public func handle(_ request: TransportRequest) async throws -> TransportResponse {
        requestCounter += 1
        let requestID = InMemoryLambda.requestID(requestCounter)
        if latency > .zero { try await Task.sleep(for: latency) }
        let target = request.head.path ?? "/"
        var record = RecordedRequest(
            operation: "Unknown", method: request.head.method.rawValue, target: target,
            headerFields: request.head.headerFields, body: request.body)
        defer {
            // Stored here rather than through the log's generic `append`, which would run unspecialised.
            if let slot = log.reserveSlot() { log.storage[slot] = record } else { log.storage.append(record) }
        }
        do {
            let route = try self.route(method: request.head.method, target: target)
            record.operation = route.operation
            if let fault = takeFault(for: route.operation) {
                switch fault {
                case .dropConnection:
                    throw TransportError(.connectionFailed, "InMemoryLambda dropped the connection (injected fault)")
                case .throttle(let seconds):
                    throw LambdaError(
                        status: 429, type: "TooManyRequestsException", message: "Rate exceeded", retryAfter: seconds,
                        reason: "CallerRateLimitExceeded")
                case .serviceError(let status):
                    throw LambdaError(
                        status: status, type: "ServiceException",
                        message: "Lambda encountered an internal error (injected fault).")
                case .conflict:
                    throw LambdaError(
                        status: 409, type: "ResourceConflictException",
                        message: "An update is in progress for resource: \(functionARN(route.functionName))")
                }
            }
            try verifySignature(request)
            let (status, body) = try perform(route, body: request.body)
            record.status = status
            return successResponse(status: status, body: body, requestID: requestID)
        } catch let error as LambdaError {
            record.status = error.status
            record.errorType = error.type
            return error.response(requestID: requestID)
        }
    }

    /// Splits a target into resource, function name and query. Errors that do not depend on the method (not a
    /// Lambda path, a malformed function name) are thrown; `method` only names the request in them.
    static func parse(target: String, method: HTTPRequest.Method) throws -> ParsedTarget {
        var target = target
        return try target.withUTF8 { bytes throws -> ParsedTarget in
            let question = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
            let path = UnsafeBufferPointer(rebasing: bytes[0..<question])
            let prefix: StaticString = "/2019-09-25/functions/"
            guard path.count > prefix.utf8CodeUnitCount, UnsafeRawBufferPointer(path).hasPrefix(prefix) else {
                throw unknownRoute(method, String(decoding: bytes, as: UTF8.self))
            }
            let rest = UnsafeBufferPointer(rebasing: path[prefix.utf8CodeUnitCount...])
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else {
                throw unknownRoute(method, String(decoding: bytes, as: UTF8.self))
            }
            guard let functionName = percentDecoded(UnsafeBufferPointer(rebasing: rest[..<slash])),
                !functionName.isEmpty
            else {
                throw LambdaError.validation("The FunctionName path segment is not valid percent-encoding.")
            }
            let resource = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: rest[slash...]))
            let kind: ParsedTarget.Resource
            if resource.equals("/event-invoke-config") {
                kind = .config
            } else if resource.equals("/event-invoke-config/list") {
                kind = .list
            } else {
                throw unknownRoute(method, String(decoding: bytes, as: UTF8.self))
            }
            let query =
                question < bytes.count
                ? Query.decoding(UnsafeBufferPointer(rebasing: bytes[(question + 1)...]))
                : .success(Query())
            let queryQualifier = (try? query.get())?["Qualifier"].flatMap { text in
                text.isEmpty
                    ? nil
                    : QueryQualifier(text: text, parsed: Result { () throws(InvalidValueError) in try Qualifier(text) })
            }
            return ParsedTarget(
                resource: kind, functionName: functionName, reference: try? FunctionReference(functionName),
                query: query, queryQualifier: queryQualifier)
        }
    }

    /// `00000000-0000-4000-8000-` and the counter in twelve digits, written once.
    static func requestID(_ counter: Int) -> String {
        let prefix: StaticString = "00000000-0000-4000-8000-"
        guard (0..<1_000_000_000_000).contains(counter) else { return "\(prefix)\(counter)" }
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            while index < prefix.utf8CodeUnitCount {
                buffer[index] = prefix.utf8Start[index]
                index += 1
            }
            var rest = counter
            for position in stride(from: 35, through: 24, by: -1) {
                buffer[position] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
            }
            return 36
        }
    }

    static func unknownRoute(_ method: HTTPRequest.Method, _ target: String) -> LambdaError {
        LambdaError(status: 404, type: "UnknownOperationException", message: "Unknown operation \(method) \(target)")
    }

    func functionARN(_ name: String, qualifier: String? = nil) -> String {
        let base = "arn:\(partition.name):lambda:\(region.name):\(accountID.digits):function:\(name)"
        return qualifier.map { base + ":" + $0 } ?? base
    }
}

/// Decodes `%XX` escapes (a `+` stays a plus, as in Lambda's paths and queries); `nil` for a malformed escape or
/// bytes that are not UTF-8.
func percentDecoded(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard bytes.contains(UInt8(ascii: "%")) else { return String(validating: bytes, as: UTF8.self) }
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, let high = PercentEncoding.hexValue(bytes[index + 1]),
                let low = PercentEncoding.hexValue(bytes[index + 2])
            else {
                return nil
            }
            decoded.append(high << 4 | low)
            index += 3
        } else {
            decoded.append(bytes[index])
            index += 1
        }
    }
    return String(validating: decoded, as: UTF8.self)
}
