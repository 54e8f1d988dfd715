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
            contentSHA256: options.signPayloadHashHeader ? work.payloadHash : nil)
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
        return SigV4Details(
            canonicalRequest: work.canonicalRequest, stringToSign: work.stringToSign, signature: work.signature,
            signedHeaders: work.signedHeaders, authorization: presignExpiry == nil ? work.output : nil,
            signedQuery: presignExpiry == nil ? nil : work.output, amzDate: work.amzDate,
            payloadHash: work.payloadHash, tokenIsSigned: work.tokenIsSigned)
    }

    enum Mode {
        case header
        case query(Int)
    }

    /// Every part of one signature.
    struct Work {
        var amzDate: String
        var payloadHash: String
        var signedHeaders: String
        var canonicalRequest: String
        var stringToSign: String
        var signature: String
        var tokenIsSigned: Bool
        /// The Authorization value (header mode) or the signed query (query mode).
        var output: String
    }

    private func compute(
        _ request: SigV4Request, credentials: Credentials, date: Date, mode: Mode
    ) throws(SigV4Error) -> Work {
        guard AmzDate.expressibleSeconds.contains(date.timeIntervalSince1970) else {
            throw SigV4Error(
                code: .invalidDate,
                message: "signing date \(date.timeIntervalSince1970) s since 1970 is outside 0001-01-01...9999-12-31, "
                    + "the years X-Amz-Date can express")
        }
        let amzDate = AmzDate.string(date)
        let dateStamp = String(amzDate.prefix(8))
        let scope = "\(dateStamp)/\(region)/\(service)/aws4_request"
        let payloadHash = try SigV4Signer.payloadHash(request.payload)
        let isHeaderMode: Bool
        if case .header = mode { isHeaderMode = true } else { isHeaderMode = false }
        let hasToken = credentials.sessionToken != nil
        let signToken = hasToken && !options.omitSessionTokenFromSignature

        // The request's headers, minus those never signed and those the signer sets itself.
        var headers: [(name: String, value: String)] = []
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
            headers.append((name, CanonicalRequest.trimmed(header.value)))
        }
        guard hasHost else {
            throw SigV4Error(code: .missingHost, message: "the request has no host header; SigV4 must sign it")
        }
        if isHeaderMode {
            headers.append(("x-amz-date", amzDate))
            if signToken, let token = credentials.sessionToken {
                headers.append(("x-amz-security-token", CanonicalRequest.trimmed(token)))
            }
            if options.signPayloadHashHeader { headers.append(("x-amz-content-sha256", payloadHash)) }
        }
        let canonicalHeaders = CanonicalRequest.merged(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")

        var presignParameters: [(String, String)] = []
        if case .query(let expires) = mode {
            guard (1...604_800).contains(expires) else {
                throw SigV4Error(code: .invalidExpiry, message: "expiry \(expires) s is outside 1...604800")
            }
            presignParameters = [
                ("X-Amz-Algorithm", SigV4Signer.algorithm),
                ("X-Amz-Credential", PercentEncoding.encoded(credentials.accessKeyID + "/" + scope)),
                ("X-Amz-Date", amzDate),
                ("X-Amz-Expires", String(expires)),
                ("X-Amz-SignedHeaders", PercentEncoding.encoded(signedHeaders)),
            ]
            if signToken, let token = credentials.sessionToken {
                presignParameters.append(("X-Amz-Security-Token", PercentEncoding.encoded(token)))
            }
        }
        let canonicalQuery = CanonicalRequest.query(request.query, extra: presignParameters)
        let canonicalRequest = [
            request.method,
            CanonicalRequest.path(
                request.path, normalize: options.normalizePath, doubleEncode: options.doubleURIEncode),
            canonicalQuery,
            canonicalHeaders.map { $0.name + ":" + $0.value + "\n" }.joined(),
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let stringToSign = [
            SigV4Signer.algorithm, amzDate, scope, Hashing.hex(Hashing.sha256(canonicalRequest.utf8)),
        ].joined(separator: "\n")

        let signingKey =
            keyCache?.signingKey(credentials, dateStamp: dateStamp, region: region, service: service)
            ?? HMACKey(
                SigningKeyCache.derive(
                    secret: credentials.secretAccessKey, dateStamp: dateStamp, region: region, service: service))
        let signature = Hashing.hex(signingKey.authenticate(stringToSign.utf8))

        let output: String
        if isHeaderMode {
            output =
                "\(SigV4Signer.algorithm) Credential=\(credentials.accessKeyID)/\(scope), "
                + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        } else {
            // A signed token is already in the canonical query; an omitted one is added unsigned.
            var query = canonicalQuery
            if !signToken, let token = credentials.sessionToken {
                query += "&X-Amz-Security-Token=" + PercentEncoding.encoded(token)
            }
            output = query + "&X-Amz-Signature=" + signature
        }
        return Work(
            amzDate: amzDate, payloadHash: payloadHash, signedHeaders: signedHeaders,
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            tokenIsSigned: signToken, output: output)
    }

    /// The payload's line of the canonical request: its hex SHA-256, or `UNSIGNED-PAYLOAD`.
    private static func payloadHash(_ payload: SigV4Request.Payload) throws(SigV4Error) -> String {
        switch payload {
        case .bytes(let bytes):
            return Hashing.hex(Hashing.sha256(bytes))
        case .precomputedSHA256(let hash):
            let isLowerHex = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) }
            guard hash.utf8.count == 64, hash.utf8.allSatisfy(isLowerHex) else {
                throw SigV4Error(
                    code: .invalidPayloadHash, message: "payload hash \"\(hash)\" is not 64 lower-case hex digits")
            }
            return hash
        case .unsigned:
            return "UNSIGNED-PAYLOAD"
        }
    }
}
