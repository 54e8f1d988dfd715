import Foundation
import HTTPTypes
import Logging
import Synchronization

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

        /// The request target as sent, `path` or `path?query`, written once into one string: the function name
        /// is percent-encoded once; the qualifier goes in `Qualifier`.
        func target(basePath: String) -> String {
            // Every byte of the unencoded name and ARN parts, three times over, plus the separators.
            var nameBound = function.name.utf8.count + 40
            if case .arn(let partition, let region, _) = function.form {
                nameBound += partition.name.utf8.count + region.name.utf8.count
            }
            nameBound *= 3
            let qualifier = pathSuffix.isEmpty ? function.qualifier?.rawValue : nil
            // Each key and value may be encoded to three times its length (and the encoder reserves that much).
            var queryBound = qualifier.map { 3 * ("Qualifier".utf8.count + $0.utf8.count) + 2 } ?? 0
            for (key, value) in query { queryBound += 3 * (key.utf8.count + value.utf8.count) + 2 }
            let pathBound =
                basePath.utf8.count + LambdaEventInvokeConfigClient.apiPrefix.utf8.count + nameBound + 20
                + pathSuffix.utf8.count
            return ByteWriter.string(capacity: pathBound + queryBound) { writer in
                writer.append(basePath)
                writer.append(LambdaEventInvokeConfigClient.apiPrefix)
                appendEncodedFunctionName(to: &writer)
                writer.append("/event-invoke-config")
                writer.append(pathSuffix)
                guard queryBound > 0 else { return }
                var separator = UInt8(ascii: "?")
                func append(_ key: String, _ value: String) {
                    writer.append(separator)
                    separator = UInt8(ascii: "&")
                    PercentEncoding.appendEncoded(key, to: &writer)
                    writer.append(UInt8(ascii: "="))
                    PercentEncoding.appendEncoded(value, to: &writer)
                }
                if let qualifier { append("Qualifier", qualifier) }
                for (key, value) in query { append(key, value) }
            }
        }

        /// The unqualified function as named by the caller (the qualifier travels in the query), `:` and any other
        /// reserved byte percent-encoded, written without building the unencoded text first.
        private func appendEncodedFunctionName(to writer: inout ByteWriter) {
            func part(_ text: String) {
                PercentEncoding.appendEncoded(text, to: &writer)
                writer.append("%3A")
            }
            switch function.form {
            case .name:
                break
            case .partialARN(let account):
                part(account.digits)
                part("function")
            case .arn(let partition, let region, let account):
                part("arn")
                part(partition.name)
                part("lambda")
                part(region.name)
                part(account.digits)
                part("function")
            }
            PercentEncoding.appendEncoded(function.name, to: &writer)
        }

    }

    /// What every attempt of a call sends, computed once per call.
    struct PreparedCall {
        var line: RequestLineCache.Line
        var body: [UInt8]
        var bodyData: Data

        var target: String { line.target }
    }

    func prepare(_ call: Call) -> PreparedCall {
        let line =
            call.query.isEmpty
            ? requestLines.line(
                for: RequestLineCache.Key(method: call.method, pathSuffix: call.pathSuffix, function: call.function)
            ) { requestLine(call) }
            : requestLine(call)
        return PreparedCall(line: line, body: call.body, bodyData: Data(call.body))
    }

    /// The target and the head (without header fields) of a call.
    private func requestLine(_ call: Call) -> RequestLineCache.Line {
        let target = call.target(basePath: endpoint.basePath)
        var head = requestTemplate
        head.method = call.method
        head.path = target
        return RequestLineCache.Line(target: target, head: head, canonicalTarget: signer.canonicalTarget(of: target))
    }

    /// Builds the signed request for one attempt: signs the known parts directly and builds the header fields
    /// once (the SDK bookkeeping headers change per attempt and are not signed).
    func signedRequest(
        _ call: Call, _ prepared: PreparedCall, credentials: Credentials, date: Date, attempt: Int,
        invocationID: String
    ) throws -> HTTPRequest {
        let hasBody = !prepared.body.isEmpty
        let signature: SigV4HeaderSignature
        do {
            signature = try signer.sign(
                SigV4Request(
                    method: call.method.rawValue, canonicalTarget: prepared.line.canonicalTarget,
                    headers: hasBody ? signedHeadersWithBody : signedHeadersWithoutBody, payload: .bytes(prepared.body)),
                credentials: credentials, date: date)
        } catch {
            throw EventInvokeConfigError(
                .validation, operation: call.operation, message: "cannot sign: \(error.message)", underlying: error)
        }
        // The template of this shape with its placeholders replaced (see `fieldTemplates`), and on a retry its
        // `amz-sdk-request` too.
        let shape = (hasBody ? 1 : 0) | (signature.securityToken != nil ? 2 : 0)
        var fields = fieldTemplates[shape]
        var index = hasBody ? 2 : 1
        fields[index] = reusedDateField.amzDateField(signature)
        if let token = signature.securityToken {
            index += 1
            fields[index] = reusedTokenField.securityTokenField(token)
        }
        fields[index + 1] = HTTPField(name: .authorization, value: signature.authorization)
        fields[index + 2] = HTTPField(name: .amzSDKInvocationID, value: invocationID)
        if attempt > 1 {
            fields[index + 3] =
                attempt <= attemptFields.count
                ? attemptFields[attempt - 1]
                : Self.attemptField(attempt, of: configuration.retryPolicy.maximumAttempts)
        }
        var request = prepared.line.head
        request.headerFields = fields
        return request
    }

    /// The `amz-sdk-request` field of attempt `attempt` out of `maximum` (not signed).
    static func attemptField(_ attempt: Int, of maximum: Int) -> HTTPField {
        HTTPField(name: .amzSDKRequest, value: "attempt=\(attempt); max=\(maximum)")
    }

    /// Runs the call with retries, clock-skew correction and logging, and decodes its 2xx response; the metrics
    /// cover both (a response that does not decode is a failed call).
    func execute<Output>(
        _ call: Call, decoding decode: (TransportResponse) throws -> Output
    ) async throws -> Output {
        guard let metrics else { return try decode(try await attempts(call)) }
        let start = ContinuousClock.now
        do {
            let output = try decode(try await attempts(call))
            metrics.finished(call.operation, after: ContinuousClock.now - start, error: nil)
            return output
        } catch {
            metrics.finished(call.operation, after: ContinuousClock.now - start, error: error)
            throw error
        }
    }

    /// The attempts of one call, until a 2xx response, a final error or the end of the retry budget.
    private func attempts(_ call: Call) async throws -> TransportResponse {
        let policy = configuration.retryPolicy
        let invocationID = Self.randomInvocationID()
        let prepared = prepare(call)
        var skewRetryUsed = false
        var lastRetryCost = 0
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let credentials: Credentials
            do {
                credentials = try await configuration.credentials.credentials()
            } catch let error as EventInvokeConfigError {
                throw error
            } catch {
                throw EventInvokeConfigError(
                    .credentials, operation: call.operation, message: "no credentials: \(error)", underlying: error)
            }
            let sendTime = configuration.clock()
            let skewUsed = skew.seconds
            let head = try signedRequest(
                call, prepared, credentials: credentials, date: sendTime.addingTimeInterval(skewUsed), attempt: attempt,
                invocationID: invocationID)
            // Latency only feeds the debug log line; no clock read when nobody listens. The level is read once per
            // attempt (a call through the log handler, which after a network round trip is cold).
            let logsAttempts = configuration.logger.logLevel <= .debug
            let started = logsAttempts ? ContinuousClock.now : nil
            let outcome: Result<TransportResponse, EventInvokeConfigError>
            do {
                let response = try await transport.send(
                    TransportRequest(
                        head: head, body: prepared.bodyData, timeout: configuration.attemptTimeout,
                        operation: call.operation))
                outcome = .success(response)
            } catch let error as TransportError {
                if error.code == .cancelled { throw CancellationError() }
                outcome = .failure(
                    EventInvokeConfigError(
                        error.code == .timeout ? .timeout : .transport, operation: call.operation,
                        message: error.message, underlying: error))
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
                    skew.observe(send: sendTime, receive: configuration.clock(), headers: response.head.headerFields)
                }
                // Read once: the status getter parses the pseudo-header field each time.
                let status = response.head.status.code
                if logsAttempts {
                    log(call, attempt: attempt, status: status, response: response, latency: latency)
                }
                if (200..<300).contains(status) {
                    // Standard mode: a success refunds what its retry cost, or earns a token on the first try.
                    quota.release(attempt > 1 ? lastRetryCost : policy.successIncrement)
                    return response
                }
                failure = ErrorResponse.decode(response, operation: call.operation, destinations: call.destinations)
            case .failure(let error):
                if logsAttempts {
                    log(call, attempt: attempt, status: nil, response: nil, latency: latency, error: error)
                }
                failure = error
            }
            failure.attempts = attempt
            guard attempt < policy.maximumAttempts else { throw failure }

            // A request signed with the wrong time: re-sign with the learnt skew and retry once, at once.
            if !skewRetryUsed, let type = failure.errorType, isSkewError(type),
                abs(skew.seconds) > ClockSkew.retryThreshold,
                abs(skew.seconds - skewUsed) > ClockSkew.retryThreshold
            {
                guard quota.acquire(policy.retryCost) else { throw failure }
                lastRetryCost = policy.retryCost
                skewRetryUsed = true
                metrics?.retried(call.operation)
                continue
            }
            guard RetryPolicy.isRetryable(failure) else { throw failure }
            let cost = failure.code == .timeout ? policy.timeoutRetryCost : policy.retryCost
            guard quota.acquire(cost) else { throw failure }
            lastRetryCost = cost
            let delay = policy.delay(
                beforeRetry: attempt, retryAfter: failure.retryAfter, random: configuration.random())
            configuration.logger.debug(
                "retrying",
                metadata: [
                    "operation": "\(call.operation)", "attempt": "\(attempt)", "delay": "\(delay)",
                    "code": "\(failure.code)",
                ])
            try await configuration.sleep(delay)
            metrics?.retried(call.operation)
        }
    }

    /// A random (version 4) UUID in lower case. Foundation's `UUID()` opens `/dev/urandom` on every call on
    /// Linux, and the system generator costs a `getrandom` call per word; the id only has to be unique, not
    /// secret, so it comes from a process-wide generator seeded once from the system's.
    static func randomInvocationID() -> String {
        let (first, second) = invocationIDSource.withLock { ($0.next(), $0.next()) }
        let high = first & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
        let low = second & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            let hex = digits.utf8Start
            var index = 0
            // The 32 hex digits of both words, most significant first, with dashes after digits 8, 12, 16 and 20.
            for position in 0..<32 {
                if position == 8 || position == 12 || position == 16 || position == 20 {
                    buffer[index] = UInt8(ascii: "-")
                    index += 1
                }
                let word = position < 16 ? high : low
                buffer[index] = hex[Int(word >> UInt64(60 - (position & 15) * 4) & 0xF)]
                index += 1
            }
            return 36
        }
    }

    private static let invocationIDSource = Mutex(Xoshiro256StarStar())

    private func isSkewError(_ type: String) -> Bool {
        ClockSkew.definiteSkewErrors.contains(type) || ClockSkew.possibleSkewErrors.contains(type)
    }

    private func log(
        _ call: Call, attempt: Int, status: Int?, response: TransportResponse?, latency: Duration,
        error: EventInvokeConfigError? = nil
    ) {
        // Called only when the logger takes debug lines: building the metadata costs more than the request itself.
        var metadata: Logger.Metadata = [
            "operation": "\(call.operation)", "function": "\(call.function)", "attempt": "\(attempt)",
            "latency_ms":
                "\(latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000)",
        ]
        if let status { metadata["status"] = "\(status)" }
        if let response, let id = ErrorResponse.requestID(response.head.headerFields) {
            metadata["request_id"] = "\(id)"
        }
        if let error { metadata["error"] = "\(error.code): \(error.message)" }
        configuration.logger.debug("attempt", metadata: metadata)
    }
}

/// xoshiro256** (Blackman and Vigna), seeded from the system generator: fast, and unique enough for request ids.
struct Xoshiro256StarStar: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init() {
        var system = SystemRandomNumberGenerator()
        state = (system.next(), system.next(), system.next(), system.next())
        if state == (0, 0, 0, 0) { state.0 = 1 }
    }

    mutating func next() -> UInt64 {
        let result = (state.1 &* 5).rotatedLeft(by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = state.3.rotatedLeft(by: 45)
        return result
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}

extension HTTPField.Name {
    // The SDK bookkeeping names the client sets on every request, validated once (the signer's names come with it).
    static let amzSDKInvocationID = known("amz-sdk-invocation-id")
    static let amzSDKRequest = known("amz-sdk-request")
}
