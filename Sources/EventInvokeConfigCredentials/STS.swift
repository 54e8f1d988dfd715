import EventInvokeConfigARN
public import EventInvokeConfigAWSConfig
import EventInvokeConfigCore
public import EventInvokeConfigSigV4
public import EventInvokeConfigTransport
public import Foundation
import HTTPTypes

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The two STS operations the chain needs, on STS's query protocol: a form-encoded POST answered with XML.
///
/// The answers are read with Foundation's `XMLParser` (libxml2 on Linux, through FoundationXML; the system
/// parser on Apple platforms): a real XML parser — entities, CDATA, namespaces, comments — that ships with the
/// toolchain, so no package is added and no XML is taken apart with string searches. External entities are not
/// resolved.
public struct STSClient: Sendable {
    /// Where requests go (the regional STS endpoint, or a configured one).
    public var endpoint: Endpoint
    /// The region requests are signed for.
    public var region: String
    /// Sends the requests.
    public var transport: any HTTPTransport
    /// The longest one call may take.
    public var timeout: Duration
    /// The wall clock used for signatures.
    public var clock: @Sendable () -> Date

    /// Creates a client for an endpoint.
    public init(
        endpoint: Endpoint, region: String, transport: any HTTPTransport, timeout: Duration = .seconds(10),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        self.region = region
        self.transport = transport
        self.timeout = timeout
        self.clock = clock
    }

    /// A client for the STS endpoint of the configuration's region (`AWS_REGION`, `AWS_DEFAULT_REGION`, the
    /// profile's `region`; `https://sts.REGION.amazonaws.com`), or the endpoint configured by
    /// `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's `[services]` section or `endpoint_url`.
    ///
    /// - Throws: ``CredentialsError`` with code `invalidConfiguration` for an unusable configured endpoint.
    public static func resolving(
        shared: SharedConfiguration, transport: any HTTPTransport, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(CredentialsError) -> STSClient {
        // Without a region anywhere, STS's us-east-1 endpoint (the AWS CLI's default for STS as well). A region
        // that is not a region name is reported where the region is used for the service call, not here.
        let region = (try? shared.region())??.region.name ?? "us-east-1"
        do {
            let endpoint = try Endpoint.resolve(
                service: .sts, region: region, environment: shared.environment, shared: shared)
            return STSClient(endpoint: endpoint, region: region, transport: transport, clock: clock)
        } catch {
            throw CredentialsError(.invalidConfiguration, provider: "sts", message: error.description)
        }
    }

    /// STS AssumeRole, signed with `source`.
    ///
    /// - Throws: ``CredentialsError``: `providerFailed` with STS's error code and message, `unreachable`.
    public func assumeRole(
        _ roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
        with source: Credentials
    ) async throws(CredentialsError) -> Credentials {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try await call("AssumeRole", parameters, signedWith: source)
    }

    /// STS AssumeRoleWithWebIdentity (unsigned: the token is the proof).
    ///
    /// - Throws: ``CredentialsError`` as ``assumeRole(_:sessionName:externalID:durationSeconds:with:)`` does.
    public func assumeRoleWithWebIdentity(
        _ roleARN: String, sessionName: String, token: String
    ) async throws(CredentialsError) -> Credentials {
        try await call(
            "AssumeRoleWithWebIdentity",
            [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", token)], signedWith: nil)
    }

    private func call(
        _ action: String, _ parameters: [(String, String)], signedWith source: Credentials?
    ) async throws(CredentialsError) -> Credentials {
        let provider = "sts \(action)"
        let form = ([("Action", action), ("Version", "2011-06-15")] + parameters)
            .map { PercentEncoding.encoded($0.0) + "=" + PercentEncoding.encoded($0.1) }
            .joined(separator: "&")
        let body = Data(form.utf8)
        var head = CredentialsHTTP.head(.post, endpoint, path: "/")
        head.headerFields[.contentType] = "application/x-www-form-urlencoded; charset=utf-8"
        if let source {
            do {
                try SigV4Signer(region: region, service: "sts", keyCache: nil)
                    .sign(&head, body: Array(body), credentials: source, date: clock())
            } catch {
                throw CredentialsError(.invalidConfiguration, provider: provider, message: error.description)
            }
        }
        let response = try await CredentialsHTTP.send(
            head, body: body, timeout: timeout, transport: transport, provider: provider, operation: action)
        let document = XMLDocumentTree.parse(response.body)
        guard response.head.status.kind == .successful else {
            let code = document?.text(at: ["Error", "Code"]) ?? "HTTP \(response.head.status.code)"
            let message = document?.text(at: ["Error", "Message"]) ?? CredentialsHTTP.excerpt(response.body)
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "\(DisplayText.escaped(code, limit: 100)): \(DisplayText.escaped(message, limit: 500)) "
                    + "(role \(DisplayText.quoted(parameters[0].1, limit: 300)), \(endpoint))")
        }
        let result = [action + "Result", "Credentials"]
        guard let document, let key = document.text(at: result + ["AccessKeyId"]),
            let secret = document.text(at: result + ["SecretAccessKey"])
        else {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "the answer (\(response.body.count) bytes) is not an \(action)Response with Credentials")
        }
        let expiration = document.text(at: result + ["Expiration"]).flatMap(Timestamp.parseISO8601)
        return Credentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: document.text(at: result + ["SessionToken"]),
            expiration: expiration)
    }
}

/// An XML document as nested elements with their text, built by `XMLParser`; enough to read a query-protocol
/// answer by path. Element names are compared without namespace prefix.
struct XMLDocumentTree {
    final class Element {
        let name: String
        var text = ""
        var children: [Element] = []
        init(name: String) { self.name = name }
    }

    let root: Element

    /// Parses `data`; `nil` for anything that is not well-formed XML.
    static func parse(_ data: Data) -> XMLDocumentTree? {
        guard !data.isEmpty else { return nil }
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return XMLDocumentTree(root: root)
    }

    /// The text of the first element at `path` below the root (the root's name is not part of the path), or
    /// under any element of that name at the first level when the root differs (`ErrorResponse/Error` vs
    /// `Response/Errors/Error`).
    func text(at path: [String]) -> String? {
        func find(_ element: Element, _ path: ArraySlice<String>) -> Element? {
            guard let first = path.first else { return element }
            for child in element.children where child.name == first {
                if let found = find(child, path.dropFirst()) { return found }
            }
            return nil
        }
        func search(_ element: Element) -> Element? {
            if let found = find(element, path[...]) { return found }
            for child in element.children {
                if let found = search(child) { return found }
            }
            return nil
        }
        return search(root)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let element = Element(name: local)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
