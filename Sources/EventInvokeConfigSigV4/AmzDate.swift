#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `X-Amz-Date` form of a time: `yyyyMMdd'T'HHmmss'Z'` in UTC, written without Foundation formatters.
enum AmzDate {
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
        appendDigits(year, count: 4, to: &buffer)
        appendDigits(month, count: 2, to: &buffer)
        appendDigits(day, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, count: 2, to: &buffer)
        appendDigits(secondOfDay / 60 % 60, count: 2, to: &buffer)
        appendDigits(secondOfDay % 60, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// The date as a string.
    static func string(_ date: Date) -> String {
        ByteWriter.string(capacity: 16) { buffer in
            append(date, to: &buffer)
            precondition(buffer.count == 16, "an AMZ date is 16 bytes")
        }
    }

    private static func appendDigits(_ value: Int64, count: Int, to buffer: inout ByteWriter) {
        buffer.appendUnsafe(maxCount: count) { out in
            var rest = value
            for index in stride(from: count - 1, through: 0, by: -1) {
                out[index] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
            }
            return count
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
