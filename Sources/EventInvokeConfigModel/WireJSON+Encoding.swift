import EventInvokeConfigARN

#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif

extension WireJSON {
    // MARK: Encoding

    /// The Put body of a config: the keys `JSONEncoder` writes, in the same order, without escaping `/`.
    package static func encode(_ config: EventInvokeConfig) -> Data {
        settingsObject(config.maximumRetryAttempts, config.maximumEventAge, config.destinationConfig) { $0.data() }
    }

    /// The Put body as bytes (what the signer hashes; the transport gets them as `Data`).
    package static func encodedBytes(_ config: EventInvokeConfig) -> [UInt8] {
        settingsObject(config.maximumRetryAttempts, config.maximumEventAge, config.destinationConfig) { $0.array() }
    }

    /// The Update body of a patch: only the fields that change.
    package static func encode(_ patch: EventInvokeConfigPatch) -> Data {
        settingsObject(patch.maximumRetryAttempts, patch.maximumEventAge, patch.destinationConfig) { $0.data() }
    }

    /// The Update body as bytes.
    package static func encodedBytes(_ patch: EventInvokeConfigPatch) -> [UInt8] {
        settingsObject(patch.maximumRetryAttempts, patch.maximumEventAge, patch.destinationConfig) { $0.array() }
    }

    /// A Put or Update body — the settings that are set, as one object — copied out by `output`.
    private static func settingsObject<Output>(
        _ retries: MaximumRetryAttempts?, _ age: MaximumEventAge?, _ destinations: DestinationConfig?,
        _ output: (borrowing Writer) -> Output
    ) -> Output {
        Writer.write { writer in
            writer.settings(retries, age, destinations, first: true)
            writer.byte(0x7D)
            return output(writer)
        }
    }

    /// A record as the service writes it, or `nil` when its timestamp needs `JSONEncoder`'s number formatting.
    package static func encode(_ record: EventInvokeConfigRecord) -> Data? {
        Writer.write { writer in writer.record(record) ? writer.data() : nil }
    }

