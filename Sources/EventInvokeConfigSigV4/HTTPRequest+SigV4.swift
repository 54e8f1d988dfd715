public import HTTPTypes

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

extension SigV4Signer {
    /// Signs a swift-http-types request in place: sets `x-amz-date`, `x-amz-security-token` (with a token),
    /// `x-amz-content-sha256` (when that option is on) and `authorization`, replacing earlier values, so signing a
    /// retried request again is safe.
    ///
    /// The request's `path` (path and query, as on the wire) and `authority` (the `host`) are signed with every
    /// header field except those SDKs never sign (`user-agent`, hop-by-hop headers, …).
    ///
    /// - Throws: ``SigV4Error`` as ``sign(_:credentials:date:)`` does.
    public func sign(
        _ request: inout HTTPRequest, body: [UInt8], credentials: Credentials, date: Date
    ) throws(SigV4Error) {
        try sign(&request, payload: .bytes(body), credentials: credentials, date: date)
    }

    /// Signs a swift-http-types request in place with a payload given as hash or unsigned.
    ///
    /// - Throws: ``SigV4Error`` as ``sign(_:credentials:date:)`` does.
    public func sign(
        _ request: inout HTTPRequest, payload: SigV4Request.Payload, credentials: Credentials, date: Date
    ) throws(SigV4Error) {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headerFields.count + 1)
        if let authority = request.authority { headers.append(("host", authority)) }
        for field in request.headerFields where field.name.canonicalName != "host" || request.authority == nil {
            headers.append((field.name.canonicalName, field.value))
        }
        let signature = try sign(
            SigV4Request(
                method: request.method.rawValue, target: request.path ?? "/", headers: headers, payload: payload),
            credentials: credentials, date: date)
        request.headerFields[.amzDate] = signature.amzDate
        if let token = signature.securityToken { request.headerFields[.amzSecurityToken] = token }
        if let hash = signature.contentSHA256 { request.headerFields[.amzContentSHA256] = hash }
        request.headerFields[.authorization] = signature.authorization
    }
}

extension HTTPField.Name {
    // Known-valid names, built once instead of validated per request.
    package static let amzDate = known("x-amz-date")
    package static let amzSecurityToken = known("x-amz-security-token")
    package static let amzContentSHA256 = known("x-amz-content-sha256")

    /// A field name written in the source, so known to be valid.
    package static func known(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("\(name) is a valid field name") }
        return field
    }
}
