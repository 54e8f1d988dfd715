import EventInvokeConfigARN
import EventInvokeConfigAWSConfig
import EventInvokeConfigCore
import EventInvokeConfigSigV4
import EventInvokeConfigTransport
import Foundation
import HTTPTypes

/// The JSON document the container endpoint, the instance metadata service and `credential_process` print:
/// `AccessKeyId`, `SecretAccessKey`, `Token` or `SessionToken`, `Expiration` (ISO 8601), and for a process
/// `Version: 1`. Unknown keys are ignored.
struct CredentialDocument: Decodable {
    var version: Int?
    var code: String?
    var message: String?
    var accessKeyID: String?
    var secretAccessKey: String?
    var sessionToken: String?
    var expiration: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case code = "Code"
        case message = "Message"
        case accessKeyID = "AccessKeyId"
        case secretAccessKey = "SecretAccessKey"
        case token = "Token"
        case sessionToken = "SessionToken"
        case expiration = "Expiration"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try? container.decodeIfPresent(Int.self, forKey: .version)
        code = try? container.decodeIfPresent(String.self, forKey: .code)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        accessKeyID = try? container.decodeIfPresent(String.self, forKey: .accessKeyID)
        secretAccessKey = try? container.decodeIfPresent(String.self, forKey: .secretAccessKey)
        sessionToken =
            (try? container.decodeIfPresent(String.self, forKey: .token))
            ?? (try? container.decodeIfPresent(String.self, forKey: .sessionToken))
        expiration = try? container.decodeIfPresent(String.self, forKey: .expiration)
    }

    /// Decodes and checks a document; errors name the provider and the missing key, never a value.
    static func credentials(from data: Data, provider: String) throws(CredentialsError) -> Credentials {
        let document: CredentialDocument
        do {
            document = try JSONDecoder().decode(CredentialDocument.self, from: data)
        } catch {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "the answer is not a JSON object of credentials (\(data.count) bytes)")
        }
        return try document.credentials(provider: provider)
    }

    /// Checks a decoded document; errors name the provider and the missing key, never a value.
    func credentials(provider: String) throws(CredentialsError) -> Credentials {
        if let code, code != "Success" {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "the answer's Code is \(DisplayText.quoted(code, limit: 80))"
                    + (message.map { ": " + DisplayText.quoted($0, limit: 200) } ?? ""))
        }
        guard let key = accessKeyID, !key.isEmpty else {
            throw CredentialsError(.providerFailed, provider: provider, message: "the answer has no AccessKeyId")
        }
        guard let secret = secretAccessKey, !secret.isEmpty else {
            throw CredentialsError(.providerFailed, provider: provider, message: "the answer has no SecretAccessKey")
        }
        var expiry: Date?
        if let text = expiration {
            guard let date = Timestamp.parseISO8601(text) else {
                throw CredentialsError(
                    .providerFailed, provider: provider,
                    message: "the answer's Expiration \(DisplayText.quoted(text, limit: 60)) is not an ISO 8601 time")
            }
            expiry = date
        }
        return Credentials(
            accessKeyID: key, secretAccessKey: secret,
            sessionToken: sessionToken.flatMap { $0.isEmpty ? nil : $0 }, expiration: expiry)
    }
}

/// One HTTP exchange of a credentials provider through the caller's transport.
enum CredentialsHTTP {
    /// The largest answer read: credential documents and STS answers are a few kilobytes.
    static let maximumResponseBytes = 1 << 20

    /// Sends a request; a transport failure becomes ``CredentialsError/Code/unreachable`` naming the provider and
    /// the URL (which holds no secret: tokens travel in headers and bodies only).
    static func send(
        _ head: HTTPRequest, body: Data = Data(), timeout: Duration, transport: any HTTPTransport, provider: String,
        operation: String
    ) async throws(CredentialsError) -> TransportResponse {
        let request = TransportRequest(
            head: head, body: body, timeout: timeout, maximumResponseBytes: maximumResponseBytes,
            operation: operation)
        do {
            return try await transport.send(request, within: timeout)
        } catch let error as TransportError {
            throw CredentialsError(
                error.code == .timeout || error.code == .connectionFailed ? .unreachable : .providerFailed,
                provider: provider, message: "\(operation) \(request.url) failed: \(error.code): \(error.message)")
        } catch is CancellationError {
            throw CredentialsError(.providerFailed, provider: provider, message: "\(operation) was cancelled")
        } catch {
            throw CredentialsError(
                .providerFailed, provider: provider, message: "\(operation) \(request.url) failed: \(error)")
        }
    }

    /// Sends a request and, after a transport failure or a 5xx answer, once more (the metadata services'
    /// retry); returns the last answer, whatever its status, and throws only when the last attempt got none.
    static func sendWithRetry(
        _ head: HTTPRequest, timeout: Duration, transport: any HTTPTransport, provider: String, operation: String
    ) async throws(CredentialsError) -> TransportResponse {
        try await retrying(
            maximumAttempts: 2, backoff: .none, sleep: { _ throws(CredentialsError) in },
            shouldRetry: { outcome in
                switch outcome {
                case .success(let response): response.head.status.kind == .serverError
                case .failure(let error): error.code == .unreachable
                }
            }
        ) { _ throws(CredentialsError) in
            try await send(head, timeout: timeout, transport: transport, provider: provider, operation: operation)
        }
    }

    /// A request head for `method` on `endpoint` + `path`.
    static func head(_ method: HTTPRequest.Method, _ endpoint: Endpoint, path: String) -> HTTPRequest {
        HTTPRequest(
            method: method, scheme: endpoint.scheme, authority: endpoint.authority,
            path: endpoint.basePath + path)
    }

    /// A short, escaped excerpt of an error body for a message (bodies of these services hold no secret).
    static func excerpt(_ body: Data) -> String {
        DisplayText.quoted(String(decoding: body.prefix(300), as: UTF8.self), limit: 300)
    }
}

/// A header name that is valid by construction.
func fieldName(_ name: String) -> HTTPField.Name {
    guard let field = HTTPField.Name(name) else { preconditionFailure("\(name) is a valid field name") }
    return field
}

/// Reads a small file (a token) fresh at each call.
enum TokenFile {
    static func read(_ path: String, provider: String, what: String) throws(CredentialsError) -> String {
        let data: Data
        do throws(BoundedFile.Failure) {
            data = try BoundedFile.read(path, limit: BoundedFile.tokenLimit)
        } catch {
            throw CredentialsError(
                .providerFailed, provider: provider,
                message: "cannot read the \(what) file \(DisplayText.quoted(path)): \(error.reason)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw CredentialsError(
                .providerFailed, provider: provider, message: "the \(what) file \(DisplayText.quoted(path)) is empty")
        }
        return text
    }
}
