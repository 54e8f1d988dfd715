public import EventInvokeConfigCore

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The result of signing in header mode: the headers to add to the request.
///
/// Its textual forms never show the session token.
public struct SigV4HeaderSignature: Sendable, RedactedDescription {
    /// The `Authorization` header value.
    public let authorization: String
    /// The signing time.
    public let date: Date
    /// The `x-amz-security-token` header value to send, when the credentials carry a token.
    public let securityToken: String?
    /// The `x-amz-content-sha256` header value, when that option is on.
    public let contentSHA256: String?

    /// The 64 hex digits of the signature.
    public var signature: Substring { authorization.suffix(64) }

    /// The `x-amz-date` header value, `yyyyMMdd'T'HHmmss'Z'`.
    public var amzDate: String { Timestamp.amzDate(date) }

    /// All headers to set on the request, in the order they should be added.
    public var headers: [(name: String, value: String)] {
        var result: [(String, String)] = [("x-amz-date", amzDate)]
        if let securityToken { result.append(("x-amz-security-token", securityToken)) }
        if let contentSHA256 { result.append(("x-amz-content-sha256", contentSHA256)) }
        result.append(("authorization", authorization))
        return result
    }

    /// The Authorization value (its access key ID masked) and date; the token is redacted.
    public var description: String {
        "SigV4HeaderSignature(authorization: \(Redaction.maskingCredentialScopes(authorization)), x-amz-date: \(amzDate)"
            + (securityToken == nil ? "" : ", x-amz-security-token: \(Redaction.placeholder)") + ")"
    }

}

/// A presigned request: the path and the query that carries the signature.
public struct SigV4PresignedRequest: Sendable, RedactedDescription {
    /// The path as given.
    public let path: String
    /// The full query, including `X-Amz-Signature`.
    public let query: String

    /// `path?query`.
    public var target: String { path + "?" + query }

    /// The URL for a scheme and host, e.g. `https`, `lambda.us-east-1.amazonaws.com`.
    public func url(scheme: String = "https", host: String) -> String { "\(scheme)://\(host)\(target)" }

    /// The target with any security token redacted and the access key ID masked.
    public var description: String {
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            parameter.hasPrefix("X-Amz-Security-Token=") ? "X-Amz-Security-Token=\(Redaction.placeholder)" : parameter
        }
        return Redaction.maskingCredentialScopes(path + "?" + parameters.joined(separator: "&"))
    }

}

/// Every intermediate of one signature (see ``SigV4Signer/details(_:credentials:date:presignExpiry:)``).
public struct SigV4Details: Sendable {
    /// The canonical request.
    public let canonicalRequest: String
    /// The string to sign.
    public let stringToSign: String
    /// The hex signature.
    public let signature: String
    /// The `;`-joined signed header names.
    public let signedHeaders: String
    /// The Authorization header value (header mode).
    public let authorization: String?
    /// The signed query (query mode).
    public let signedQuery: String?
    /// The `X-Amz-Date` value.
    public let amzDate: String
    /// The payload hash used.
    public let payloadHash: String
    /// Whether the session token is covered by the signature.
    public let tokenIsSigned: Bool
}
