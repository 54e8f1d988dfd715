import EventInvokeConfigCore

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// An AWS Signature Version 4 signer: a pure function of the request, the credentials, the region and service,
/// and an injected date. It does no I/O and reads no clock.
///
/// ```swift
/// let signer = SigV4Signer(region: "us-east-1", service: "lambda")
/// let signature = try signer.sign(request, credentials: credentials, date: now)
/// for (name, value) in signature.headers { /* add to the outgoing request */ }
/// ```
///
/// Derived signing keys are cached in a ``SigningKeyCache``: each signer makes its own (its copies share it) unless
/// you pass one, or `nil` to derive the key for every signature.
public struct SigV4Signer: Sendable {
    /// The region in the credential scope, e.g. `us-east-1`.
    public var region: String
    /// The signing name of the service, e.g. `lambda`.
    public var service: String
    /// Encoding and header choices.
    public var options: SigV4Options
    /// Where derived keys are cached; `nil` derives the key for every signature.
    public var keyCache: SigningKeyCache?

    /// The algorithm name.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// Creates a signer.
    public init(
        region: String, service: String, options: SigV4Options = .default,
        keyCache: SigningKeyCache? = SigningKeyCache()
    ) {
        self.region = region
        self.service = service
        self.options = options
        self.keyCache = keyCache
    }

    /// Signs in Authorization-header mode.
    ///
    /// - Returns: the headers to add (`x-amz-date`, `x-amz-security-token` when the credentials have a token,
    ///   `x-amz-content-sha256` when ``SigV4Options/signPayloadHashHeader`` is on, and `authorization`).
    /// - Throws: ``SigV4Error`` for a request without `host`, a malformed precomputed payload hash, or a date
    ///   outside the years 0001–9999 (``SigV4Error/Code/invalidDate``).
    public func sign(
        _ request: SigV4Request, credentials: Credentials, date: Date
    ) throws(SigV4Error)
        -> SigV4HeaderSignature
    {
        let work = try compute(request, credentials: credentials, date: date, mode: .header)
        return SigV4HeaderSignature(
            authorization: work.output, date: date, securityToken: credentials.sessionToken,
            contentSHA256: options.signPayloadHashHeader ? String(decoding: work.payloadHash, as: UTF8.self) : nil)
    }

    /// Produces a presigned request (query mode): the `X-Amz-*` parameters and the signature go into the query.
    ///
    /// - Parameter expires: how long the URL stays valid, 1...604800 seconds.
    /// - Throws: ``SigV4Error`` as ``sign(_:credentials:date:)`` does, or for an expiry out of range.
    public func presign(
        _ request: SigV4Request, credentials: Credentials, date: Date, expires: Int
    )
        throws(SigV4Error) -> SigV4PresignedRequest
    {
        let work = try compute(request, credentials: credentials, date: date, mode: .query(expires))
        return SigV4PresignedRequest(path: request.path, query: work.output)
    }

    /// Every intermediate of a signature, for debugging and conformance tests: canonical request, string to sign,
    /// signature, and the signed header list.
    public func details(
        _ request: SigV4Request, credentials: Credentials, date: Date, presignExpiry: Int? = nil
    ) throws(SigV4Error) -> SigV4Details {
        let mode: Mode = presignExpiry.map { .query($0) } ?? .header
        let work = try compute(request, credentials: credentials, date: date, mode: mode)
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        return SigV4Details(
            canonicalRequest: text(work.canonicalRequest), stringToSign: text(work.stringToSign),
            signature: text(work.signature), signedHeaders: text(work.signedHeaders),
            authorization: presignExpiry == nil ? work.output : nil,
            signedQuery: presignExpiry == nil ? nil : work.output, amzDate: text(work.amzDate),
            payloadHash: text(work.payloadHash), tokenIsSigned: work.tokenIsSigned)
    }

    enum Mode {
        case header
        case query(Int)
    }

