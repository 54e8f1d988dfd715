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
    /// The SHA-256 implementation (see ``SHA256Engine``); tests set it to compare the two.
    package var sha256Engine: SHA256Engine = .preferred

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
    /// - Throws: ``SigV4Error`` for a request without `host`, a malformed precomputed payload hash, or a date
    ///   outside the years 0001–9999 (``SigV4Error/Code/invalidDate``).
    public func sign(
        _ request: SigV4Request, credentials: Credentials, date: Date
    ) throws(SigV4Error)
        -> SigV4HeaderSignature
    {
        let work = try compute(request, credentials: credentials, date: date, mode: .header, details: false)
        return SigV4HeaderSignature(
            authorization: work.output, date: date,
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
        return SigV4PresignedRequest(path: request.path, query: work.output)
    }

    /// Every intermediate of a signature, for debugging and conformance tests: canonical request, string to sign,
    /// signature, and the signed header list.
    public func details(
        _ request: SigV4Request, credentials: Credentials, date: Date, presignExpiry: Int? = nil
    ) throws(SigV4Error) -> SigV4Details {
        let mode: Mode = presignExpiry.map { .query($0) } ?? .header
        let work = try compute(request, credentials: credentials, date: date, mode: mode, details: true)
        let parts = work.intermediates ?? Intermediates()
        return SigV4Details(
            canonicalRequest: parts.canonicalRequest, stringToSign: parts.stringToSign, signature: parts.signature,
            signedHeaders: parts.signedHeaders, authorization: presignExpiry == nil ? work.output : nil,
            signedQuery: presignExpiry == nil ? nil : work.output, amzDate: AmzDate.string(date),
            payloadHash: work.payloadHash ?? "", tokenIsSigned: work.tokenIsSigned)
    }

    enum Mode {
        case header
        case query(Int)
    }

    /// What one computation produced. The common (header-mode) result is one string and two flags; the
    /// intermediates only `details` asks for live in ``Intermediates``, so returning a `Work` copies little.
    struct Work {
        /// The Authorization value (header mode) or the signed query (query mode).
        var output = ""
        var tokenIsSigned = false
        var payloadHash: String?
        var intermediates: Intermediates?
    }

    struct Intermediates {
        var signature = ""
        var canonicalRequest = ""
        var stringToSign = ""
        var signedHeaders = ""
    }

    // The buffer holds, in order: the date (16 bytes), the payload hash, the signed headers' names and values
    // (scratch), the signed-header list, the canonical request, the string to sign, and the Authorization value
    // or the signed query. Each part is hashed or copied out by range.
    //
    // Both the buffer and the header entries start on the stack; a large request moves the buffer to the heap.
    private func compute(
        _ request: SigV4Request, credentials: Credentials, date: Date, mode: Mode, details: Bool
    ) throws(SigV4Error) -> Work {
        try withUnsafeTemporaryAllocation(byteCount: 1024, alignment: 16) { storage throws(SigV4Error) in
            try withUnsafeTemporaryAllocation(of: CanonicalRequest.Entry.self, capacity: request.headers.count + 3) {
                entries throws(SigV4Error) in
                var buffer = ByteWriter(borrowing: storage)
                defer { buffer.deallocate() }
                return try compute(
                    request, credentials: credentials, date: date, mode: mode, details: details, buffer: &buffer,
                    entryStorage: entries)
            }
        }
    }

    private func compute(
        _ request: SigV4Request, credentials: Credentials, date: Date, mode: Mode, details: Bool,
        buffer: inout ByteWriter, entryStorage: UnsafeMutableBufferPointer<CanonicalRequest.Entry>
    ) throws(SigV4Error) -> Work {
        var work = Work()
        guard AmzDate.expressibleSeconds.contains(date.timeIntervalSince1970) else {
            throw SigV4Error(
                code: .invalidDate,
                message: "signing date \(date.timeIntervalSince1970) s since 1970 is outside 0001-01-01...9999-12-31, "
                    + "the years X-Amz-Date can express")
        }
        AmzDate.append(date, to: &buffer)
        let dateRange = 0..<16
        let dateStamp = DateStamp(buffer.base)

        let hashStart = buffer.count
        switch request.payload {
        case .bytes(let bytes) where bytes.isEmpty:
            // Every GET and DELETE: the hash of nothing is a constant.
            buffer.append(SigV4Signer.emptyPayloadHash)
        case .bytes(let bytes):
            bytes.withUnsafeBytes { body in
                sha256Engine.hash(body).withUnsafeBytes { PercentEncoding.appendHex($0, to: &buffer) }
            }
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
        let hasToken = credentials.sessionToken != nil
        let signToken = hasToken && !options.omitSessionTokenFromSignature
        var entryCount = 0
        var hasHost = false
        let headers = request.headers
        for order in headers.indices {
            let nameStart = buffer.count
            withUTF8Bytes(headers[order].name) { CanonicalRequest.appendLowercased($0, to: &buffer) }
            let nameEnd = buffer.count
            let skip: Bool
            switch CanonicalRequest.classify(buffer.bytes(nameStart..<nameEnd)) {
            case .neverSigned: skip = true
            case .amzDate: skip = isHeaderMode
            case .securityToken: skip = hasToken
            case .contentSHA256: skip = isHeaderMode && options.signPayloadHashHeader
            case .host:
                hasHost = true
                skip = false
            case .other: skip = false
            }
            if skip {
                buffer.truncate(to: nameStart)
                continue
            }
            withUTF8Bytes(headers[order].value) { CanonicalRequest.appendTrimmedValue($0, to: &buffer) }
            entryStorage[entryCount] = CanonicalRequest.Entry(
                nameStart: nameStart, nameEnd: nameEnd, valueStart: nameEnd, valueEnd: buffer.count, order: order)
            entryCount += 1
        }
        guard hasHost else {
            throw SigV4Error(code: .missingHost, message: "the request has no host header; SigV4 must sign it")
        }
        if isHeaderMode {
            appendSignerHeader("x-amz-date", value: dateRange, order: Int.max - 2)
            if signToken, let token = credentials.sessionToken {
                let valueStart = buffer.count
                withUTF8Bytes(token) { CanonicalRequest.appendTrimmedValue($0, to: &buffer) }
                appendSignerHeader("x-amz-security-token", value: valueStart..<buffer.count, order: Int.max - 1)
                work.tokenIsSigned = true
            }
            if options.signPayloadHashHeader {
                appendSignerHeader("x-amz-content-sha256", value: hashRange, order: Int.max)
            }
        }
        func appendSignerHeader(_ name: StaticString, value: Range<Int>, order: Int) {
            let nameStart = buffer.count
            buffer.append(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            entryStorage[entryCount] = CanonicalRequest.Entry(
                nameStart: nameStart, nameEnd: buffer.count, valueStart: value.lowerBound,
                valueEnd: value.upperBound, order: order)
            entryCount += 1
        }
        let entries = UnsafeMutableBufferPointer(rebasing: entryStorage[0..<entryCount])
        CanonicalRequest.sort(entries, in: buffer)
        let signedHeadersRange = CanonicalRequest.appendSignedHeaders(entries, to: &buffer)

        // Canonical request.
        let canonicalStart = buffer.count
        buffer.append(request.method)
        buffer.append(0x0A)
        var queryRange = 0..<0
        if isHeaderMode, let canonical = request.canonicalTarget, canonical.doubleURIEncode == options.doubleURIEncode,
            canonical.normalizePath == options.normalizePath, request.matches(canonical)
        {
            // Computed earlier from this very target with these options.
            canonical.bytes.withUnsafeBytes { buffer.append($0) }
        } else {
            var extraQuery: [(String, String)] = []
            if case .query(let expires) = mode {
                guard (1...604_800).contains(expires) else {
                    throw SigV4Error(code: .invalidExpiry, message: "expiry \(expires) s is outside 1...604800")
                }
                extraQuery = presignParameters(
                    credentials: credentials, dateStamp: buffer.string(0..<8), amzDate: buffer.string(dateRange),
                    expires: expires,
                    signedHeaders: buffer.string(signedHeadersRange), signToken: signToken)
                work.tokenIsSigned = signToken
            }
            queryRange = appendCanonicalPathAndQuery(of: request, extra: extraQuery, to: &buffer)
        }
        buffer.append(0x0A)
        CanonicalRequest.appendHeaderLines(entries, to: &buffer)
        buffer.append(0x0A)
        buffer.appendCopy(of: signedHeadersRange)
        buffer.append(0x0A)
        buffer.appendCopy(of: hashRange)
        let canonicalRange = canonicalStart..<buffer.count

        // String to sign.
        let canonicalDigest = sha256Engine.hash(UnsafeRawBufferPointer(buffer.bytes(canonicalRange)))
        let stringStart = buffer.count
        buffer.append(SigV4Signer.algorithm)
        buffer.append(0x0A)
        buffer.appendCopy(of: dateRange)
        buffer.append(0x0A)
        let scopeStart = buffer.count
        buffer.appendCopy(of: 0..<8)
        appendScopeTail(to: &buffer)
        let scopeRange = scopeStart..<buffer.count
        buffer.append(0x0A)
        canonicalDigest.withUnsafeBytes { PercentEncoding.appendHex($0, to: &buffer) }
        let stringRange = stringStart..<buffer.count

        // Signature.
        let code: Digest32
        let stringToSign = UnsafeRawBufferPointer(buffer.bytes(stringRange))
        if let keyCache {
            code = keyCache.entry(
                secret: credentials.secretAccessKey, date: dateStamp, region: region, service: service,
                engine: sha256Engine
            ).hmac.authenticate(stringToSign)
        } else {
            code = SigningKeyCache.signOnce(
                stringToSign, secret: credentials.secretAccessKey, date: dateStamp, region: region, service: service,
                engine: sha256Engine)
        }
        var signatureRange = 0..<0
        switch mode {
        case .header:
            // Written straight into the string's storage: the one allocation the result needs.
            let length =
                28 + credentials.accessKeyID.utf8.count + 1 + scopeRange.count + 16 + signedHeadersRange.count + 12
                + 2 * Digest32.byteCount
            work.output = ByteWriter.string(capacity: length) { writer in
                writer.append("AWS4-HMAC-SHA256 Credential=")
                writer.append(credentials.accessKeyID)
                writer.append(0x2F)
                writer.append(buffer.bytes(scopeRange))
                writer.append(", SignedHeaders=")
                writer.append(buffer.bytes(signedHeadersRange))
                writer.append(", Signature=")
                code.withUnsafeBytes { PercentEncoding.appendHex($0, to: &writer) }
                precondition(writer.count == length, "authorization length mismatch")
            }
        case .query:
            let signatureStart = buffer.count
            code.withUnsafeBytes { PercentEncoding.appendHex($0, to: &buffer) }
            signatureRange = signatureStart..<buffer.count
            let start = buffer.count
            buffer.appendCopy(of: queryRange)
            // A signed token is already in the canonical query; an omitted one is appended unsigned.
            if options.omitSessionTokenFromSignature, let token = credentials.sessionToken {
                buffer.append("&X-Amz-Security-Token=")
                PercentEncoding.appendEncoded(token, to: &buffer)
            }
            buffer.append("&X-Amz-Signature=")
            buffer.appendCopy(of: signatureRange)
            work.output = buffer.string(start..<buffer.count)
        }
        if details || options.signPayloadHashHeader {
            work.payloadHash = buffer.string(hashRange)
        }
        if details {
            var parts = Intermediates(
                canonicalRequest: buffer.string(canonicalRange), stringToSign: buffer.string(stringRange),
                signedHeaders: buffer.string(signedHeadersRange))
            parts.signature =
                signatureRange.isEmpty ? String(work.output.utf8.suffix(64)) ?? "" : buffer.string(signatureRange)
            work.intermediates = parts
        }
        return work
    }

    /// SHA-256 of the empty payload, in hex (checked against swift-crypto by a test).
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private func appendScope(dateStamp: String, to buffer: inout ByteWriter) {
        buffer.append(dateStamp)
        appendScopeTail(to: &buffer)
    }

    /// `/region/service/aws4_request`, what follows the date in the credential scope.
    private func appendScopeTail(to buffer: inout ByteWriter) {
        buffer.append(0x2F)
        buffer.append(region)
        buffer.append(0x2F)
        buffer.append(service)
        buffer.append("/aws4_request")
    }

    private func presignParameters(
        credentials: Credentials, dateStamp: String, amzDate: String, expires: Int, signedHeaders: String,
        signToken: Bool
    ) -> [(String, String)] {
        var scratch = ByteWriter(capacity: 256)
        defer { scratch.deallocate() }
        scratch.append(credentials.accessKeyID)
        scratch.append(0x2F)
        appendScope(dateStamp: dateStamp, to: &scratch)
        var parameters: [(String, String)] = [
            ("X-Amz-Algorithm", SigV4Signer.algorithm),
            ("X-Amz-Credential", PercentEncoding.encoded(scratch.string(0..<scratch.count))),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", PercentEncoding.encoded(signedHeaders)),
        ]
        if signToken, let token = credentials.sessionToken {
            parameters.append(("X-Amz-Security-Token", PercentEncoding.encoded(token)))
        }
        return parameters
    }
}
