/// A failure to get any HTTP response: the connection, not the service, failed.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What failed. Extensible.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The connection could not be made or broke before a complete response (refused, reset, DNS, TLS).
        public static let connectionFailed = Code("connectionFailed")
        /// The request took longer than its timeout.
        public static let timeout = Code("timeout")
        /// The task was cancelled.
        public static let cancelled = Code("cancelled")
        /// The request could not be expressed for this transport (e.g. a malformed URL).
        public static let invalidRequest = Code("invalidRequest")
        /// The bytes received are not a valid HTTP response.
        public static let invalidResponse = Code("invalidResponse")
        /// The response body is larger than the request's ``TransportRequest/maximumResponseBytes``; the rest was
        /// not read.
        public static let responseTooLarge = Code("responseTooLarge")
        /// The code's stable name, safe as a metric label.
        public var description: String { name }
    }

    /// What failed.
    public var code: Code
    /// A human-readable account naming the request target.
    public var message: String
    /// The transport's own error, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// Code and message, and the underlying error if any.
    public var description: String {
        "TransportError(\(code)): \(message)" + (underlying.map { " (\($0))" } ?? "")
    }

    /// Whether a retry may succeed (connection failures and timeouts).
    public var isRetryable: Bool { code == .connectionFailed || code == .timeout }
}
