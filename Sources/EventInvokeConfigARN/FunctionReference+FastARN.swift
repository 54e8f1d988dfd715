extension FunctionReference {
    /// A reference from parts, without any check (for tests of the checks).
    static func unchecked(form: Form, name: String, qualifier: Qualifier?) -> FunctionReference {
        FunctionReference(form: form, name: name, qualifier: qualifier)
    }

    /// The common case in one pass over the bytes: `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`
    /// with every part valid. Returns `nil` for anything else, which the full parser then handles and explains; a
    /// value it returns is the one the full parser would (checked by a differential test).
    static func parseWellFormedARN(_ value: String) -> FunctionReference? {
        withUTF8Bytes(value) { parseWellFormedARN(bytes: $0) }
    }

    package static func parseWellFormedARN(bytes: UnsafeRawBufferPointer) -> FunctionReference? {
        guard bytes.count <= maximumLength else { return nil }
        return withColonSegments(bytes, maximum: 8) { segments in
            segments.count >= 7 ? parseSegments(bytes, segments) : nil
        }
    }

    private static func parseSegments(
        _ bytes: UnsafeRawBufferPointer, _ ranges: UnsafeBufferPointer<Range<Int>>
    ) -> FunctionReference? {
        func segment(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[ranges[index]]) }
        guard segment(0).equals("arn"), segment(2).equals("lambda"), segment(5).equals("function") else {
            return nil
        }
        guard let partition = Partition.named(bytes: segment(1)) else { return nil }
        let regionBytes = segment(3)
        guard Region.hasRegionShape(bytes: regionBytes) else { return nil }
        if let owner = Partition.owning(regionBytes: regionBytes), owner != partition { return nil }
        let regionName = String(decoding: regionBytes, as: UTF8.self)
        let accountBytes = segment(4)
        guard AccountID.isAccountID(bytes: accountBytes) else { return nil }
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
