import EventInvokeConfigCore
import Foundation
import PropertyBased
import Testing

/// Each wire format has one parser and one formatter; what one writes the other reads back, and both agree with
/// Foundation's calendar.
@Suite("Timestamps: one parser and one formatter per wire format")
struct TimestampTests {
    /// The UTC calendar fields of a date, by Foundation, to check ours against.
    static func fields(_ seconds: Int) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second, .weekday], from: Date(timeIntervalSince1970: Double(seconds))
        )
    }

    static func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }

    @Test("HTTP dates: known values, and malformed ones refused")
    func httpKnown() {
        #expect(Timestamp.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT")?.timeIntervalSince1970 == 784_111_777)
        #expect(Timestamp.parseHTTPDate("Sat, 28 Nov 2026 12:00:00 GMT")?.timeIntervalSince1970 == 1_795_867_200)
        #expect(Timestamp.parseHTTPDate("Sun, 6 Nov 1994 08:49:37 GMT")?.timeIntervalSince1970 == 784_111_777)
        #expect(Timestamp.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 UTC") == nil)
        #expect(Timestamp.parseHTTPDate("Sun, 06 Noo 1994 08:49:37 GMT") == nil)
        #expect(Timestamp.parseHTTPDate("Sun, 32 Nov 1994 08:49:37 GMT") == nil)
        #expect(Timestamp.parseHTTPDate("") == nil)
        #expect(Timestamp.httpDate(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test("HTTP dates: the formatter writes what Foundation's calendar says, and the parser reads it back")
    func httpRoundTrip() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: -2_000_000_000...4_000_000_000)) { seconds in
            let text = Timestamp.httpDate(Date(timeIntervalSince1970: Double(seconds)))
            let parts = Self.fields(seconds)
            let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][(parts.weekday ?? 1) - 1]
            let expected =
                "\(weekday), \(Self.two(parts.day)) \(Timestamp.monthNames[(parts.month ?? 1) - 1]) "
                + "\(String(format: "%04d", parts.year ?? 0)) "
                + "\(Self.two(parts.hour)):\(Self.two(parts.minute)):\(Self.two(parts.second)) GMT"
            #expect(text == expected)
            #expect(Timestamp.parseHTTPDate(text)?.timeIntervalSince1970 == Double(seconds))
        }
    }

    @Test("X-Amz-Date: the formatter and the parser agree over the four-digit years")
    func amzDateRoundTrip() async {
        #expect(Timestamp.amzDate(Date(timeIntervalSince1970: 1_440_938_160)) == "20150830T123600Z")
        #expect(Timestamp.parseAmzDate("20150830T123600Z")?.timeIntervalSince1970 == 1_440_938_160)
        #expect(Timestamp.parseAmzDate("20150830T123600") == nil)
        #expect(Timestamp.parseAmzDate("20151330T123600Z") == nil)
        await propertyCheck(count: 2_000, input: Gen.int(in: -62_135_596_800...253_402_300_799)) { seconds in
            let text = Timestamp.amzDate(Date(timeIntervalSince1970: Double(seconds)))
            #expect(text.utf8.count == 16)
            #expect(Timestamp.parseAmzDate(text)?.timeIntervalSince1970 == Double(seconds))
        }
    }

    @Test("ISO-8601: Lambda's and the AWS CLI's styles, read back by the one parser")
    func iso8601() async {
        let date = Date(timeIntervalSince1970: 1_577_824_406.719)
        #expect(Timestamp.iso8601(date, style: .lambda) == "2019-12-31T20:33:26.719+0000")
        #expect(Timestamp.iso8601(date, style: .awsCLI) == "2019-12-31T20:33:26.719000+00:00")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 0), style: .awsCLI) == "1970-01-01T00:00:00+00:00")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: -0.5), style: .lambda) == "1969-12-31T23:59:59.500+0000")
        await propertyCheck(count: 2_000, input: Gen.int(in: -30_000_000_000_000...99_000_000_000_000)) { millis in
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            for style in [Timestamp.ISO8601Style.lambda, .awsCLI] {
                let text = Timestamp.iso8601(date, style: style)
                let read = Timestamp.parseISO8601(text)?.timeIntervalSince1970
                #expect(read.map { abs($0 - date.timeIntervalSince1970) < 1e-3 } == true, "\(text)")
            }
        }
    }

    @Test("durations convert with clamping, never trapping")
    func durations() {
        #expect(Duration.seconds(clamping: 1.5) == .milliseconds(1500))
        #expect(Duration.seconds(clamping: -2) == .seconds(-2))
        #expect(Duration.seconds(clamping: .nan) == .zero)
        #expect(Duration.seconds(clamping: .infinity) == .nanoseconds(Int64(9.2e18)))
        #expect(Duration.seconds(clamping: 1e300) == .nanoseconds(Int64(9.2e18)))
        #expect(Duration.milliseconds(1500).inSeconds == 1.5)
        #expect(Duration.seconds(Int64.max).nanosecondsClamped == .max)
        #expect(Duration.seconds(Int64.min).nanosecondsClamped == .min)
        #expect(Duration.milliseconds(2500).millisecondsClamped == 2500)
    }

    @Test("one trimmer and one name-character class")
    func ascii() {
        #expect(ASCII.trimmed(" \t a b \r\n") == "a b")
        #expect(ASCII.trimmed("   ").isEmpty)
        #expect("Az09-_".utf8.allSatisfy(ASCII.isNameByte))
        #expect(!".:/ é".utf8.contains(where: ASCII.isNameByte))
    }
}
