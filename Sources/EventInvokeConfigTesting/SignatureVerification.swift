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
            let amzDate = fields.value(named: "x-amz-date"), let date = Timestamp.parseAmzDate(amzDate)
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
}

/// The parts of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header.
struct ParsedAuthorization {
    let accessKeyID: Substring
    let date: Substring
    let region: Substring
    let service: Substring
    let signedHeaders: [Substring]
    let signature: Substring

    init?(_ header: String) {
        let prefix = "AWS4-HMAC-SHA256 "
        guard header.hasPrefix(prefix) else { return nil }
        var parameters: [Substring: Substring] = [:]
        for part in header.dropFirst(prefix.count).split(separator: ",") {
            let part = part.drop { $0 == " " }
            guard !part.isEmpty else { continue }
            guard let equals = part.firstIndex(of: "=") else { return nil }
            parameters[part[..<equals]] = part[part.index(after: equals)...]
        }
        guard let credential = parameters["Credential"], let signed = parameters["SignedHeaders"],
            let signature = parameters["Signature"]
        else { return nil }
        // The credential scope: exactly five `/`-separated parts, the last `aws4_request`.
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 5, scope[4] == "aws4_request" else { return nil }
        accessKeyID = scope[0]
        date = scope[1]
        region = scope[2]
        service = scope[3]
        signedHeaders = signed.split(separator: ";")
        self.signature = signature
    }

    /// Whether `authorization` is exactly `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
    /// SignedHeaders=<a;b;…>, Signature=<signature>` with these parts.
    func matches(_ authorization: String) -> Bool {
        authorization == "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(date)/\(region)/\(service)/aws4_request, "
            + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
    }
}
