/// A growable byte buffer written through a raw pointer: the signer's scratch space.
///
/// Appending to an `Array` checks uniqueness and bounds per byte; the signer appends a few thousand bytes per
/// signature, so it writes through this instead. The owner must call ``deallocate()`` exactly once. It can
/// start in memory the caller lends (a stack allocation) and moves to the heap only if that fills up.
package struct ByteWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Whether `base` was allocated here (and must be freed), as opposed to lent by the caller.
    private var ownsStorage: Bool
    /// The number of bytes written.
    package private(set) var count: Int = 0

    /// Allocates room for `capacity` bytes.
    package init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        self.base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
        self.ownsStorage = true
    }

    /// Writes into `storage` (for example a stack allocation) until it is full, then moves to the heap.
    package init(borrowing storage: UnsafeMutableRawBufferPointer) {
        if let start = storage.baseAddress, storage.count > 0 {
            self.base = start.bindMemory(to: UInt8.self, capacity: storage.count)
            self.capacity = storage.count
            self.ownsStorage = false
        } else {
            self.capacity = 64
            self.base = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
            self.ownsStorage = true
        }
    }

    /// A string of at most `capacity` bytes written by `body` straight into the string's own storage: one
    /// allocation, no intermediate buffer. Writing more than `capacity` bytes is a precondition failure (the bytes
    /// would land in storage the string does not own).
    package static func string(capacity: Int, _ body: (inout ByteWriter) -> Void) -> String {
        guard capacity > 0 else { return "" }
        return String(unsafeUninitializedCapacity: capacity) { storage in
            var writer = ByteWriter(borrowing: UnsafeMutableRawBufferPointer(storage))
            body(&writer)
            precondition(writer.isUsingLentStorage, "wrote more than the string's capacity")
            return writer.count
        }
    }

    /// Whether the bytes are still in the storage lent at initialisation.
    package var isUsingLentStorage: Bool { !ownsStorage }

    /// Frees the storage if it was allocated here.
    package func deallocate() {
        if ownsStorage { base.deallocate() }
    }

    @inline(never)
    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if ownsStorage { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsStorage = true
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    package mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toAtLeast: count + extra) }
    }

    /// Lets `body` write up to `maxCount` bytes at the end through a pointer; `body` returns how many it wrote.
    /// Hot loops write through a local pointer this way, so the count is not reloaded and stored per byte.
    @inline(__always)
    package mutating func appendUnsafe(maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maxCount)
        let written = body(base + count)
        precondition(written >= 0 && written <= maxCount, "wrote beyond the reserved bytes")
        count += written
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

    /// Appends raw bytes.
    @inline(__always)
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Forgets everything written from `count` on.
    @inline(__always)
    package mutating func truncate(to count: Int) {
        precondition(count >= 0 && count <= self.count, "truncating beyond the written bytes")
        self.count = count
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
    @inline(__always)
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
