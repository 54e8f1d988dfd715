import EventInvokeConfigARN
import EventInvokeConfigSigV4
import HTTPTypes
import Synchronization

/// The request line of each (method, function, path suffix) the client calls — the target string and the HTTP head
/// with method, scheme, authority and path set — built once and reused.
///
/// Writing the target percent-encodes the function name, and setting the head's path copies the head's
/// pseudo-header storage and checks every byte of the path; a service calls the same few functions over and over,
/// so each request line is built once. Bounded: emptied when it reaches ``capacity`` entries. Calls with query
/// parameters (List's `Marker` and `MaxItems`) are not cached.
final class RequestLineCache: Sendable {
    struct Key: Hashable {
        var method: HTTPRequest.Method
        var pathSuffix: String
        var function: FunctionReference
    }

    struct Line: Sendable {
        /// `path?query` as sent.
        var target: String
        /// Method, scheme, authority and path set; no header fields.
        var head: HTTPRequest
        /// The canonical URI and query the signer writes for `target` (and its path length), computed once.
        var canonicalTarget: SigV4CanonicalTarget
    }

    /// The most request lines kept.
    static let capacity = 64

    private struct State {
        var lines: [Key: Line] = [:]
        /// The lines used last, checked before hashing the key: comparing a key with an equal one made from the
        /// same values is a few word comparisons, hashing it is several string hashes.
        var recent: [(key: Key, line: Line)] = []
        var nextRecent = 0

        /// Puts a line among the recent ones, replacing the oldest.
        mutating func remember(_ key: Key, _ line: Line) {
            if recent.count < RequestLineCache.recentCount {
                recent.append((key, line))
            } else {
                recent[nextRecent] = (key, line)
                nextRecent = (nextRecent + 1) % RequestLineCache.recentCount
            }
        }
    }

    /// How many recently used lines are checked before the table.
    static let recentCount = 4

    private let state = Mutex(State())

    /// The line for `key`, built by `build` the first time.
    func line(for key: Key, build: () -> Line) -> Line {
        if let line = state.withLock({ state -> Line? in
            for entry in state.recent where entry.key == key { return entry.line }
            guard let line = state.lines[key] else { return nil }
            state.remember(key, line)
            return line
        }) {
            return line
        }
        let line = build()
        state.withLock { state in
            if state.lines.count >= RequestLineCache.capacity { state.lines.removeAll(keepingCapacity: true) }
            state.lines[key] = line
            state.remember(key, line)
        }
        return line
    }
}
