import CoreMetrics

/// The client's swift-metrics instruments, made once per client (making one goes through the factory, under its
/// lock); each call then costs a dictionary lookup, two clock reads and the backend's own recording.
///
/// - `eic_requests_total` (counter; dimension `operation`): calls, once each however many attempts they took.
/// - `eic_request_errors_total` (counter; `operation`, `code`): calls that failed, by ``EventInvokeConfigError/Code``
///   (`cancelled` for a cancelled call; `invalidResponse` for a 2xx answer that does not decode).
/// - `eic_retries_total` (counter; `operation`): attempts after the first.
/// - `eic_request_duration` (timer; `operation`): a call's time from its first attempt to its last answer, backoff
///   included.
struct ClientMetrics: Sendable {
    private struct Instruments: Sendable {
        let requests: Counter
        let retries: Counter
        let duration: Timer
    }

    private let factory: any MetricsFactory
    private let instruments: [String: Instruments]

    /// The instruments for `factory`, or `nil` when it is swift-metrics' no-op handler (nothing to record).
    init?(factory: any MetricsFactory) {
        guard !(factory is NOOPMetricsHandler) else { return nil }
        self.factory = factory
        var instruments: [String: Instruments] = [:]
        for operation in LambdaEventInvokeConfigClient.Operation.all {
            let dimensions = [("operation", operation)]
            instruments[operation] = Instruments(
                requests: Counter(label: "eic_requests_total", dimensions: dimensions, factory: factory),
                retries: Counter(label: "eic_retries_total", dimensions: dimensions, factory: factory),
                duration: Timer(label: "eic_request_duration", dimensions: dimensions, factory: factory))
        }
        self.instruments = instruments
    }

    /// Counts a retry of `operation`.
    func retried(_ operation: String) {
        instruments[operation]?.retries.increment()
    }

    /// Records a finished call: its duration, and its error if it failed.
    func finished(_ operation: String, after duration: Duration, error: (any Error)?) {
        if let instruments = instruments[operation] {
            instruments.requests.increment()
            instruments.duration.recordNanoseconds(duration.nanosecondsClamped)
        }
        guard let error else { return }
        let code: String
        switch error {
        case let error as EventInvokeConfigError: code = "\(error.code)"
        case is CancellationError: code = "cancelled"
        default: code = "unknown"
        }
        // Made on the error path only: one per failed call, not per request.
        Counter(
            label: "eic_request_errors_total", dimensions: [("operation", operation), ("code", code)], factory: factory
        ).increment()
    }
}
