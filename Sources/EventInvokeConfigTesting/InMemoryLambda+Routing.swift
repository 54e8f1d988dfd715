import EventInvokeConfigARN
import EventInvokeConfigModel
import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
import Foundation
import HTTPTypes

extension InMemoryLambda {
    /// What a request asks for, once its route is known.
    struct Route {
        var operation: String
        var functionName: String
        var query: [String: String]
    }

    /// Answers one HTTP request as Lambda would. Used by ``InMemoryTransport``; call it directly to test a
    /// transport of your own.
    ///
    /// - Throws: `TransportError(.connectionFailed)` for an injected dropped connection, `CancellationError` when
    ///   cancelled during injected latency.
    public func handle(_ request: TransportRequest) async throws -> TransportResponse {
        requestCounter += 1
        let requestID = String(format: "00000000-0000-4000-8000-%012d", requestCounter)
        if latency > .zero { try await Task.sleep(for: latency) }
        let target = request.head.path ?? "/"
        var record = RecordedRequest(
            operation: "Unknown", method: request.head.method.rawValue, target: target,
            headers: request.head.headerFields.map { ($0.name.canonicalName, $0.value) }, body: request.body)
        defer { log.append(record) }
        do {
            let route = try InMemoryLambda.route(method: request.head.method, target: target)
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

    /// Maps method and path to an operation.
    static func route(method: HTTPRequest.Method, target: String) throws -> Route {
        let (pathPart, queryPart) = splitRequestTarget(target[...])
        let prefix = "/2019-09-25/functions/"
        var rest = Substring(pathPart)
        guard rest.hasPrefix(prefix) else { throw unknownRoute(method, target) }
        rest = rest.dropFirst(prefix.count)
        guard let slash = rest.firstIndex(of: "/") else { throw unknownRoute(method, target) }
        guard let functionName = String(rest[..<slash]).removingPercentEncoding, !functionName.isEmpty else {
            throw LambdaError.validation("The FunctionName path segment is not valid percent-encoding.")
        }
        let resource = rest[slash...]
        let operation: String
        switch (resource, method) {
        case ("/event-invoke-config", .put): operation = "PutFunctionEventInvokeConfig"
        case ("/event-invoke-config", .post): operation = "UpdateFunctionEventInvokeConfig"
        case ("/event-invoke-config", .get): operation = "GetFunctionEventInvokeConfig"
        case ("/event-invoke-config", .delete): operation = "DeleteFunctionEventInvokeConfig"
        case ("/event-invoke-config/list", .get): operation = "ListFunctionEventInvokeConfigs"
        default: throw unknownRoute(method, target)
        }
        var query: [String: String] = [:]
        for pair in queryPart.split(separator: "&") {
            let key = pair.prefix { $0 != "=" }
            let value = pair.dropFirst(key.count + (key.count < pair.count ? 1 : 0))
            guard let decodedKey = String(key).removingPercentEncoding,
                let decodedValue = String(value).removingPercentEncoding
            else {
                throw LambdaError.validation("The query string is not valid percent-encoding.")
            }
            query[decodedKey] = decodedValue
        }
        return Route(operation: operation, functionName: functionName, query: query)
    }

    private static func unknownRoute(_ method: HTTPRequest.Method, _ target: String) -> LambdaError {
        LambdaError(status: 404, type: "UnknownOperationException", message: "Unknown operation \(method) \(target)")
    }

    func functionARN(_ name: String, qualifier: String? = nil) -> String {
        let base = "arn:\(partition.name):lambda:\(region.name):\(accountID.digits):function:\(name)"
        return qualifier.map { base + ":" + $0 } ?? base
    }
}
