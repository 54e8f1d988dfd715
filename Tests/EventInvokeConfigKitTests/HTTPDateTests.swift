import Foundation
import PropertyBased
import Testing

@testable import EventInvokeConfigKit

/// The `Date` header is read on every response (clock-skew learning); the fixed-form fast path must agree with the
/// general parser on every input.
@Suite("HTTP Date header parsing")
struct HTTPDateTests {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Xyz", "M n"]
    static let mutations = Array(" 0123456789:,GMTAZJanFebDec+-")

    static func fixdate(_ seconds: Int, weekday: String) -> String {
        let date = Date(timeIntervalSince1970: Double(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(weekday), \(two(parts.day)) \(HTTPDate.months[(parts.month ?? 1) - 1]) "
            + "\(String(format: "%04d", parts.year ?? 0)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    @Test("known values")
    func known() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        var fixed = "Sun, 06 Nov 1994 08:49:37 GMT"
        #expect(fixed.withUTF8(HTTPDate.parseFixdate) == 784_111_777)  // read by the fast path itself
        #expect(HTTPDate.parse("Sat, 28 Nov 2026 12:00:00 GMT") == 1_795_867_200)
        #expect(HTTPDate.parse("Sun, 6 Nov 1994 08:49:37 GMT") == 784_111_777)  // general path
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 UTC") == nil)
        #expect(HTTPDate.parse("Sun, 06 Noo 1994 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 32 Nov 1994 08:49:37 GMT") == nil)
    }

    @Test("fast path and general parser agree on generated and mutated dates")
    func agreement() async {
        await propertyCheck(
            count: 3_000, input: Gen.int(in: -2_000_000_000...4_000_000_000), Gen.int(in: 0..<Self.weekdays.count),
            Gen.int(in: 0...29), Gen.int(in: 0..<Self.mutations.count)
        ) { seconds, weekday, position, replacement in
            var bytes = Array(Self.fixdate(seconds, weekday: Self.weekdays[weekday]).utf8)
            if position < bytes.count {
                bytes[position] = UInt8(ascii: Self.mutations[replacement].unicodeScalars.first ?? " ")
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let general = HTTPDate.parseGeneral(text)
            #expect(HTTPDate.parse(text) == general, "\(text)")
            if position >= bytes.count, weekday < 7 {
                #expect(general == Double(seconds), "\(text)")
            }
        }
    }
}
