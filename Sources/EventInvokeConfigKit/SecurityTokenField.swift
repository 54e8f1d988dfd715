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
