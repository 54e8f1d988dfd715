import EventInvokeConfigARN

extension Destination {
    /// The common case in one pass over the bytes: `arn:PARTITION:sqs|sns:REGION:ACCOUNT:NAME` for a standard
    /// queue or topic, every part valid. Returns `nil` for anything else, which the full parser then handles and
    /// explains; a value it returns is the one the full parser would (checked by a differential test).
    static func parseStandardQueueOrTopic(_ value: String) -> Destination? {
        if let parsed = value.utf8.withContiguousStorageIfAvailable({ parse(UnsafeRawBufferPointer($0), value) }) {
            return parsed
        }
        var copy = value
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), value) }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, _ value: String) -> Destination? {
        guard bytes.count <= maximumLength else { return nil }
        var colons = (0, 0, 0, 0, 0)
        var count = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: ":") {
            switch count {
            case 0: colons.0 = index
            case 1: colons.1 = index
            case 2: colons.2 = index
            case 3: colons.3 = index
            case 4: colons.4 = index
            default: return nil
            }
            count += 1
        }
        guard count == 5 else { return nil }
        func part(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        }
        func equals(_ part: UnsafeRawBufferPointer, _ expected: StaticString) -> Bool {
            part.count == expected.utf8CodeUnitCount
                && part.elementsEqual(UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount))
        }
        guard equals(part(0, colons.0), "arn") else { return nil }
        let partitionBytes = part(colons.0 + 1, colons.1)
        let serviceBytes = part(colons.1 + 1, colons.2)
        let regionBytes = part(colons.2 + 1, colons.3)
        let accountBytes = part(colons.3 + 1, colons.4)
        let nameBytes = part(colons.4 + 1, bytes.count)
        let kind: Kind
        let limit: Int
        if equals(serviceBytes, "sqs") {
            (kind, limit) = (.sqsQueue, 80)
        } else if equals(serviceBytes, "sns") {
            (kind, limit) = (.snsTopic, 256)
        } else {
            return nil
        }
        guard let partition = Partition.named(bytes: partitionBytes),
            Region.hasRegionShape(bytes: regionBytes),
            Partition.owning(regionBytes: regionBytes).map({ $0 == partition }) ?? true,
            accountBytes.count == 12, accountBytes.allSatisfy({ $0 &- 0x30 < 10 }),
            (1...limit).contains(nameBytes.count),
            nameBytes.allSatisfy({ byte in
                byte &- 0x61 < 26 || byte &- 0x41 < 26 || byte &- 0x30 < 10 || byte == 0x2D || byte == 0x5F
            })
        else { return nil }
        let arn = ARN(
            partition: partition.name, service: kind.service,
            region: String(decoding: regionBytes, as: UTF8.self),
            accountID: String(decoding: accountBytes, as: UTF8.self),
            resource: String(decoding: nameBytes, as: UTF8.self))
        return Destination(arn: arn, kind: kind, text: value)
    }
}
