import EventInvokeConfigARN

extension Destination {
    /// The common case in one pass over the bytes: `arn:PARTITION:sqs|sns:REGION:ACCOUNT:NAME` for a standard
    /// queue or topic, every part valid. Returns `nil` for anything else, which the full parser then handles and
    /// explains; a value it returns is the one the full parser would (checked by a differential test).
    static func parseStandardQueueOrTopic(_ value: String) -> Destination? {
        withUTF8Bytes(value) { parse($0, value) }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, _ value: String) -> Destination? {
        guard bytes.count <= maximumLength else { return nil }
        return withColonSegments(bytes, maximum: 6) { segments in
            segments.count == 6 ? parse(bytes, segments, value) : nil
        }
    }

    private static func parse(
        _ bytes: UnsafeRawBufferPointer, _ segments: UnsafeBufferPointer<Range<Int>>, _ value: String
    ) -> Destination? {
        func part(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[segments[index]]) }
        guard part(0).equals("arn") else { return nil }
        let partitionBytes = part(1)
        let serviceBytes = part(2)
        let regionBytes = part(3)
        let accountBytes = part(4)
        let nameBytes = part(5)
        let kind: Kind
        let limit: Int
        if serviceBytes.equals("sqs") {
            (kind, limit) = (.sqsQueue, 80)
        } else if serviceBytes.equals("sns") {
            (kind, limit) = (.snsTopic, 256)
        } else {
            return nil
        }
        guard let partition = Partition.named(bytes: partitionBytes),
            Region.hasRegionShape(bytes: regionBytes),
            Partition.owning(regionBytes: regionBytes).map({ $0 == partition }) ?? true,
            AccountID.isAccountID(bytes: accountBytes),
            (1...limit).contains(nameBytes.count), nameBytes.allSatisfy(isNameCharacter)
        else { return nil }
        let arn = ARN(
            partition: partition.name, service: kind.service,
            region: String(decoding: regionBytes, as: UTF8.self),
            accountID: String(decoding: accountBytes, as: UTF8.self),
            resource: String(decoding: nameBytes, as: UTF8.self))
        return Destination(arn: arn, kind: kind, text: value)
    }
}
