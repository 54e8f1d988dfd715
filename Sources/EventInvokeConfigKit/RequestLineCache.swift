import EventInvokeConfigARN
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

    struct Line {
        /// `path?query` as sent.
        var target: String
        /// Method, scheme, authority and path set; no header fields.
        var head: HTTPRequest
    }

    /// The most request lines kept.
    static let capacity = 64

    private let lines = Mutex<[Key: Line]>([:])

    /// The line for `key`, built by `build` the first time.
    func line(for key: Key, build: () -> Line) -> Line {
        if let line = lines.withLock({ $0[key] }) { return line }
        let line = build()
        lines.withLock { lines in
            if lines.count >= RequestLineCache.capacity { lines.removeAll(keepingCapacity: true) }
            lines[key] = line
        }
        return line
    }
}
