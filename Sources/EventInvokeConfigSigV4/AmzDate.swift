#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `X-Amz-Date` form of a time: `yyyyMMdd'T'HHmmss'Z'` in UTC, written without Foundation formatters.
enum AmzDate {
    /// Seconds since 1970 from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: the four-digit years of the format
    /// (NaN and infinities are outside too). The signer refuses other dates with a typed error.
    static let expressibleSeconds: ClosedRange<Double> = -62_135_596_800...253_402_300_799.999

    /// Appends the 16 bytes of the date to `buffer`.
    static func append(_ date: Date, to buffer: inout ByteWriter) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        buffer.appendUnsafe(maxCount: 16) { out in
            // Two digits per table load. The signer admits only `expressibleSeconds`; the clamp keeps every table
            // index in range whatever a caller passes.
            let clampedYear = Swift.min(Swift.max(year, 0), 9999)
            let target = UnsafeMutableRawPointer(out)
            writePair(clampedYear / 100, to: target, at: 0)
            writePair(clampedYear % 100, to: target, at: 2)
            writePair(month, to: target, at: 4)
            writePair(day, to: target, at: 6)
            out[8] = UInt8(ascii: "T")
            writePair(secondOfDay / 3600, to: target, at: 9)
            writePair(secondOfDay / 60 % 60, to: target, at: 11)
            writePair(secondOfDay % 60, to: target, at: 13)
            out[15] = UInt8(ascii: "Z")
            return 16
        }
    }

    /// `00 01 … 99`: the two ASCII digits of every value below 100, in order.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Writes the two digits of `value` (0...99) at `offset`.
    @inline(__always)
    private static func writePair(_ value: Int64, to target: UnsafeMutableRawPointer, at offset: Int) {
        let pair = UnsafeRawPointer(digitPairs.utf8Start).loadUnaligned(
            fromByteOffset: Int(truncatingIfNeeded: value) &* 2, as: UInt16.self)
        target.storeBytes(of: pair, toByteOffset: offset, as: UInt16.self)
    }

    /// The date as a string.
    static func string(_ date: Date) -> String {
        ByteWriter.string(capacity: 16) { buffer in
            append(date, to: &buffer)
            precondition(buffer.count == 16, "an AMZ date is 16 bytes")
        }
    }

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
