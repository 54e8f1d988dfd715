#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `X-Amz-Date` form of a time: `yyyyMMdd'T'HHmmss'Z'` in UTC.
enum AmzDate {
    /// Seconds since 1970 from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: the four-digit years of the format
    /// (NaN and infinities are outside too). The signer refuses other dates with a typed error.
    static let expressibleSeconds: ClosedRange<Double> = -62_135_596_800...253_402_300_799.999

    /// The 16 bytes of the date as `X-Amz-Date` writes it; the caller has checked it against
    /// ``expressibleSeconds``.
    static func bytes(_ date: Date) -> [UInt8] {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        var out: [UInt8] = []
        out.reserveCapacity(16)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        digits(month, 2)
        digits(day, 2)
        out.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        digits(secondOfDay / 60 % 60, 2)
        digits(secondOfDay % 60, 2)
        out.append(UInt8(ascii: "Z"))
        return out
    }

    /// The date as `X-Amz-Date` writes it.
    static func string(_ date: Date) -> String { String(decoding: bytes(date), as: UTF8.self) }

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
