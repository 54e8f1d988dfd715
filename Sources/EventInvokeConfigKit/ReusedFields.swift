import EventInvokeConfigSigV4
import Foundation
import HTTPTypes
import Synchronization

/// The `x-amz-security-token` field of the session token used last, kept so that the next request with the same
/// token reuses it.
///
/// An `HTTPField` checks every byte of its value when it is made; real session tokens (STS, IAM roles for EC2,
/// ECS and Lambda) are about a kilobyte, so making the field afresh cost more than a warm signature. Credentials
/// change rarely (on rotation); a token that differs from the last one simply replaces it.
final class SecurityTokenField: Sendable {
    private let last = Mutex<HTTPField?>(nil)

    /// The field carrying `token`.
    func field(for token: String) -> HTTPField {
        last.withLock { last in
            if let field = last, field.value == token { return field }
            let field = HTTPField(name: .amzSecurityToken, value: token)
            last = field
            return field
        }
    }
}

/// The `x-amz-date` field of the second signed last, kept so that every request signed within the same second
/// reuses it.
///
/// Its 16-byte value is one byte too long for an inline string, so making it afresh costs an allocation, the
/// formatting and `HTTPField`'s byte-by-byte check (about 100 ns a request). The key is the signing time rounded
/// down to the second, as the signer formats it; the value always comes from the signature itself.
final class AmzDateField: Sendable {
    private let last = Mutex<(second: Int64, field: HTTPField)?>(nil)

    /// The field carrying `signature`'s date.
    func field(for signature: SigV4HeaderSignature) -> HTTPField {
        let second = Int64(signature.date.timeIntervalSince1970.rounded(.down))
        return last.withLock { last in
            if let last, last.second == second { return last.field }
            let field = HTTPField(name: .amzDate, value: signature.amzDate)
            last = (second, field)
            return field
        }
    }
}