    /// Refuses what would make a signature for something other than what is sent, or headers that split: control
    /// characters in the credentials, the host, the region or the service, and a method or header name that is not
    /// an HTTP token. Messages say where, never what a secret holds.
    static func check(
        _ request: SigV4Request, credentials: Credentials, region: String, service: String
    ) throws(SigV4Error) {
        func controlCharacter(in text: String) -> (offset: Int, scalar: Unicode.Scalar)? {
            for (offset, scalar) in text.unicodeScalars.enumerated() where DisplayText.isControl(scalar) {
                return (offset, scalar)
            }
            return nil
        }
        func hex(_ scalar: Unicode.Scalar) -> String {
            let digits = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        for (what, value) in [
            ("access key ID", credentials.accessKeyID), ("secret access key", credentials.secretAccessKey),
            ("session token", credentials.sessionToken ?? ""),
        ] {
            if let (offset, scalar) = controlCharacter(in: value) {
                throw SigV4Error(
                    code: .invalidCredentials,
                    message: "the \(what) contains the control character \(hex(scalar)) at position \(offset + 1); "
                        + "credentials with control characters cannot be sent")
            }
        }
        for (what, value) in [("region", region), ("service", service)] {
            if value.isEmpty || controlCharacter(in: value) != nil || value.contains(" ") || value.contains("/") {
                throw SigV4Error(
                    code: .invalidField,
                    message:
                        "the \(what) \(DisplayText.quoted(value)) is not a credential-scope part (no spaces, slashes or "
                        + "control characters)")
            }
        }
        if !isToken(request.method) {
            throw SigV4Error(
                code: .invalidField, message: "the method \(DisplayText.quoted(request.method)) is not an HTTP token")
        }
        for header in request.headers {
            guard isToken(header.name) else {
                throw SigV4Error(
                    code: .invalidField,
                    message: "the header name \(DisplayText.quoted(header.name)) is not an HTTP token")
            }
            if header.name.lowercased() == "host", controlCharacter(in: header.value) != nil {
                throw SigV4Error(
                    code: .invalidField,
                    message: "the host \(DisplayText.quoted(header.value)) contains a control character")
            }
        }
    }

    /// RFC 9110 `token`: one or more of `!#$%&'*+-.^_`|~`, digits and letters.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
    }

    /// Every part of one signature.
    struct Work {
        var amzDate: [UInt8]
        var payloadHash: [UInt8]
        var signedHeaders: [UInt8]
        var canonicalRequest: [UInt8]
        var stringToSign: [UInt8]
        var signature: [UInt8]
        var tokenIsSigned: Bool
        /// The Authorization value (header mode) or the signed query (query mode).
        var output: String
    }

