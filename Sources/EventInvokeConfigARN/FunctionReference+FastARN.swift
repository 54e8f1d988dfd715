extension FunctionReference {
    /// A reference from parts, without any check (for tests of the checks).
    static func unchecked(form: Form, name: String, qualifier: Qualifier?) -> FunctionReference {
        FunctionReference(form: form, name: name, qualifier: qualifier)
    }

    /// The common case in one pass over the bytes: `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`
    /// with every part valid. Returns `nil` for anything else, which the full parser then handles and explains; a
    /// value it returns is the one the full parser would (checked by a differential test).
    static func parseWellFormedARN(_ value: String) -> FunctionReference? {
        if let parsed = value.utf8.withContiguousStorageIfAvailable({ parseWellFormedARN(bytes: $0) }) {
            return parsed
        }
        var copy = value
        return copy.withUTF8 { parseWellFormedARN(bytes: $0) }
    }

    private static func parseWellFormedARN(bytes: UnsafeBufferPointer<UInt8>) -> FunctionReference? {
        guard bytes.count <= maximumLength else { return nil }
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 8) { segments -> FunctionReference? in
            var count = 0
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: ":") {
                guard count < 7 else { return nil }
                segments.initializeElement(at: count, to: start..<index)
                count += 1
                start = index + 1
            }
            segments.initializeElement(at: count, to: start..<bytes.count)
            count += 1
            guard count == 7 || count == 8 else { return nil }
            return parseSegments(bytes, UnsafeBufferPointer(rebasing: segments[0..<count]))
        }
    }

    private static func parseSegments(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: UnsafeBufferPointer<Range<Int>>
    ) -> FunctionReference? {
        func segment(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[ranges[index]]) }
        func equals(_ part: UnsafeBufferPointer<UInt8>, _ expected: StaticString) -> Bool {
            part.count == expected.utf8CodeUnitCount
                && part.elementsEqual(UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount))
        }
        guard equals(segment(0), "arn"), equals(segment(2), "lambda"), equals(segment(5), "function") else {
            return nil
        }
        let partitionBytes = segment(1)
        guard let partition = Partition.named(bytes: UnsafeRawBufferPointer(partitionBytes)) else { return nil }
        let regionBytes = segment(3)
        guard Region.hasRegionShape(bytes: UnsafeRawBufferPointer(regionBytes)) else { return nil }
        if let owner = Partition.owning(regionBytes: UnsafeRawBufferPointer(regionBytes)), owner != partition {
            return nil
        }
        let regionName = String(decoding: regionBytes, as: UTF8.self)
        let accountBytes = segment(4)
        guard accountBytes.count == 12, accountBytes.allSatisfy(isDigit) else { return nil }
        let nameBytes = segment(6)
        guard (1...64).contains(nameBytes.count), nameBytes.allSatisfy(isNameByte) else { return nil }
        var qualifier: Qualifier?
        if ranges.count == 8 {
            guard let parsed = try? Qualifier(Substring(decoding: segment(7), as: UTF8.self), field: field) else {
                return nil
            }
            qualifier = parsed
        }
        return FunctionReference(
            form: .arn(
                partition: partition, region: Region(unchecked: regionName),
                accountID: AccountID(unchecked: String(decoding: accountBytes, as: UTF8.self))),
            name: String(decoding: nameBytes, as: UTF8.self), qualifier: qualifier)
    }
}
