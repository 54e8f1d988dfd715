#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif

/// The package's one parser and one formatter for each date format on the wire: ISO-8601 (`LastModified`,
/// credential expirations, the AWS CLI's output), HTTP dates (`Date`), and `X-Amz-Date`. All of them share one
/// calendar conversion and one set of field bounds.
package enum Timestamp {
    // MARK: ISO-8601

    /// Parses an ISO-8601 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction, optional `Z`, `±HH:MM` or `±HHMM`
    /// (no zone means UTC). A space may stand for `T`. Returns `nil` for anything else.
    package static func parseISO8601(_ text: String) -> Date? {
        var text = text
        return text.withUTF8(parseISO8601)
    }

    private static func parseISO8601(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count, let value = decimal(bytes, index..<index + digits) else { return nil }
            index += digits
            return value
        }
        func expect(_ characters: UInt8...) -> Bool {
            guard index < bytes.count, characters.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
            expect(0x54, 0x20, 0x74), let hour = number(2), expect(0x3A), let minute = number(2), expect(0x3A),
            let second = number(2)
        else { return nil }
        guard
            let clockSeconds = epochSeconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x2C {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            if bytes[index] == 0x5A || bytes[index] == 0x7A {
                index += 1
            } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
                let sign = bytes[index] == 0x2D ? -1 : 1
                index += 1
                guard let hours = number(2) else { return nil }
                _ = expect(0x3A)
                guard let minutes = number(2), hours < 24, minutes < 60 else { return nil }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard index == bytes.count else { return nil }
        let seconds = Double(clockSeconds - offsetSeconds) + fraction
        guard isPlausible(seconds) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// How ``iso8601(_:style:)`` writes the fraction and the zone.
    package enum ISO8601Style: Sendable {
        /// Lambda's `FunctionConfiguration.LastModified`: `2024-01-31T12:00:00.000+0000` (milliseconds, always).
        case lambda
        /// Python's `isoformat()` in UTC, as the AWS CLI prints timestamps: `2019-12-31T20:33:26.719000+00:00`,
        /// without the fraction when it is zero.
        case awsCLI
    }

    /// Formats a date in UTC as ISO-8601 in one of the styles the package writes.
    package static func iso8601(_ date: Date, style: ISO8601Style) -> String {
        let digits = style == .lambda ? 3 : 6
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let units = Int64((date.timeIntervalSince1970 * Double(scale)).rounded())
        let seconds = units >= 0 ? units / scale : (units - scale + 1) / scale
        let fraction = units - seconds * scale
        let parts = civil(seconds: seconds)
        var text = padded(parts.year, 4) + "-" + padded(parts.month, 2) + "-" + padded(parts.day, 2) + "T"
        text += padded(parts.hour, 2) + ":" + padded(parts.minute, 2) + ":" + padded(parts.second, 2)
        switch style {
        case .lambda: return text + "." + padded(fraction, digits) + "+0000"
        case .awsCLI: return text + (fraction == 0 ? "" : "." + padded(fraction, digits)) + "+00:00"
        }
    }

    /// Whether epoch seconds are a plausible `LastModified` (finite, within about 3,000 years of 1970; larger
    /// numbers are usually milliseconds sent as seconds). Every form is held to the same range, so whatever is
    /// read can be written as epoch seconds and read back.
    package static func isPlausible(_ seconds: Double) -> Bool {
        seconds.isFinite && abs(seconds) < 1e11
    }

    // MARK: HTTP dates

    /// The English three-letter month names, as HTTP dates write them.
    package static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    private static let weekdayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday

    /// Parses an HTTP date in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`): six space-separated parts,
    /// weekday, day, month, year, time and `GMT` (a one-digit day is read too); `nil` for anything else.
    package static func parseHTTPDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = monthNames.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
            let seconds = epochSeconds(
                year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Formats a date as an IMF-fixdate, as AWS services write `Date`: `Sun, 06 Nov 1994 08:49:37 GMT`.
    package static func httpDate(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let parts = civil(seconds: seconds)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let weekday = weekdayNames[Int(((days % 7) + 7) % 7)]
        return "\(weekday), " + padded(parts.day, 2) + " " + monthNames[Int(parts.month) - 1] + " "
            + padded(parts.year, 4) + " " + padded(parts.hour, 2) + ":" + padded(parts.minute, 2) + ":"
            + padded(parts.second, 2) + " GMT"
    }

    // MARK: X-Amz-Date

    /// Seconds since 1970 from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: the four-digit years `X-Amz-Date` can
    /// write (NaN and infinities are outside too).
    package static let amzDateRange: ClosedRange<Double> = -62_135_596_800...253_402_300_799.999

    /// Formats a date as `X-Amz-Date` writes it, `yyyyMMdd'T'HHmmss'Z'` in UTC; the caller has checked it against
    /// ``amzDateRange``.
    package static func amzDate(_ date: Date) -> String {
        let parts = civil(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
        return padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2) + "T" + padded(parts.hour, 2)
            + padded(parts.minute, 2) + padded(parts.second, 2) + "Z"
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`; `nil` for anything else.
    package static func parseAmzDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
                let year = decimal(bytes, 0..<4), let month = decimal(bytes, 4..<6), let day = decimal(bytes, 6..<8),
                let hour = decimal(bytes, 9..<11), let minute = decimal(bytes, 11..<13),
                let second = decimal(bytes, 13..<15),
                let seconds = epochSeconds(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            else { return nil }
            return Date(timeIntervalSince1970: Double(seconds))
        }
    }

    // MARK: The calendar every format shares

    /// The value of the ASCII decimal digits `bytes[range]`, or `nil` when any byte is not a digit.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Seconds since 1970 of a UTC date and time read from text, or `nil` when a field is out of range (month 1–12,
    /// day 1–31, hour below 24, minute below 60, second below 61: a leap second is let through). Every parser holds
    /// its fields to these bounds.
    package static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The UTC calendar fields of whole seconds since 1970 (the inverse of ``epochSeconds``).
    private static func civil(
        seconds: Int64
    ) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (
            yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day, secondOfDay / 3600, secondOfDay / 60 % 60,
            secondOfDay % 60
        )
    }

    /// A non-negative number in decimal, zero-padded to `width` digits.
    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
