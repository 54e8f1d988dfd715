#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif

/// Parses the timestamp forms Lambda and its emulators send for `LastModified`.
package enum Timestamp {
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

    /// Whether epoch seconds are a plausible `LastModified` (finite, within about 3,000 years of 1970; larger
    /// numbers are usually milliseconds sent as seconds). Every form is held to the same range, so whatever is
    /// read can be written as epoch seconds and read back (a fuzzing find: ISO-8601 text had no bound).
    package static func isPlausible(_ seconds: Double) -> Bool {
        seconds.isFinite && abs(seconds) < 1e11
    }

    /// The value of the ASCII decimal digits `bytes[range]` (the fixed-width fields of the date parsers), or `nil`
    /// when any byte is not a digit. Shared by every date parser of the package (ISO-8601, HTTP dates,
    /// `X-Amz-Date`).
    package static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Seconds since 1970 of a UTC date and time read from text, or `nil` when a field is out of range (month 1–12,
    /// day 1–31, hour below 24, minute below 60, second below 61: a leap second is let through). Every date parser
    /// of the package (ISO-8601, HTTP dates, `X-Amz-Date`) holds its fields to these same bounds.
    package static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
