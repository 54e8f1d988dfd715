/// A growable byte buffer written through a raw pointer: the signer's scratch space.
///
/// Appending to an `Array` checks uniqueness and bounds per byte; the signer appends a few thousand bytes per
/// signature, so it writes through this instead. The owner must call ``deallocate()`` exactly once.
package struct ByteWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// The number of bytes written.
    package private(set) var count: Int = 0

    /// Allocates room for `capacity` bytes.
    package init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        self.base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    /// Frees the storage.
    package func deallocate() { base.deallocate() }

    @inline(never)
    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    package mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toAtLeast: count + extra) }
    }

    /// Appends one byte without checking capacity; call ``reserve(_:)`` first.
    @inline(__always)
    mutating func appendUnchecked(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends one byte.
    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toAtLeast: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends the UTF-8 of a string.
    @inline(__always)
    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends bytes.
    @inline(__always)
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends a copy of bytes already written.
    @inline(__always)
    package mutating func appendCopy(of range: Range<Int>) {
        reserve(range.count)
        (base + count).update(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    /// The byte at `index`.
    @inline(__always)
    package subscript(index: Int) -> UInt8 { base[index] }

    /// The bytes in `range`, valid until the next append.
    @inline(__always)
    package func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The bytes in `range` as a string.
    package func string(_ range: Range<Int>) -> String {
        String(decoding: bytes(range), as: UTF8.self)
    }

    /// Compares two written ranges bytewise: negative, zero or positive.
    package func compare(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        let length = Swift.min(a.count, b.count)
        for offset in 0..<length {
            let x = base[a.lowerBound + offset]
            let y = base[b.lowerBound + offset]
            if x != y { return x < y ? -1 : 1 }
        }
        return a.count - b.count
    }
}
