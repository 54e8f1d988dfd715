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

    /// Updates the skew from a response; returns the new value, or `nil` when the response cannot be trusted.
    @discardableResult
    func observe(send: Date, receive: Date, headers: HTTPFields) -> Double? {
        guard let value = ClockSkew.dateValue(headers),
            let serverTime = Timestamp.parseHTTPDate(value)?.timeIntervalSince1970
        else { return nil }
        let roundTrip = receive.timeIntervalSince(send)
        guard roundTrip >= 0, roundTrip <= ClockSkew.trustedRoundTrip else { return nil }
        let midpoint = send.timeIntervalSince1970 + roundTrip / 2
        let learnt = (serverTime - midpoint).rounded()
        seconds = learnt
        return learnt
    }

    /// The value of the response's one `Date` field, or `nil` when it has none, more than one, or an `Age` field (a
    /// cached response does not tell the service's time).
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
}
