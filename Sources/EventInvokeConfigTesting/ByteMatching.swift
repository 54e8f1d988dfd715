extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly those of `expected`.
    func equals(_ expected: StaticString) -> Bool {
        count == expected.utf8CodeUnitCount && hasPrefix(expected)
    }

    /// Whether these bytes start with those of `expected`.
    func hasPrefix(_ expected: StaticString) -> Bool {
        let length = expected.utf8CodeUnitCount
        guard count >= length else { return false }
        return UnsafeRawBufferPointer(start: expected.utf8Start, count: length).elementsEqual(self[0..<length])
    }
}
