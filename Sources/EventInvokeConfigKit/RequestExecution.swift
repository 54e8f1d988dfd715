import Foundation
import HTTPTypes
import Logging
import Synchronization
import Tracing

extension LambdaEventInvokeConfigClient {
    /// One API call before it is signed.
    struct Call {
        var operation: String
        var method: HTTPRequest.Method
        var function: FunctionReference
        var pathSuffix: String = ""
        var query: [(String, String)] = []
        /// The JSON body as the encoder wrote it (the signer hashes these bytes; the transport gets them as `Data`).
        var body: [UInt8] = []
        var destinations: [Destination] = []

        init(
            operation: String, method: HTTPRequest.Method, function: FunctionReference, pathSuffix: String = "",
            query: [(String, String)] = [], body: [UInt8] = [], destinations: [Destination] = []
        ) {
            self.operation = operation
            self.method = method
            self.function = function
            self.pathSuffix = pathSuffix
            self.query = query
            self.body = body
            self.destinations = destinations
        }

        /// The request target as sent, `path` or `path?query`: the unqualified function as the caller named it
        /// (the qualifier goes in `Qualifier`) percent-encoded once, so an ARN's `:` travel as `%3A`.
        func target(basePath: String) -> String {
            var target =
                basePath + LambdaEventInvokeConfigClient.apiPrefix + PercentEncoding.encoded(function.functionName)
                + "/event-invoke-config" + pathSuffix
            var parameters = query
            if pathSuffix.isEmpty, let qualifier = function.qualifier {
                parameters.insert(("Qualifier", qualifier.rawValue), at: 0)
            }
            if !parameters.isEmpty {
                target +=
                    "?"
                    + parameters.map { PercentEncoding.encoded($0.0) + "=" + PercentEncoding.encoded($0.1) }
                    .joined(separator: "&")
            }
            return target
        }
    }

    /// The signed head of one attempt. The header fields are built afresh: `User-Agent`, `Content-Type` for a body,
    /// the signature's fields, and the SDK bookkeeping fields (`amz-sdk-invocation-id`, `amz-sdk-request`), which
    /// are not signed.
    func signedRequest(
        _ call: Call, target: String, credentials: Credentials, date: Date, attempt: Int, invocationID: String
    ) throws -> HTTPRequest {
        var request = HTTPRequest(
            method: call.method, scheme: endpoint.scheme, authority: endpoint.authority, path: target)
        request.headerFields[.userAgent] = storage.userAgent
        if !call.body.isEmpty { request.headerFields[.contentType] = "application/json" }
        do {
            try storage.signer.sign(&request, body: call.body, credentials: credentials, date: date)
        } catch {
            throw EventInvokeConfigError(
                error.code == .invalidCredentials ? .credentials : .validation, operation: call.operation,
                message: "cannot sign: \(error.message); nothing was sent", underlying: error)
        }
        request.headerFields[.amzSDKInvocationID] = invocationID
        request.headerFields[.amzSDKRequest] =
            "attempt=\(attempt); max=\(configuration.retryPolicy.maximumAttempts)"
        return request
    }

