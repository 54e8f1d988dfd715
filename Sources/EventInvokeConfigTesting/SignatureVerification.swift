import EventInvokeConfigARN
import EventInvokeConfigModel
import EventInvokeConfigSigV4
import EventInvokeConfigTransport
import Foundation
import HTTPTypes

extension InMemoryLambda {
    /// Checks the SigV4 signature when verification is on, answering like Lambda: 403 with
    /// `MissingAuthenticationTokenException`, `IncompleteSignatureException`, `UnrecognizedClientException` or
    /// `InvalidSignatureException`.
    ///
    /// The signature is recomputed over the headers the request lists as signed, with the signer of this package
    /// (itself checked against the AWS test suite and botocore).
    func verifySignature(_ request: TransportRequest) throws {
        guard let keys = signingKeys else { return }
        let fields = request.head.headerFields
        guard let authorization = fields.value(named: "authorization") else {
            throw LambdaError.forbidden("MissingAuthenticationTokenException", "Missing Authentication Token")
        }
        guard let parsed = ParsedAuthorization(authorization) else {
            throw LambdaError.forbidden(
                "IncompleteSignatureException",
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.")
        }
        guard let credentials = keys[String(parsed.accessKeyID)] else {
            throw LambdaError.forbidden(
                "UnrecognizedClientException", "The security token included in the request is invalid.")
        }
        guard parsed.region == region.name else {
            throw LambdaError.forbidden(
                "InvalidSignatureException",
                "Credential should be scoped to a valid region, not '\(parsed.region)'.")
        }
        guard parsed.service == "lambda" else {
            throw LambdaError.forbidden(
                "InvalidSignatureException", "Credential should be scoped to correct service: 'lambda'.")
        }
        // The names as text once: the checks below and the header list read them.
        let signedHeaders = parsed.signedHeaders
        guard signedHeaders.contains("host"), signedHeaders.contains("x-amz-date"),
            let amzDate = fields.value(named: "x-amz-date"), let date = InMemoryLambda.parseAmzDate(amzDate)
        else {
            throw LambdaError.forbidden(
                "IncompleteSignatureException", "X-Amz-Date and Host must be present and signed.")
        }
        let now = clock()
        let skew = date.timeIntervalSince(now)
        if skew < -300 {
            throw LambdaError.forbidden(
                "InvalidSignatureException", "Signature expired: \(amzDate) is now earlier than the allowed 5 minutes.")
        }
        if skew > 300 {
            throw LambdaError.forbidden(
                "InvalidSignatureException",
                "Signature not yet current: \(amzDate) is later than the allowed 5 minutes.")
        }
        guard amzDate.hasPrefix(parsed.date) else {
            throw LambdaError.forbidden(
                "InvalidSignatureException",
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.")
        }
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(signedHeaders.count + 1)
        var token: String?
        for name in signedHeaders {
            if name == "host" {
                headers.append(("host", request.head.authority ?? fields.value(named: "host") ?? ""))
                continue
            }
            let before = headers.count
            for field in fields where field.name.canonicalName.utf8.elementsEqual(name.utf8) {
                headers.append((field.name.canonicalName, field.value))
            }
            guard headers.count > before else {
                throw LambdaError.forbidden("InvalidSignatureException", "Signed header \(name) is missing.")
            }
            if name == "x-amz-security-token" { token = headers[before].value }
        }
        let signer = SigV4Signer(
            region: region.name, service: "lambda",
            options: SigV4Options(signPayloadHashHeader: signedHeaders.contains("x-amz-content-sha256")),
            keyCache: verificationKeys)
        let expected = try? signer.sign(
            SigV4Request(
                method: request.head.method.rawValue, target: request.head.path ?? "/", headers: headers,
                payload: .bytes(Array(request.body))),
            credentials: Credentials(
                accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
                sessionToken: token ?? credentials.sessionToken),
            date: date)
        // Equal to the header our signer writes for what the request claims: the same signature over the same
        // signed-header list (the request's own spacing does not matter, it was parsed).
        guard let expected, parsed.matches(expected.authorization) else {
            throw LambdaError.forbidden(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS "
                    + "Secret Access Key and signing method. Consult the service documentation for details.")
        }
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`.
    static func parseAmzDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
                let year = Timestamp.decimal(bytes, 0..<4), let month = Timestamp.decimal(bytes, 4..<6),
                let day = Timestamp.decimal(bytes, 6..<8), let hour = Timestamp.decimal(bytes, 9..<11),
                let minute = Timestamp.decimal(bytes, 11..<13), let second = Timestamp.decimal(bytes, 13..<15),
                let seconds = Timestamp.epochSeconds(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            else { return nil }
            return Date(timeIntervalSince1970: Double(seconds))
        }
    }
}

/// The parts of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header, found on its bytes and
/// kept as offsets into it (the checks compare bytes; text is made only for messages and the key lookup).
struct ParsedAuthorization {
    private let header: String
    private let accessKeyIDRange: Range<Int>
    private let dateRange: Range<Int>
    private let regionRange: Range<Int>
    private let serviceRange: Range<Int>
    private let signatureRange: Range<Int>
    private let signedHeaderRanges: [Range<Int>]

    init?(_ header: String) {
        var header = header
        header.makeContiguousUTF8()
        typealias Parts = (
            accessKeyID: Range<Int>, date: Range<Int>, region: Range<Int>, service: Range<Int>, signed: [Range<Int>],
            signature: Range<Int>
        )
        let parsed = header.withUTF8 { bytes -> Parts? in
            let prefix: StaticString = "AWS4-HMAC-SHA256 "
            guard UnsafeRawBufferPointer(bytes).hasPrefix(prefix) else { return nil }
            var credential: Range<Int>?
            var signed: Range<Int>?
            var signature: Range<Int>?
            var start = prefix.utf8CodeUnitCount
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
                var partStart = start
                while partStart < end && bytes[partStart] == UInt8(ascii: " ") { partStart += 1 }
                if partStart < end {
                    guard let equals = bytes[partStart..<end].firstIndex(of: UInt8(ascii: "=")) else { return nil }
                    let key = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[partStart..<equals])
                    let value = (equals + 1)..<end
                    if key.equals("Credential") {
                        credential = value
                    } else if key.equals("SignedHeaders") {
                        signed = value
                    } else if key.equals("Signature") {
                        signature = value
                    }
                }
                start = end + 1
            }
            guard let credential, let signed, let signature else { return nil }
            // The credential scope: exactly five `/`-separated parts, the last `aws4_request`.
            var slashes = (0, 0, 0, 0)
            var slashCount = 0
            for index in credential where bytes[index] == UInt8(ascii: "/") {
                switch slashCount {
                case 0: slashes.0 = index
                case 1: slashes.1 = index
                case 2: slashes.2 = index
                case 3: slashes.3 = index
                default: return nil
                }
                slashCount += 1
            }
            guard slashCount == 4,
                UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[(slashes.3 + 1)..<credential.upperBound])
                    .equals("aws4_request")
            else { return nil }
            // The signed header names, empty ones skipped: one array, sized by counting the separators first.
            var names: [Range<Int>] = []
            names.reserveCapacity(1 + signed.reduce(0) { $0 + (bytes[$1] == UInt8(ascii: ";") ? 1 : 0) })
            var nameStart = signed.lowerBound
            for index in signed where bytes[index] == UInt8(ascii: ";") {
                if index > nameStart { names.append(nameStart..<index) }
                nameStart = index + 1
            }
            if signed.upperBound > nameStart { names.append(nameStart..<signed.upperBound) }
            return (
                credential.lowerBound..<slashes.0, (slashes.0 + 1)..<slashes.1, (slashes.1 + 1)..<slashes.2,
                (slashes.2 + 1)..<slashes.3, names, signature
            )
        }
        guard let parsed else { return nil }
        self.header = header
        accessKeyIDRange = parsed.accessKeyID
        dateRange = parsed.date
        regionRange = parsed.region
        serviceRange = parsed.service
        signedHeaderRanges = parsed.signed
        signatureRange = parsed.signature
    }

    private func text(_ range: Range<Int>) -> Substring {
        let utf8 = header.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return Substring(utf8[start..<utf8.index(start, offsetBy: range.count)])
    }

    var accessKeyID: Substring { text(accessKeyIDRange) }
    var date: Substring { text(dateRange) }
    var region: Substring { text(regionRange) }
    var service: Substring { text(serviceRange) }
    var signedHeaders: [Substring] { signedHeaderRanges.map(text) }

    /// Whether `authorization` is exactly `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
    /// SignedHeaders=<a;b;…>, Signature=<signature>` with these parts: compared byte by byte, without building it.
    func matches(_ authorization: String) -> Bool {
        var authorization = authorization
        var header = header
        return authorization.withUTF8 { expected in
            header.withUTF8 { own in
                var position = 0
                func take(_ range: Range<Int>) -> Bool {
                    let end = position + range.count
                    guard end <= expected.count, expected[position..<end].elementsEqual(own[range]) else {
                        return false
                    }
                    position = end
                    return true
                }
                func take(_ literal: StaticString) -> Bool {
                    guard
                        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(expected)[position...]).hasPrefix(
                            literal)
                    else { return false }
                    position += literal.utf8CodeUnitCount
                    return true
                }
                guard take("AWS4-HMAC-SHA256 Credential="), take(accessKeyIDRange), take("/"), take(dateRange),
                    take("/"), take(regionRange), take("/"), take(serviceRange), take("/aws4_request, SignedHeaders=")
                else { return false }
                for (index, name) in signedHeaderRanges.enumerated() {
                    guard index == 0 || take(";"), take(name) else { return false }
                }
                return take(", Signature=") && take(signatureRange) && position == expected.count
            }
        }
    }
}
