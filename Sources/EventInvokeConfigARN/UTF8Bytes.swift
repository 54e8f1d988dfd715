/// Calls `body` with the UTF-8 bytes of `text`, without copying native strings. The byte-level parsers of this
/// package and of the model start here.
@inlinable
package func withUTF8Bytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    var copy = text
    return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly those of `expected`.
    @inlinable
    package func equals(_ expected: StaticString) -> Bool {
        let length = expected.utf8CodeUnitCount
        guard count == length, let base = baseAddress else { return count == length }
        let other = UnsafeRawPointer(expected.utf8Start)
        // Eight bytes at a time, then the tail.
        var offset = 0
        while offset &+ 8 <= length {
            guard
                base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == other.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset &+= 8
        }
        while offset < length {
            guard
                base.load(fromByteOffset: offset, as: UInt8.self) == other.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset &+= 1
        }
        return true
    }

    /// Whether these bytes start with those of `expected`.
    @inlinable
    package func hasPrefix(_ expected: StaticString) -> Bool {
        count >= expected.utf8CodeUnitCount
            && UnsafeRawBufferPointer(rebasing: self[0..<expected.utf8CodeUnitCount]).equals(expected)
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes start with `prefix`: a plain loop, where the generic `elementsEqual` over slices costs
    /// several times more.
    @inlinable
    package func hasPrefix(_ prefix: [UInt8]) -> Bool {
        guard prefix.count <= count else { return false }
        return prefix.withUnsafeBufferPointer { expected in
            for offset in 0..<expected.count where self[offset] != expected[offset] { return false }
            return true
        }
    }
}

/// Calls `body` with the ranges of the `:`-separated segments of `bytes` (kept on the stack); `nil` when there are
/// more than `maximum` segments.
@inlinable
package func withColonSegments<R>(
    _ bytes: UnsafeRawBufferPointer, maximum: Int, _ body: (UnsafeBufferPointer<Range<Int>>) -> R?
) -> R? {
    withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: maximum) { segments -> R? in
        var count = 0
        var start = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: ":") {
            guard count < maximum - 1 else { return nil }
            segments.initializeElement(at: count, to: start..<index)
            count += 1
            start = index + 1
        }
        segments.initializeElement(at: count, to: start..<bytes.count)
        return body(UnsafeBufferPointer(rebasing: segments[0..<(count + 1)]))
    }
}
