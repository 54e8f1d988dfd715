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
        guard headers[.age] == nil, let value = headers[.date],
            let serverTime = HTTPDate.parse(value)
        else { return nil }
        let roundTrip = receive.timeIntervalSince(send)
        guard roundTrip >= 0, roundTrip <= ClockSkew.trustedRoundTrip else { return nil }
        let midpoint = send.timeIntervalSince1970 + roundTrip / 2
        let learnt = (serverTime - midpoint).rounded()
        seconds = learnt
        return learnt
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
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
            (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: monthIndex + 1, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second)
    }
}