    /// Runs the call with retries, clock-skew correction, logging to `logger` and one span (`Lambda.OPERATION`, with
    /// a child span per attempt), and decodes its 2xx response; the metrics and the span cover both (a response that
    /// does not decode is a failed call).
    func execute<Output>(
        _ call: Call, logger: Logger, decoding decode: (TransportResponse) throws -> Output
    ) async throws -> Output {
        let tracer = configuration.tracer ?? InstrumentationSystem.tracer
        let span = tracer.startSpan(
            "Lambda.\(call.operation)", context: ServiceContext.current ?? .topLevel, ofKind: .client)
        defer { span.end() }
        span.attributes["rpc.system"] = "aws-api"
        span.attributes["rpc.service"] = "Lambda"
        span.attributes["rpc.method"] = call.operation
        span.attributes["cloud.region"] = configuration.region.name
        let start = storage.metrics == nil ? nil : ContinuousClock.now
        do {
            let output = try decode(try await attempts(call, logger: logger, span: span, tracer: tracer))
            if let start { storage.metrics?.finished(call.operation, after: ContinuousClock.now - start, error: nil) }
            return output
        } catch {
            if let start { storage.metrics?.finished(call.operation, after: ContinuousClock.now - start, error: error) }
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }

    /// The attempts of one call, until a 2xx response, a final error or the end of the retry budget.
    private func attempts(
        _ call: Call, logger: Logger, span: any Span, tracer: any Tracer
    ) async throws -> TransportResponse {
        let policy = configuration.retryPolicy
        let invocationID = UUID().uuidString.lowercased()
        let target = call.target(basePath: endpoint.basePath)
        let body = Data(call.body)
        var skewRetryUsed = false
        var lastRetryCost = 0
        var attempt = 0
        let deadline = configuration.totalTimeout.map { ContinuousClock.now + $0 }
        while true {
            attempt += 1
            try Task.checkCancellation()
            let credentials: Credentials
            do {
                credentials = try await self.credentials(for: call, before: deadline)
            } catch let error as EventInvokeConfigError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw EventInvokeConfigError(
                    .credentials, operation: call.operation, message: "no credentials: \(error)", underlying: error)
            }
            let permit = try await storage.rateLimiter?.acquire()
            let sendTime = configuration.clock()
            let skewUsed = storage.skew.seconds
            let head = try signedRequest(
                call, target: target, credentials: credentials, date: sendTime.addingTimeInterval(skewUsed),
                attempt: attempt, invocationID: invocationID)
            // Latency only feeds the debug log line.
            let logsAttempts = logger.logLevel <= .debug
            let started = logsAttempts ? ContinuousClock.now : nil
            let outcome: Result<TransportResponse, EventInvokeConfigError>
            let timeout =
                deadline.map { min(configuration.attemptTimeout, $0 - ContinuousClock.now) }
                ?? configuration.attemptTimeout
            // One span per attempt, a child of the call's, whatever the transport (URLSession traces nothing).
            let attemptSpan = tracer.startSpan(
                "Lambda.\(call.operation).attempt", context: span.context, ofKind: .client)
            attemptSpan.attributes["http.request.method"] = call.method.rawValue
            attemptSpan.attributes["http.request.resend_count"] = attempt - 1
            span.attributes["http.request.resend_count"] = attempt - 1
            defer { attemptSpan.end() }
            do {
                let response = try await storage.transport.send(
                    TransportRequest(
                        head: head, body: body, timeout: timeout,
                        maximumResponseBytes: configuration.maximumResponseBytes, operation: call.operation),
                    within: timeout)
                outcome = .success(response)
            } catch let error as TransportError {
                if error.code == .cancelled { throw CancellationError() }
                outcome = .failure(
                    EventInvokeConfigError(
                        Self.code(of: error), operation: call.operation, message: error.message, underlying: error))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome = .failure(
                    EventInvokeConfigError(
                        .transport, operation: call.operation, message: "\(error)", underlying: error))
            }
            let latency = started.map { ContinuousClock.now - $0 } ?? .zero

            var failure: EventInvokeConfigError
            switch outcome {
            case .success(let response):
                // The receive time only matters to a response that carries the server's clock.
                if response.head.headerFields.contains(.date) {
                    storage.skew.observe(
                        send: sendTime, receive: configuration.clock(), headers: response.head.headerFields)
                }
                let status = response.head.status.code
                attemptSpan.attributes["http.response.status_code"] = status
                span.attributes["http.response.status_code"] = status
                if let requestID = ErrorResponse.requestID(response.head.headerFields) {
                    attemptSpan.attributes["aws.request_id"] = requestID
                    span.attributes["aws.request_id"] = requestID
                }
                if logsAttempts {
                    log(call, to: logger, attempt: attempt, status: status, response: response, latency: latency)
                }
                if (200..<300).contains(status) {
                    storage.rateLimiter?.record(permit, throttled: false)
                    // Standard mode: a success refunds what its retry cost, or earns a token on the first try.
                    storage.quota.release(attempt > 1 ? lastRetryCost : policy.successIncrement)
                    return response
                }
                failure = ErrorResponse.decode(response, operation: call.operation, destinations: call.destinations)
            case .failure(let error):
                if logsAttempts {
                    log(call, to: logger, attempt: attempt, status: nil, response: nil, latency: latency, error: error)
                }
                failure = error
            }
            failure.attempts = attempt
            let throttled = failure.code == .throttled
            if throttled { storage.throttled.add(1, ordering: .relaxed) }
            storage.rateLimiter?.record(permit, throttled: throttled)
            attemptSpan.recordError(failure)
            attemptSpan.setStatus(SpanStatus(code: .error))
            guard attempt < policy.maximumAttempts else { throw failure }

            // A request signed with the wrong time: re-sign with the learnt skew and retry once, at once.
            if !skewRetryUsed, ErrorClassification.mayBeClockSkew(failure.errorType),
                abs(storage.skew.seconds) > ClockSkew.retryThreshold,
                abs(storage.skew.seconds - skewUsed) > ClockSkew.retryThreshold
            {
                guard storage.quota.acquire(policy.retryCost) else { throw failure }
                lastRetryCost = policy.retryCost
                skewRetryUsed = true
                storage.metrics?.retried(call.operation)
                continue
            }
            guard failure.isRetryable else { throw failure }
            let cost = policy.cost(throttled: throttled)
            guard storage.quota.acquire(cost) else { throw failure }
            lastRetryCost = cost
            let delay = policy.delay(
                beforeRetry: attempt, throttled: throttled, retryAfter: failure.retryAfter,
                random: configuration.random())
            if let deadline, ContinuousClock.now + delay >= deadline {
                logger.debug(
                    "not retrying: the wait would pass the total timeout",
                    metadata: ["operation": "\(call.operation)", "attempt": "\(attempt)", "delay": "\(delay)"])
                throw failure
            }
            var metadata: Logger.Metadata = [
                "operation": "\(call.operation)", "attempt": "\(attempt)", "delay": "\(delay)",
                "code": "\(failure.code)",
            ]
            if let retryAfter = failure.retryAfter, retryAfter > delay {
                metadata["retry_after"] = "\(retryAfter)"
                metadata["capped_at"] = "\(delay)"
            }
            logger.debug("retrying", metadata: metadata)
            try await configuration.sleep(delay)
            storage.metrics?.retried(call.operation)
        }
    }

