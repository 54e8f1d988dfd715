public import Logging
import Synchronization

/// A log handler that keeps every line, for assertions on what a library logs.
public final class CapturingLogHandler: LogHandler, Sendable {
    /// One logged line.
    public struct Line: Sendable {
        /// Its level.
        public let level: Logger.Level
        /// Its message.
        public let message: String
        /// Its metadata, each value rendered.
        public let metadata: [String: String]

        /// The line as one string: level, message and the metadata sorted by key, `key=value`.
        public var rendered: String {
            let pairs = metadata.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            return "\(level) \(message) \(pairs)"
        }
    }

    private let captured = Mutex<[Line]>([])
    /// The level the handler reports (fixed: `Logger.logLevel`'s setter is ignored).
    public let level: Logger.Level

    /// A handler that takes every line at `level` and above.
    public init(level: Logger.Level = .trace) { self.level = level }

    /// The lines logged so far.
    public var lines: [Line] { captured.withLock { $0 } }

    /// A logger writing to this handler.
    public var logger: Logger {
        var logger = Logger(label: "test") { _ in self }
        logger.logLevel = level
        return logger
    }

    /// Handler metadata is not kept.
    public var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    /// The fixed ``level``.
    public var logLevel: Logger.Level {
        get { level }
        set {}
    }

    /// Handler metadata is not kept.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    /// Keeps the line.
    public func log(event: LogEvent) {
        let line = Line(
            level: event.level, message: "\(event.message)", metadata: (event.metadata ?? [:]).mapValues { "\($0)" })
        captured.withLock { $0.append(line) }
    }
}
