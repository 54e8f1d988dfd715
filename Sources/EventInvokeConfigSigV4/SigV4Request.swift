/// What the signer needs of an HTTP request: method, path and query exactly as they go on the wire, the headers
/// in order (duplicates allowed), and the payload.
///
/// The signer works on strings and bytes, not on URL types, so any request line can be signed — including the
/// raw spaces and UTF-8 of the official test suite. The `host` header must be present.
public struct SigV4Request: Sendable {
    /// How the payload is represented in the signature.
    public enum Payload: Sendable, Hashable {
        /// The body bytes; the signer hashes them with SHA-256.
        case bytes([UInt8])
        /// The hex SHA-256 of the body, computed by the caller (for streamed or pre-hashed bodies).
        case precomputedSHA256(String)
        /// `UNSIGNED-PAYLOAD`: the body is not covered by the signature (S3-style presigned URLs).
        case unsigned

        /// The empty body.
        public static let empty = Payload.bytes([])
    }

    /// The HTTP method, e.g. `PUT`.
    public var method: String
    /// The headers in the order they are sent; names in any case. Must include `host`.
    public var headers: [(name: String, value: String)]
    /// The payload.
    public var payload: Payload

    /// The path as sent on the wire, percent-encoded once, e.g.
    /// `/2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/event-invoke-config`.
    public var path: String
    /// The query as sent on the wire, without the `?`, e.g. `Qualifier=%24LATEST`; empty for none.
    public var query: String

    /// Creates a request from its path and query (without the `?`).
    public init(
        method: String, path: String, query: String = "", headers: [(name: String, value: String)],
        payload: Payload = .empty
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payload = payload
    }

    /// Creates a request from its request target as sent, `path` or `path?query` (split at the first `?`).
    public init(
        method: String, target: String, headers: [(name: String, value: String)], payload: Payload = .empty
    ) {
        // Split at the first `?` by UTF-8 bytes (`?` is ASCII, so no grapheme breaking is needed).
        let utf8 = target.utf8
        let question = utf8.firstIndex(of: UInt8(ascii: "?"))
        self.init(
            method: method, path: String(Substring(utf8[..<(question ?? utf8.endIndex)])),
            query: question.map { String(Substring(utf8[utf8.index(after: $0)...])) } ?? "", headers: headers,
            payload: payload)
    }
}

/// Choices that differ between services and callers. The defaults are right for Lambda.
public struct SigV4Options: Sendable, Hashable {
    /// Percent-encode the (already wire-encoded) path a second time in the canonical request. On for every service
    /// but S3.
    public var doubleURIEncode: Bool
    /// Remove `.` and `..` segments and repeated slashes from the path before signing. On for every service but S3.
    public var normalizePath: Bool
    /// Add and sign an `x-amz-content-sha256` header carrying the payload hash (header mode only).
    public var signPayloadHashHeader: Bool
    /// Leave the session token out of the signature and add it afterwards (a few services require this).
    public var omitSessionTokenFromSignature: Bool

    /// Creates options; the defaults suit Lambda.
    public init(
        doubleURIEncode: Bool = true, normalizePath: Bool = true, signPayloadHashHeader: Bool = false,
        omitSessionTokenFromSignature: Bool = false
    ) {
        self.doubleURIEncode = doubleURIEncode
        self.normalizePath = normalizePath
        self.signPayloadHashHeader = signPayloadHashHeader
        self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
    }

    /// The defaults: double encoding and normalisation on, no payload-hash header, token signed.
    public static let `default` = SigV4Options()
    /// S3-style signing: no double encoding, no normalisation, payload-hash header signed.
    public static let s3 = SigV4Options(doubleURIEncode: false, normalizePath: false, signPayloadHashHeader: true)
}

/// The error the signer throws for a request it cannot sign.
public struct SigV4Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong. Extensible.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The request has no `host` header.
        public static let missingHost = Code("missingHost")
        /// A precomputed payload hash is not 64 lower-case hex digits.
        public static let invalidPayloadHash = Code("invalidPayloadHash")
        /// Raw request text that cannot be parsed.
        public static let malformedRequest = Code("malformedRequest")
        /// The presign expiry is outside 1...604800 seconds.
        public static let invalidExpiry = Code("invalidExpiry")
        /// The signing date is not a time `X-Amz-Date` can express (years 0001–9999), or not a number.
        public static let invalidDate = Code("invalidDate")
        /// The credentials cannot be sent: a control character (CR, LF, …) in the key ID, the secret or the
        /// session token, which would corrupt or split the headers they go into.
        public static let invalidCredentials = Code("invalidCredentials")
        /// A part of the request or the scope cannot be signed as given: a method or header name that is not an
        /// HTTP token, or a control character in the host, region or service.
        public static let invalidField = Code("invalidField")
        /// The code's stable name.
        public var description: String { name }
    }

    /// What was wrong.
    public var code: Code
    /// A message naming the offending value.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { "SigV4Error(\(code)): \(message)" }
}
