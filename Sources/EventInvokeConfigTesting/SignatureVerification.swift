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
        guard let credentials = keys[parsed.accessKeyID] else {
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
        guard parsed.signedHeaders.contains("host"), parsed.signedHeaders.contains("x-amz-date"),
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
        var token: String?
        for name in parsed.signedHeaders {
            if name == "host" {
                headers.append(("host", request.head.authority ?? fields.value(named: "host") ?? ""))
                continue
            }
            let values = fields.filter { $0.name.canonicalName == name }.map(\.value)
            guard !values.isEmpty else {
                throw LambdaError.forbidden("InvalidSignatureException", "Signed header \(name) is missing.")
            }
            if name == "x-amz-security-token" { token = values[0] }
            for value in values { headers.append((name, value)) }
        }
        let (path, query) = splitRequestTarget((request.head.path ?? "/")[...])
        let signer = SigV4Signer(
            region: region.name, service: "lambda",
            options: SigV4Options(signPayloadHashHeader: parsed.signedHeaders.contains("x-amz-content-sha256")),
            keyCache: verificationKeys)
        let expected = try? signer.sign(
            SigV4Request(
                method: request.head.method.rawValue, path: String(path), query: String(query), headers: headers,
                payload: .bytes(Array(request.body))),
            credentials: Credentials(
                accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
                sessionToken: token ?? credentials.sessionToken),
            date: date)
        // The header as our signer writes it for what the request claims; equal means the same signature over
        // the same signed-header list (the request's own spacing does not matter, it was parsed).
        let claimed =
            "AWS4-HMAC-SHA256 Credential=\(parsed.accessKeyID)/\(parsed.date)/\(parsed.region)/\(parsed.service)"
            + "/aws4_request, SignedHeaders=\(parsed.signedHeaders.joined(separator: ";")), Signature=\(parsed.signature)"
        guard let expected, expected.authorization == claimed else {
            throw LambdaError.forbidden(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS "
                    + "Secret Access Key and signing method. Consult the service documentation for details.")
        }
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`.
    static func parseAmzDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            (bytes[0..<8] + bytes[9..<15]).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (month, day, hour, minute, second) = (
            number(4..<6), number(6..<8), number(9..<11), number(11..<13), number(13..<15)
        )
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = Timestamp.daysFromCivil(year: number(0..<4), month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }
}

/// The parts of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header.
struct ParsedAuthorization {
    var accessKeyID: String
    var date: String
    var region: String
    var service: String
    var signedHeaders: [String]
    var signature: String

    init?(_ header: String) {
        let prefix = "AWS4-HMAC-SHA256 "
        guard header.utf8.starts(with: prefix.utf8) else { return nil }
        var credential: Substring?
        var signed: Substring?
        var signature: Substring?
        let rest = header.utf8.dropFirst(prefix.utf8.count)
        for part in rest.split(separator: UInt8(ascii: ",")) {
            let trimmed = part.drop { $0 == UInt8(ascii: " ") }
            guard let equals = trimmed.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = Substring(trimmed[..<equals])
            let value = Substring(trimmed[trimmed.index(after: equals)...])
            switch key {
            case "Credential": credential = value
            case "SignedHeaders": signed = value
            case "Signature": signature = value
            default: break
            }
        }
        guard let credential, let signed, let signature else { return nil }
        // Split on bytes: Substring's Character-wise split costs more than the signature check itself.
        let scope = credential.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        guard scope.count == 5, scope[4] == "aws4_request" else { return nil }
        accessKeyID = scope[0]
        date = scope[1]
        region = scope[2]
        service = scope[3]
        signedHeaders = signed.utf8.split(separator: UInt8(ascii: ";")).map { String(Substring($0)) }
        self.signature = String(signature)
    }
}