    // The canonical request, the string to sign and the output are written as bytes into arrays sized once.
    private func compute(
        _ request: SigV4Request, credentials: Credentials, date: Date, mode: Mode
    ) throws(SigV4Error) -> Work {
        try SigV4Signer.check(request, credentials: credentials, region: region, service: service)
        guard Timestamp.amzDateRange.contains(date.timeIntervalSince1970) else {
            throw SigV4Error(
                code: .invalidDate,
                message: "signing date \(date.timeIntervalSince1970) s since 1970 is outside 0001-01-01...9999-12-31, "
                    + "the years X-Amz-Date can express")
        }
        let amzDate = Array(Timestamp.amzDate(date).utf8)
        let dateStamp = Array(amzDate.prefix(8))
        var scope = dateStamp
        scope.append(UInt8(ascii: "/"))
        scope += region.utf8
        scope.append(UInt8(ascii: "/"))
        scope += service.utf8
        scope += "/aws4_request".utf8
        let payloadHash = try SigV4Signer.payloadHash(request.payload)
        let isHeaderMode: Bool
        if case .header = mode { isHeaderMode = true } else { isHeaderMode = false }
        let hasToken = credentials.sessionToken != nil
        let signToken = hasToken && !options.omitSessionTokenFromSignature

        // The request's headers, minus those never signed and those the signer sets itself.
        var headers: [CanonicalRequest.Header] = []
        headers.reserveCapacity(request.headers.count + 3)
        var hasHost = false
        for header in request.headers {
            let name = CanonicalRequest.lowercased(header.name)
            switch CanonicalRequest.classify(name) {
            case .neverSigned: continue
            case .amzDate where isHeaderMode: continue
            case .securityToken where hasToken: continue
            case .contentSHA256 where isHeaderMode && options.signPayloadHashHeader: continue
            case .host: hasHost = true
            default: break
            }
            headers.append(CanonicalRequest.Header(name: name, value: CanonicalRequest.trimmed(header.value)))
        }
        guard hasHost else {
            throw SigV4Error(code: .missingHost, message: "the request has no host header; SigV4 must sign it")
        }
        if isHeaderMode {
            headers.append(CanonicalRequest.Header(name: SigV4Signer.amzDateName, value: amzDate))
            if signToken, let token = credentials.sessionToken {
                headers.append(
                    CanonicalRequest.Header(
                        name: SigV4Signer.securityTokenName, value: CanonicalRequest.trimmed(token)))
            }
            if options.signPayloadHashHeader {
                headers.append(CanonicalRequest.Header(name: SigV4Signer.contentSHA256Name, value: payloadHash))
            }
        }
        let canonicalHeaders = CanonicalRequest.merged(headers)
        var signedHeaders: [UInt8] = []
        for (index, header) in canonicalHeaders.enumerated() {
            if index > 0 { signedHeaders.append(UInt8(ascii: ";")) }
            signedHeaders += header.name
        }

        var presignParameters: [(String, String)] = []
        if case .query(let expires) = mode {
            guard (1...604_800).contains(expires) else {
                throw SigV4Error(code: .invalidExpiry, message: "expiry \(expires) s is outside 1...604800")
            }
            presignParameters = [
                ("X-Amz-Algorithm", SigV4Signer.algorithm),
                (
                    "X-Amz-Credential",
                    PercentEncoding.encoded(credentials.accessKeyID + "/" + String(decoding: scope, as: UTF8.self))
                ),
                ("X-Amz-Date", String(decoding: amzDate, as: UTF8.self)),
                ("X-Amz-Expires", String(expires)),
                ("X-Amz-SignedHeaders", PercentEncoding.encoded(String(decoding: signedHeaders, as: UTF8.self))),
            ]
            if signToken, let token = credentials.sessionToken {
                presignParameters.append(("X-Amz-Security-Token", PercentEncoding.encoded(token)))
            }
        }

        let newline = UInt8(ascii: "\n")
        var canonicalRequest: [UInt8] = []
        canonicalRequest.reserveCapacity(
            512 + 3 * (request.path.utf8.count + request.query.utf8.count)
                + headers.reduce(0) { $0 + $1.name.count + $1.value.count + 2 })
        canonicalRequest += request.method.utf8
        canonicalRequest.append(newline)
        CanonicalRequest.appendPath(
            request.path, normalize: options.normalizePath, doubleEncode: options.doubleURIEncode, to: &canonicalRequest
        )
        canonicalRequest.append(newline)
        let queryStart = canonicalRequest.count
        CanonicalRequest.appendQuery(request.query, extra: presignParameters, to: &canonicalRequest)
        let canonicalQuery = canonicalRequest[queryStart...]
        canonicalRequest.append(newline)
        for header in canonicalHeaders {
            canonicalRequest += header.name
            canonicalRequest.append(UInt8(ascii: ":"))
            canonicalRequest += header.value
            canonicalRequest.append(newline)
        }
        canonicalRequest.append(newline)
        canonicalRequest += signedHeaders
        canonicalRequest.append(newline)
        canonicalRequest += payloadHash

        var stringToSign: [UInt8] = []
        stringToSign.reserveCapacity(128 + scope.count)
        stringToSign += SigV4Signer.algorithm.utf8
        stringToSign.append(newline)
        stringToSign += amzDate
        stringToSign.append(newline)
        stringToSign += scope
        stringToSign.append(newline)
        PercentEncoding.appendHex(Hashing.sha256(canonicalRequest), to: &stringToSign)

        let signingKey =
            keyCache?.signingKey(credentials, dateStamp: dateStamp, region: region, service: service)
            ?? HMACKey(
                SigningKeyCache.derive(
                    secret: credentials.secretAccessKey, dateStamp: dateStamp, region: region, service: service))
        var signature: [UInt8] = []
        signature.reserveCapacity(64)
        PercentEncoding.appendHex(signingKey.authenticate(stringToSign), to: &signature)

        var output: [UInt8] = []
        if isHeaderMode {
            output.reserveCapacity(128 + credentials.accessKeyID.utf8.count + scope.count + signedHeaders.count)
            output += "AWS4-HMAC-SHA256 Credential=".utf8
            output += credentials.accessKeyID.utf8
            output.append(UInt8(ascii: "/"))
            output += scope
            output += ", SignedHeaders=".utf8
            output += signedHeaders
            output += ", Signature=".utf8
            output += signature
        } else {
            // A signed token is already in the canonical query; an omitted one is added unsigned.
            output += canonicalQuery
            if !signToken, let token = credentials.sessionToken {
                output += "&X-Amz-Security-Token=".utf8
                PercentEncoding.append(token, to: &output)
            }
            output += "&X-Amz-Signature=".utf8
            output += signature
        }
        return Work(
            amzDate: amzDate, payloadHash: payloadHash, signedHeaders: signedHeaders,
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            tokenIsSigned: signToken, output: String(decoding: output, as: UTF8.self))
    }

    private static let amzDateName = Array("x-amz-date".utf8)
    private static let securityTokenName = Array("x-amz-security-token".utf8)
    private static let contentSHA256Name = Array("x-amz-content-sha256".utf8)

    /// The payload's line of the canonical request: its hex SHA-256, or `UNSIGNED-PAYLOAD`.
    private static func payloadHash(_ payload: SigV4Request.Payload) throws(SigV4Error) -> [UInt8] {
        switch payload {
        case .bytes(let bytes):
            var hash: [UInt8] = []
            hash.reserveCapacity(64)
            PercentEncoding.appendHex(Hashing.sha256(bytes), to: &hash)
            return hash
        case .precomputedSHA256(let hash):
            let isLowerHex = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) }
            guard hash.utf8.count == 64, hash.utf8.allSatisfy(isLowerHex) else {
                throw SigV4Error(
                    code: .invalidPayloadHash, message: "payload hash \"\(hash)\" is not 64 lower-case hex digits")
            }
            return Array(hash.utf8)
        case .unsigned:
            return Array("UNSIGNED-PAYLOAD".utf8)
        }
    }
}
