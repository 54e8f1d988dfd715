import EventInvokeConfigARN

#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif

/// The client's and the in-memory Lambda's JSON path: the API's shapes written and read directly as bytes,
/// with exactly the results of the `Codable` conformances (which stay the reference and the fallback).
///
/// Decoding returns `nil` for anything the fast reader does not accept — malformed JSON, values that fail
/// validation, unusual but valid JSON — and callers then decode with `JSONDecoder` to get its result or its
/// precise error. Foundation's coders cost tens of microseconds per small object; these cost about one.
package enum WireJSON {
    // MARK: Decoding

    /// Decodes a Put or Update body, as `JSONDecoder().decode(EventInvokeConfig.self, …)` would.
    package static func decodeConfig(_ data: Data) -> EventInvokeConfig? {
        read(data) { reader throws(JSONReader.Unsupported) in
            var fields = Fields()
            try reader.readObject { reader, key throws(JSONReader.Unsupported) in
                try fields.read(key, from: &reader, record: false)
            }
            return try fields.settings()
        }
    }

    /// Decodes a `FunctionEventInvokeConfig` object, as `JSONDecoder` would.
    ///
    /// - Parameter memo: function ARNs and destinations parsed recently, consulted and updated.
    package static func decodeRecord(_ data: Data, memo: ARNMemo? = nil) -> EventInvokeConfigRecord? {
        read(data) { reader throws(JSONReader.Unsupported) in try readRecord(&reader, memo: memo) }
    }

    /// Decodes a `ListFunctionEventInvokeConfigs` response, as `JSONDecoder` would.
    package static func decodePage(_ data: Data, memo: ARNMemo? = nil) -> EventInvokeConfigPage? {
        read(data) { reader throws(JSONReader.Unsupported) in
            var records: [EventInvokeConfigRecord] = []
            var marker: String?
            var seen: UInt8 = 0
            try reader.readObject { reader, key throws(JSONReader.Unsupported) in
                if key.equals("FunctionEventInvokeConfigs") {
                    try mark(&seen, 1)
                    guard try !reader.consumeNull() else { return }
                    try reader.readArray { reader throws(JSONReader.Unsupported) in
                        records.append(try readRecord(&reader, memo: memo))
                    }
                } else if key.equals("NextMarker") {
                    try mark(&seen, 2)
                    guard try !reader.consumeNull() else { return }
                    guard reader.nextIsString() else { throw JSONReader.Unsupported() }
                    marker = try reader.readString()
                } else {
                    try reader.skipValue()
                }
            }
            return EventInvokeConfigPage(records: records, nextMarker: marker?.isEmpty == true ? nil : marker)
        }
    }

    private static func read<T>(_ data: Data, _ body: (inout JSONReader) throws(JSONReader.Unsupported) -> T) -> T? {
        data.withUnsafeBytes { bytes in
            var reader = JSONReader(bytes)
            do {
                let value = try body(&reader)
                try reader.finish()
                return value
            } catch {
                return nil
            }
        }
    }

    private static func readRecord(
        _ reader: inout JSONReader, memo: ARNMemo?
    ) throws(JSONReader.Unsupported)
        -> EventInvokeConfigRecord
    {
        var fields = Fields(memo: memo)
        try reader.readObject { reader, key throws(JSONReader.Unsupported) in
            try fields.read(key, from: &reader, record: true)
        }
        // `take()` moves the parsed reference out instead of copying it through its value witnesses.
        guard let lastModified = fields.lastModified, let reference = fields.functionARN.take(),
            case .arn = reference.form
        else { throw JSONReader.Unsupported() }
        return EventInvokeConfigRecord(
            functionARN: reference, lastModified: lastModified, config: try fields.settings())
    }

    /// The fields of a config or record object as they are read.
    private struct Fields {
        var memo: ARNMemo? = nil
        var seen: UInt8 = 0
        var functionARN: FunctionReference?
        var lastModified: Date?
        var retries: MaximumRetryAttempts?
        var age: MaximumEventAge?
        var onSuccess: Destination?
        var onFailure: Destination?

        mutating func read(
            _ key: UnsafeRawBufferPointer, from reader: inout JSONReader, record: Bool
        ) throws(JSONReader.Unsupported) {
            if key.equals("MaximumRetryAttempts") {
                try mark(&seen, 1)
                guard try !reader.consumeNull() else { return }
                guard let value = try? MaximumRetryAttempts(reader.readInt()) else { throw JSONReader.Unsupported() }
                retries = value
            } else if key.equals("MaximumEventAgeInSeconds") {
                try mark(&seen, 2)
                guard try !reader.consumeNull() else { return }
                guard let value = try? MaximumEventAge(seconds: reader.readInt()) else {
                    throw JSONReader.Unsupported()
                }
                age = value
            } else if key.equals("DestinationConfig") {
                try mark(&seen, 4)
                guard try !reader.consumeNull() else { return }
                try reader.readObject { reader, key throws(JSONReader.Unsupported) in
                    if key.equals("OnSuccess") {
                        try mark(&seen, 8)
                        onSuccess = try readDestination(
                            &reader, field: "DestinationConfig.OnSuccess.Destination", memo: memo)
                    } else if key.equals("OnFailure") {
                        try mark(&seen, 16)
                        onFailure = try readDestination(
                            &reader, field: "DestinationConfig.OnFailure.Destination", memo: memo)
                    } else {
                        try reader.skipValue()
                    }
                }
            } else if record && key.equals("FunctionArn") {
                try mark(&seen, 32)
                guard reader.nextIsString() else { throw JSONReader.Unsupported() }
                // The usual well-formed ARN is parsed from the JSON bytes without building its text first.
                let parsed: FunctionReference?
                if let raw = reader.readUnescapedStringBytes() {
                    if let known = memo?.functionReference(raw) {
                        parsed = known
                    } else {
                        parsed =
                            FunctionReference.parseWellFormedARN(bytes: raw)
                            ?? String(validating: raw, as: UTF8.self).flatMap {
                                try? FunctionReference($0, field: "FunctionArn")
                            }
                        if let parsed { memo?.remember(raw, parsed) }
                    }
                } else {
                    parsed = try? FunctionReference(try reader.readString(), field: "FunctionArn")
                }
                guard let parsed else { throw JSONReader.Unsupported() }
                functionARN = consume parsed
            } else if record && key.equals("LastModified") {
                try mark(&seen, 64)
                lastModified = try readTimestamp(&reader)
            } else {
                try reader.skipValue()
            }
        }

        /// The settings read; the destinations are moved out, not copied.
        mutating func settings() throws(JSONReader.Unsupported) -> EventInvokeConfig {
            var destinations: DestinationConfig?
            if onSuccess != nil || onFailure != nil {
                guard let both = try? DestinationConfig(onSuccess: onSuccess.take(), onFailure: onFailure.take())
                else {
                    throw JSONReader.Unsupported()
                }
                destinations = both
            }
            return EventInvokeConfig(
                maximumRetryAttempts: retries, maximumEventAge: age, destinationConfig: destinations)
        }
    }

    private static func readDestination(
        _ reader: inout JSONReader, field: String, memo: ARNMemo?
    ) throws(JSONReader.Unsupported) -> Destination? {
        guard try !reader.consumeNull() else { return nil }
        var destination: Destination?
        var seen: UInt8 = 0
        try reader.readObject { reader, key throws(JSONReader.Unsupported) in
            guard key.equals("Destination") else { return try reader.skipValue() }
            try mark(&seen, 1)
            guard try !reader.consumeNull() else { return }
            guard reader.nextIsString() else { throw JSONReader.Unsupported() }
            // As for FunctionArn: a plain string is read as bytes, looked up in the memo, and parsed only when new.
            if let raw = reader.readUnescapedStringBytes() {
                guard !raw.isEmpty else { return }
                if let known = memo?.destination(raw) {
                    destination = known
                    return
                }
                guard let arn = String(validating: raw, as: UTF8.self),
                    let value = try? Destination(arn, field: field)
                else { throw JSONReader.Unsupported() }
                memo?.remember(raw, value)
                destination = value
                return
            }
            let arn = try reader.readString()
            guard !arn.isEmpty else { return }
            guard let value = try? Destination(arn, field: field) else { throw JSONReader.Unsupported() }
            destination = value
        }
        return destination
    }

    /// `LastModified` as epoch seconds (number or numeric string) or ISO-8601, within the plausible range.
    private static func readTimestamp(_ reader: inout JSONReader) throws(JSONReader.Unsupported) -> Date {
        let seconds: Double
        if reader.nextIsNumber() {
            seconds = try reader.readDecimal()
        } else if reader.nextIsString() {
            let text = try reader.readString()
            if let date = Timestamp.parseISO8601(text) { return date }
            guard let value = Double(text) else { throw JSONReader.Unsupported() }
            seconds = value
        } else {
            throw JSONReader.Unsupported()
        }
        guard Timestamp.isPlausible(seconds) else { throw JSONReader.Unsupported() }
        return Date(timeIntervalSince1970: seconds)
    }

    @inline(__always)
    private static func mark(_ seen: inout UInt8, _ bit: UInt8) throws(JSONReader.Unsupported) {
        guard seen & bit == 0 else { throw JSONReader.Unsupported() }
        seen |= bit
    }
}
