import Crypto

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
/// Derived signing keys are cached in a ``SigningKeyCache`` (the process-wide ``SigningKeyCache/shared`` unless
/// you pass another, or `nil` to derive every time).
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
        region: String, service: String, options: SigV4Options = .default, keyCache: SigningKeyCache? = .shared
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
    /// - Throws: ``SigV4Error`` for a request without `host` or a malformed precomputed payload hash.
    public func sign(
        _ request: SigV4Request, credentials: Credentials, date: Date
    ) throws(SigV4Error)
        -> SigV4HeaderSignature
    {
        let work = try compute(request, credentials: credentials, date: date, mode: .header, details: false)
        return SigV4HeaderSignature(
            authorization: work.authorization, date: date,
            securityToken: work.tokenIsSigned || options.omitSessionTokenFromSignature
                ? credentials.sessionToken : nil,
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
        let work = try compute(request, credentials: credentials, date: date, mode: .query(expires), details: false)
        return SigV4PresignedRequest(path: request.path, query: work.signedQuery)
    }

    /// Every intermediate of a signature, for debugging and conformance tests: canonical request, string to sign,
    /// signature, and the signed header list.
    public func details(
        _ request: SigV4Request, credentials: Credentials, date: Date, presignExpiry: Int? = nil
    ) throws(SigV4Error) -> SigV4Details {
        let mode: Mode = presignExpiry.map { .query($0) } ?? .header
        let work = try compute(request, credentials: credentials, date: date, mode: mode, details: true)
        return SigV4Details(
            canonicalRequest: work.canonicalRequest, stringToSign: work.stringToSign, signature: work.signature,
            signedHeaders: work.signedHeaders, authorization: presignExpiry == nil ? work.authorization : nil,
            signedQuery: presignExpiry == nil ? nil : work.signedQuery, amzDate: AmzDate.string(date),
            payloadHash: work.payloadHash, tokenIsSigned: work.tokenIsSigned)
    }

    enum Mode {
        case header
        case query(Int)
    }

    struct Work {
        var authorization = ""
        var signature = ""
        var payloadHash = ""
        var canonicalRequest = ""
        var stringToSign = ""
        var signedHeaders = ""
        var signedQuery = ""
        var tokenIsSigned = false
    }

    // The buffer holds, in order: the date (16 bytes), the payload hash, the canonical request, the string to
    // sign, and the Authorization value or the signed query. Each is hashed or copied out by range.
    private func compute(
        _ request: SigV4Request, credentials: Credentials, date: Date, mode: Mode, details: Bool
    ) throws(SigV4Error) -> Work {
        var work = Work()
        var buffer = ByteWriter(
            capacity: 1024 + request.headers.count * 64 + request.query.utf8.count * 3 + request.path.utf8.count * 3)
        defer { buffer.deallocate() }
        AmzDate.append(date, to: &buffer)
        let dateRange = 0..<16
        let dateStamp = buffer.string(0..<8)

        let hashStart = buffer.count
        switch request.payload {
        case .bytes(let bytes):
            let digest = bytes.withUnsafeBytes { SHA256.hash(data: $0) }
            digest.withUnsafeBytes { PercentEncoding.appendHex($0, to: &buffer) }
        case .precomputedSHA256(let hash):
            guard hash.utf8.count == 64, hash.utf8.allSatisfy(PercentEncoding.isLowerHex) else {
                throw SigV4Error(
                    code: .invalidPayloadHash, message: "payload hash \"\(hash)\" is not 64 lower-case hex digits")
            }
            buffer.append(hash)
        case .unsigned:
            buffer.append("UNSIGNED-PAYLOAD")
        }
        let hashRange = hashStart..<buffer.count

        // Headers: the request's, minus those never signed and those the signer sets itself.
        let isHeaderMode: Bool
        if case .header = mode { isHeaderMode = true } else { isHeaderMode = false }
        let signToken = credentials.sessionToken != nil && !options.omitSessionTokenFromSignature
        var headers: [CanonicalRequest.Header] = []
        headers.reserveCapacity(request.headers.count + 3)
        var hasHost = false
        let hasToken = credentials.sessionToken != nil
        for (order, header) in request.headers.enumerated() {
            switch CanonicalRequest.classify(header.name) {
            case .neverSigned: continue
            case .amzDate where isHeaderMode: continue
            case .securityToken where hasToken: continue
            case .contentSHA256 where isHeaderMode && options.signPayloadHashHeader: continue
            case .host: hasHost = true
            default: break
            }
            headers.append(.init(name: header.name, value: .text(header.value), order: order))
        }
        guard hasHost else {
            throw SigV4Error(code: .missingHost, message: "the request has no host header; SigV4 must sign it")
        }
        if isHeaderMode {
            headers.append(.init(name: "x-amz-date", value: .buffer(dateRange), order: Int.max - 2))
            if signToken, let token = credentials.sessionToken {
                headers.append(.init(name: "x-amz-security-token", value: .text(token), order: Int.max - 1))
                work.tokenIsSigned = true
            }
            if options.signPayloadHashHeader {
                headers.append(.init(name: "x-amz-content-sha256", value: .buffer(hashRange), order: Int.max))
            }
        }
        CanonicalRequest.sort(&headers)

        // Canonical request.
        let canonicalStart = buffer.count
        buffer.append(request.method)
        buffer.append(0x0A)
        CanonicalRequest.appendPath(
            request.path, normalize: options.normalizePath, doubleEncode: options.doubleURIEncode, to: &buffer)
        buffer.append(0x0A)
        var extraQuery: [(String, String)] = []
        if case .query(let expires) = mode {
            guard (1...604_800).contains(expires) else {
                throw SigV4Error(code: .invalidExpiry, message: "expiry \(expires) s is outside 1...604800")
            }
            extraQuery = presignParameters(
                credentials: credentials, dateStamp: dateStamp, amzDate: buffer.string(dateRange), expires: expires,
                headers: headers, signToken: signToken)
            work.tokenIsSigned = signToken
        }
        let queryStart = buffer.count
        CanonicalRequest.appendQuery(request.query, extra: extraQuery, to: &buffer)
        let queryRange = queryStart..<buffer.count
        buffer.append(0x0A)
        let signedHeadersRange = CanonicalRequest.appendHeaders(headers, to: &buffer)
        buffer.append(0x0A)
        buffer.appendCopy(of: hashRange)
        let canonicalRange = canonicalStart..<buffer.count

        // String to sign.
        let canonicalDigest = SHA256.hash(data: UnsafeRawBufferPointer(buffer.bytes(canonicalRange)))
        let stringStart = buffer.count
        buffer.append(SigV4Signer.algorithm)
        buffer.append(0x0A)
        buffer.appendCopy(of: dateRange)
        buffer.append(0x0A)
        let scopeStart = buffer.count
        appendScope(dateStamp: dateStamp, to: &buffer)
        let scopeRange = scopeStart..<buffer.count
        buffer.append(0x0A)
        canonicalDigest.withUnsafeBytes { PercentEncoding.appendHex($0, to: &buffer) }
        let stringRange = stringStart..<buffer.count

        // Signature.
        var mac =
            keyCache?.keyedHMAC(
                secret: credentials.secretAccessKey, date: dateStamp, region: region, service: service)
            ?? SigningKeyCache.derive(
                secret: credentials.secretAccessKey, date: dateStamp, region: region, service: service)
        mac.update(data: UnsafeRawBufferPointer(buffer.bytes(stringRange)))
        let signatureStart = buffer.count
        mac.finalize().withUnsafeBytes { PercentEncoding.appendHex($0, to: &buffer) }
        let signatureRange = signatureStart..<buffer.count

        switch mode {
        case .header:
            let start = buffer.count
            buffer.append("AWS4-HMAC-SHA256 Credential=")
            buffer.append(credentials.accessKeyID)
            buffer.append(0x2F)
            buffer.appendCopy(of: scopeRange)
            buffer.append(", SignedHeaders=")
            buffer.appendCopy(of: signedHeadersRange)
            buffer.append(", Signature=")
            buffer.appendCopy(of: signatureRange)
            work.authorization = buffer.string(start..<buffer.count)
        case .query:
            let start = buffer.count
            buffer.appendCopy(of: queryRange)
            // A signed token is already in the canonical query; an omitted one is appended unsigned.
            if options.omitSessionTokenFromSignature, let token = credentials.sessionToken {
                buffer.append("&X-Amz-Security-Token=")
                PercentEncoding.appendEncoded(token, to: &buffer)
            }
            buffer.append("&X-Amz-Signature=")
            buffer.appendCopy(of: signatureRange)
            work.signedQuery = buffer.string(start..<buffer.count)
        }
        if details || options.signPayloadHashHeader {
            work.payloadHash = buffer.string(hashRange)
        }
        if details {
            work.canonicalRequest = buffer.string(canonicalRange)
            work.stringToSign = buffer.string(stringRange)
            work.signature = buffer.string(signatureRange)
            work.signedHeaders = buffer.string(signedHeadersRange)
        }
        return work
    }

    private func appendScope(dateStamp: String, to buffer: inout ByteWriter) {
        buffer.append(dateStamp)
        buffer.append(0x2F)
        buffer.append(region)
        buffer.append(0x2F)
        buffer.append(service)
        buffer.append("/aws4_request")
    }

    private func presignParameters(
        credentials: Credentials, dateStamp: String, amzDate: String, expires: Int,
        headers: [CanonicalRequest.Header], signToken: Bool
    ) -> [(String, String)] {
        var scratch = ByteWriter(capacity: 256)
        defer { scratch.deallocate() }
        scratch.append(credentials.accessKeyID)
        scratch.append(0x2F)
        appendScope(dateStamp: dateStamp, to: &scratch)
        let credential = PercentEncoding.encoded(scratch.string(0..<scratch.count))
        let listRange = CanonicalRequest.appendHeaders(headers, to: &scratch)
        var parameters: [(String, String)] = [
            ("X-Amz-Algorithm", SigV4Signer.algorithm),
            ("X-Amz-Credential", credential),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", PercentEncoding.encoded(scratch.string(listRange))),
        ]
        if signToken, let token = credentials.sessionToken {
            parameters.append(("X-Amz-Security-Token", PercentEncoding.encoded(token)))
        }
        return parameters
    }
}