    /// The credentials for the next attempt, within what is left of the call's ``Configuration/totalTimeout``: a
    /// slow provider (a `credential_process`, STS, SSO) fails the call with `timeout` at the deadline instead of
    /// holding it, and a cancelled call stops waiting at once.
    private func credentials(for call: Call, before deadline: ContinuousClock.Instant?) async throws -> Credentials {
        let provider = configuration.credentials
        guard let deadline else { return try await provider.credentials() }
        let fetch = Task { try await provider.credentials() }
        guard let credentials = try await value(of: fetch, within: deadline - ContinuousClock.now) else {
            fetch.cancel()
            throw EventInvokeConfigError(
                .timeout, operation: call.operation,
                message: "no credentials within the total timeout of \(configuration.totalTimeout ?? .zero); nothing "
                    + "was sent")
        }
        return credentials
    }

    /// The client's code for a transport failure: timeouts and connection failures are retried; a request the
    /// transport cannot express and an answer it refused (too large, not HTTP) are not.
    static func code(of error: TransportError) -> EventInvokeConfigError.Code {
        switch error.code {
        case .timeout: .timeout
        case .invalidRequest: .validation
        case .responseTooLarge, .invalidResponse: .invalidResponse
        default: .transport
        }
    }

    private func log(
        _ call: Call, to logger: Logger, attempt: Int, status: Int?, response: TransportResponse?, latency: Duration,
        error: EventInvokeConfigError? = nil
    ) {
        // Called only when the logger takes debug lines.
        var metadata: Logger.Metadata = [
            "operation": "\(call.operation)", "function": "\(call.function)", "attempt": "\(attempt)",
            "latency_ms": "\(latency.millisecondsClamped)",
        ]
        if let status { metadata["status"] = "\(status)" }
        if let response, let id = ErrorResponse.requestID(response.head.headerFields) {
            metadata["request_id"] = "\(id)"
        }
        if let error { metadata["error"] = "\(error.code): \(error.message)" }
        logger.debug("attempt", metadata: metadata)
    }
}

extension HTTPField.Name {
    // The SDK bookkeeping names the client sets on every request.
    static let amzSDKInvocationID = known("amz-sdk-invocation-id")
    static let amzSDKRequest = known("amz-sdk-request")
}
