import EventInvokeConfigARN
import Synchronization

/// The function references and destinations a decoder parsed last, by their exact JSON text.
///
/// A service reads and writes the configs of a few functions over and over, so the same `FunctionArn` and
/// destination ARNs come back in every response; parsing one (validating every part, building its strings) costs
/// more than the rest of its record. Equal bytes parse to equal values, so a text seen recently is answered from
/// here. A few entries of each kind, replaced oldest first; shared by a client's concurrent calls.
package final class ARNMemo: Sendable {
    /// How many texts of each kind are kept.
    static let capacity = 4

    private struct Entries<Value: Sendable>: Sendable {
        var texts: [[UInt8]] = []
        var values: [Value] = []
        var next = 0

        func value(for text: UnsafeRawBufferPointer) -> Value? {
            for index in texts.indices where texts[index].count == text.count {
                if texts[index].withUnsafeBytes({ ARNMemo.same($0, text) }) { return values[index] }
            }
            return nil
        }

        mutating func remember(_ text: [UInt8], _ value: Value) {
            if texts.count < ARNMemo.capacity {
                texts.append(text)
                values.append(value)
            } else {
                texts[next] = text
                values[next] = value
                next = (next + 1) % ARNMemo.capacity
            }
        }
    }

    /// Whether two buffers of the same length hold the same bytes, a word at a time.
    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var offset = 0
        while offset &+ 8 <= a.count {
            guard
                a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset &+= 8
        }
        while offset < a.count {
            guard a[offset] == b[offset] else { return false }
            offset &+= 1
        }
        return true
    }

    private struct State: Sendable {
        var functions = Entries<FunctionReference>()
        var destinations = Entries<Destination>()
    }

    private let state = Mutex(State())

    /// Creates an empty memo.
    package init() {}

    /// The function reference parsed from exactly these bytes, if kept.
    func functionReference(_ text: UnsafeRawBufferPointer) -> FunctionReference? { value(for: text, in: \.functions) }

    func remember(_ text: UnsafeRawBufferPointer, _ reference: FunctionReference) {
        remember(text, reference, in: \.functions)
    }

    /// The destination parsed from exactly these bytes, if kept.
    func destination(_ text: UnsafeRawBufferPointer) -> Destination? { value(for: text, in: \.destinations) }

    func remember(_ text: UnsafeRawBufferPointer, _ destination: Destination) {
        remember(text, destination, in: \.destinations)
    }

    private func value<Value>(
        for text: UnsafeRawBufferPointer, in entries: KeyPath<State, Entries<Value>>
    ) -> Value? {
        // Only read under the lock, never kept: the bytes stay the caller's.
        nonisolated(unsafe) let text = text
        return state.withLock { $0[keyPath: entries].value(for: text) }
    }

    private func remember<Value>(
        _ text: UnsafeRawBufferPointer, _ value: Value, in entries: WritableKeyPath<State, Entries<Value>>
    ) {
        let bytes = Array(text)
        state.withLock { $0[keyPath: entries].remember(bytes, value) }
    }
}
