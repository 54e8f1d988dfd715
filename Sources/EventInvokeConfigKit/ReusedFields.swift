import EventInvokeConfigSigV4
import Foundation
import HTTPTypes
import Synchronization

/// A header field kept with the key it was made for, so that the next request with the same key reuses it: an
/// `HTTPField` checks every byte of its value when it is made, not when it is copied. A different key replaces it.
final class ReusedField<Key: Equatable & Sendable>: Sendable {
    private let last = Mutex<(key: Key, field: HTTPField)?>(nil)

    /// The field for `key`: the kept one, or `make()`'s, which is then kept.
    func field(for key: Key, make: () -> HTTPField) -> HTTPField {
        last.withLock { last in
            if let last, last.key == key { return last.field }
            let field = make()
            last = (key, field)
            return field
        }
    }
}

extension ReusedField<String> {
    /// The `x-amz-security-token` field of `token`. Real session tokens (STS, IAM roles for EC2, ECS and Lambda) are
    /// about a kilobyte, so making the field afresh cost more than a warm signature; credentials change rarely (on
    /// rotation).
    func securityTokenField(_ token: String) -> HTTPField {
        field(for: token) { HTTPField(name: .amzSecurityToken, value: token) }
    }
}

extension ReusedField<Int64> {
    /// The `x-amz-date` field of `signature`, reused by every request signed within the same second. Its 16-byte
    /// value is one byte too long for an inline string, so making it afresh costs an allocation, the formatting and
    /// the byte check (about 100 ns a request). The key is the signing time rounded down to the second, as the
    /// signer formats it; the value always comes from the signature itself.
    func amzDateField(_ signature: SigV4HeaderSignature) -> HTTPField {
        field(for: Int64(signature.date.timeIntervalSince1970.rounded(.down))) {
            HTTPField(name: .amzDate, value: signature.amzDate)
        }
    }
}