    /// A list page as the service writes it, or `nil` as for a record.
    package static func encode(_ page: EventInvokeConfigPage) -> Data? {
        Writer.write { writer in
            writer.text(#"{"FunctionEventInvokeConfigs":["#)
            for (index, record) in page.records.enumerated() {
                if index > 0 { writer.byte(0x2C) }
                guard writer.record(record) else { return nil }
            }
            writer.byte(0x5D)
            if let marker = page.nextMarker {
                writer.text(#","NextMarker":"#)
                writer.string(marker)
            }
            writer.byte(0x7D)
            return writer.data()
        }
    }

    /// Writes JSON into raw memory: a scratch buffer on the stack that holds a record with two destinations, moved
    /// to the heap (doubling) only when a list page outgrows it. The output is copied out once, as `Data` or an
    /// array; there is no array growing underneath every append.
    private struct Writer: ~Copyable {
        private var base: UnsafeMutableRawPointer
        private var capacity: Int
        private(set) var count = 0
        /// The heap buffer once the writer has grown out of its scratch (owned; freed on deinit).
        private var heap: UnsafeMutableRawPointer?

        static let scratchSize = 512

        /// Runs `body` with a writer over stack scratch.
        static func write<R>(_ body: (inout Writer) -> R) -> R {
            withUnsafeTemporaryAllocation(byteCount: scratchSize, alignment: 8) { scratch in
                var writer = Writer(scratch: scratch)
                return body(&writer)
            }
        }

        private init(scratch: UnsafeMutableRawBufferPointer) {
            if let start = scratch.baseAddress {
                base = start
                capacity = scratch.count
            } else {
                let allocated = UnsafeMutableRawPointer.allocate(byteCount: Writer.scratchSize, alignment: 8)
                base = allocated
                capacity = Writer.scratchSize
                heap = allocated
            }
        }

        deinit { heap?.deallocate() }

        /// The bytes written so far.
        var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

        func data() -> Data { Data(bytes: base, count: count) }

        func array() -> [UInt8] { Array(written) }

        @inline(__always)
        private mutating func reserve(_ extra: Int) {
            if count &+ extra > capacity { grow(to: count &+ extra) }
        }

        private mutating func grow(to needed: Int) {
            let newCapacity = Swift.max(capacity * 2, needed)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
            grown.copyMemory(from: base, byteCount: count)
            heap?.deallocate()
            heap = grown
            base = grown
            capacity = newCapacity
        }

        mutating func byte(_ value: UInt8) {
            reserve(1)
            base.storeBytes(of: value, toByteOffset: count, as: UInt8.self)
            count &+= 1
        }

        mutating func append(_ bytes: UnsafeRawBufferPointer) {
            guard let source = bytes.baseAddress, bytes.count > 0 else { return }
            reserve(bytes.count)
            (base + count).copyMemory(from: source, byteCount: bytes.count)
            count &+= bytes.count
        }

        mutating func text(_ value: StaticString) {
            append(UnsafeRawBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
        }

        /// A validated name, digits or the like: nothing to escape.
        mutating func plain(_ value: String) {
            withUTF8Bytes(value) { append($0) }
        }

        /// Decimal digits, with a minus sign when negative.
        mutating func integer(_ value: Int) {
            if value < 0 { byte(0x2D) }
            var magnitude = value.magnitude
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &digits) { buffer in
                var start = buffer.count
                repeat {
                    start -= 1
                    buffer[start] = UInt8(truncatingIfNeeded: 0x30 &+ magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                append(UnsafeRawBufferPointer(rebasing: buffer[start...]))
            }
        }

        /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, everything else as is.
        mutating func string(_ value: String) {
            byte(0x22)
            // Most strings (ARNs, markers) need no escape: appended in one move.
            let plain = withUTF8Bytes(value) { text in
                for byte in text where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
                append(text)
                return true
            }
            if plain {
                byte(0x22)
                return
            }
            for byte in value.utf8 {
                switch byte {
                case 0x22, 0x5C:
                    self.byte(0x5C)
                    self.byte(byte)
                case 0..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    text("\\u00")
                    self.byte(hex.utf8Start[Int(byte >> 4)])
                    self.byte(hex.utf8Start[Int(byte & 0x0F)])
                default:
                    self.byte(byte)
                }
            }
            byte(0x22)
        }

        /// Writes `{` (when `first`) or `,` and then the settings that are set; the caller closes the object.
        mutating func settings(
            _ retries: MaximumRetryAttempts?, _ age: MaximumEventAge?, _ destinations: DestinationConfig?,
            first: Bool
        ) {
            var separator: UInt8 = first ? 0x7B : 0x2C
            if let retries {
                byte(separator)
                separator = 0x2C
                text(#""MaximumRetryAttempts":"#)
                integer(retries.value)
            }
            if let age {
                byte(separator)
                separator = 0x2C
                text(#""MaximumEventAgeInSeconds":"#)
                integer(age.seconds)
            }
            if let destinations {
                byte(separator)
                separator = 0x2C
                text(#""DestinationConfig":{"#)
                if let onSuccess = destinations.onSuccess {
                    text(#""OnSuccess":{"Destination":"#)
                    string(onSuccess.description)
                    byte(0x7D)
                }
                if let onFailure = destinations.onFailure {
                    if destinations.onSuccess != nil { byte(0x2C) }
                    text(#""OnFailure":{"Destination":"#)
                    string(onFailure.description)
                    byte(0x7D)
                }
                byte(0x7D)
            }
            if separator == 0x7B { byte(0x7B) }
        }

        /// Writes a record object, `LastModified` in seconds with millisecond precision as the service writes
        /// it; `false` when the timestamp is outside plain decimal notation.
        mutating func record(_ record: EventInvokeConfigRecord) -> Bool {
            let milliseconds = (record.lastModified.timeIntervalSince1970 * 1000).rounded()
            text(#"{"FunctionArn":""#)
            functionARN(record.functionARN)
            text(#"","LastModified":"#)
            // Below 10^15 ms (except -0) the integer digits are what `Double.description` writes.
            if milliseconds.magnitude < 1e15, milliseconds != 0 || milliseconds.sign == .plus {
                decimalMilliseconds(Int64(milliseconds))
            } else {
                guard secondsByDescription(milliseconds) else { return false }
            }
            let config = record.config
            settings(config.maximumRetryAttempts, config.maximumEventAge, config.destinationConfig, first: false)
            byte(0x7D)
            return true
        }

        /// A function reference as its text, written part by part instead of rendering its description first: the
        /// parts are validated names and digits, with nothing to escape.
        mutating func functionARN(_ reference: FunctionReference) {
            switch reference.form {
            case .name: break
            case .partialARN(let account):
                plain(account.digits)
                text(":function:")
            case .arn(let partition, let region, let account):
                text("arn:")
                plain(partition.name)
                text(":lambda:")
                plain(region.name)
                byte(0x3A)
                plain(account.digits)
                text(":function:")
            }
            plain(reference.name)
            if let qualifier = reference.qualifier {
                byte(0x3A)
                plain(qualifier.rawValue)
            }
        }

        /// `seconds.fff` with trailing zeros (and a bare point) dropped: what `Double.description` writes for a
        /// whole number of milliseconds below 10^15 divided by 1000 (and the `.0` of a whole second removed),
        /// without formatting a `Double`.
        mutating func decimalMilliseconds(_ milliseconds: Int64) {
            if milliseconds < 0 { byte(0x2D) }
            let magnitude = milliseconds.magnitude
            var whole = magnitude / 1000
            var fraction = Int(magnitude % 1000)
            var digits: (UInt64, UInt64) = (0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[15 - count] = UInt8(truncatingIfNeeded: 0x30 + whole % 10)
                    whole /= 10
                    count += 1
                } while whole > 0
                append(UnsafeRawBufferPointer(rebasing: buffer[(16 - count)...]))
            }
            guard fraction > 0 else { return }
            byte(0x2E)
            var scale = 100
            while fraction > 0 {
                byte(UInt8(truncatingIfNeeded: 0x30 + fraction / scale))
                fraction %= scale
                scale /= 10
            }
        }

        /// The general path: `Double.description` of the seconds (`.0` of a whole second dropped); `false` when
        /// it is not plain decimal notation (not finite, or an exponent).
        mutating func secondsByDescription(_ milliseconds: Double) -> Bool {
            let seconds = milliseconds / 1000
            var number = seconds.description
            guard seconds.isFinite, !number.utf8.contains(UInt8(ascii: "e")) else { return false }
            if number.hasSuffix(".0") { number.removeLast(2) }
            plain(number)
            return true
        }
    }
}
