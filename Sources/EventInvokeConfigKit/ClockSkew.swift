import EventInvokeConfigModel
import HTTPTypes
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Learns the difference between the service's clock and ours from `Date` headers, so that signatures carry the
/// service's time (the cross-SDK clock-skew correction rules).
///
/// The skew is `Date − (send + receive) / 2`. It is not learnt from cached responses (`Age`), from responses that
/// took longer than ``trustedRoundTrip`` or from responses without a `Date` header.
final class ClockSkew: Sendable {
    private let skew = Mutex<Double>(0)
    /// Responses slower than this are not trusted to tell the time.
    static let trustedRoundTrip: Double = 60
    /// A skew error is re-signed and retried only when the skew is larger than this.
    static let retryThreshold: Double = 240

    /// The current skew in seconds (service time minus client time).
    var seconds: Double {
        get { skew.withLock { $0 } }
        set { skew.withLock { $0 = newValue } }
    }

    /// The client time corrected by the skew.
    func corrected(_ clientTime: Date) -> Date { clientTime.addingTimeInterval(seconds) }

    /// Updates the skew from a response; returns the new value, or `nil` when the response cannot be trusted.
    @discardableResult
    func observe(send: Date, receive: Date, headers: HTTPFields) -> Double? {
        guard let value = ClockSkew.dateValue(headers), let serverTime = HTTPDate.parse(value) else { return nil }
        let roundTrip = receive.timeIntervalSince(send)
        guard roundTrip >= 0, roundTrip <= ClockSkew.trustedRoundTrip else { return nil }
        let midpoint = send.timeIntervalSince1970 + roundTrip / 2
        let learnt = (serverTime - midpoint).rounded()
        seconds = learnt
        return learnt
    }

    /// The value of the response's one `Date` field, or `nil` when it has none, more than one, or an `Age` field (a
    /// cached response does not tell the service's time). One pass over the fields: the name subscript of
    /// `HTTPFields` scans them twice and builds a joined copy of the value, for every response.
    static func dateValue(_ headers: HTTPFields) -> String? {
        var date: String?
        for field in headers {
            switch field.name {
            case .age: return nil
            case .date:
                if date != nil { return nil }
                date = field.value
            default: continue
            }
        }
        return date
    }

    /// Error types that say the request time was wrong.
    static let definiteSkewErrors: Set<String> = ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"]
    /// Error types that may be caused by a wrong request time.
    static let possibleSkewErrors: Set<String> = [
        "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure", "InvalidSignature",
    ]
}

/// Parses the IMF-fixdate form of HTTP dates: `Thu, 01 Jan 2026 00:05:01 GMT`.
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Epoch seconds, or `nil` when the text is not an IMF-fixdate.
    static func parse(_ text: String) -> Double? {
        // Servers send the fixed 29-byte form; read it in place. Anything else takes the general path.
        var text = text
        if let seconds = text.withUTF8(parseFixdate) { return seconds }
        return parseGeneral(text)
    }

    /// `Www, DD Mmm YYYY HH:MM:SS GMT` read from its bytes, or `nil` when the text is not exactly in that form (the
    /// general parser then decides, so both give the same answer on every input this one accepts).
    static func parseFixdate(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 0x20, bytes[7] == 0x20,
            bytes[11] == 0x20, bytes[16] == 0x20, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"),
            bytes[25] == 0x20, bytes[26] == UInt8(ascii: "G"), bytes[27] == UInt8(ascii: "M"),
            bytes[28] == UInt8(ascii: "T"), bytes[0] != 0x20, bytes[1] != 0x20, bytes[2] != 0x20
        else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? { Timestamp.decimal(bytes, start..<(start + count)) }
        guard let day = number(5, 2), let year = number(12, 4), let hour = number(17, 2), let minute = number(20, 2),
            let second = number(23, 2), let month = monthNumber(bytes[8], bytes[9], bytes[10]),
            let seconds = Timestamp.epochSeconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Double(seconds)
    }

    /// 1...12 for the English three-letter month names, as written in HTTP dates.
    private static func monthNumber(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int? {
        let key = UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
        for (index, name) in monthKeys.enumerated() where name == key { return index + 1 }
        return nil
    }

    private static let monthKeys: [UInt32] = months.map { name in
        name.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Any text of six space-separated parts: weekday, day, month, year, time, `GMT`.
    static func parseGeneral(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
            let seconds = Timestamp.epochSeconds(
                year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Double(seconds)
    }
}
