import ArgumentParser
import EventInvokeConfigARN
import EventInvokeConfigSigV4
import EventInvokeConfigTesting
import Foundation

/// `eic sign`: sign a request in the AWS SigV4 test-suite format and print every intermediate.
struct Sign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a raw HTTP request with SigV4 and print the canonical request, string to sign and signature.",
        discussion: """
            REQUEST is an HTTP/1.1 request as text (request line, headers, empty line, body); CONTEXT is a JSON \
            file as in the AWS SigV4 test suite: credentials {access_key_id, secret_access_key, token?}, region, \
            service, timestamp (ISO-8601), normalize, sign_body, omit_session_token, expiration_in_seconds. The \
            path is signed exactly as written, double URI encoding on. Lines may end in LF or CR LF. The secret \
            key is never printed; a session token you supply appears where SigV4 puts it (canonical request, signed \
            request). Invalid input (an unreadable file, a malformed request, a control character in the method, \
            host, a header name, the key ID or the region) exits 252.
            """
    )

    /// How the results are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case text
    }

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case header
        case query
    }

    @Option(help: "The signing context (JSON, AWS SigV4 test-suite format).")
    var context: String

    @Argument(help: "The request to sign (raw HTTP/1.1 text).")
    var request: String

    @Option(help: "header: Authorization header; query: presigned URL.")
    var mode: Mode = .header

    @Option(help: "Output format: json or text.")
    var output: Format = .json

    func run() async throws {
        let result: [(String, String)]
        do {
            result = try sign()
        } catch let error as SignCommandError {
            printError("eic sign: \(error.message)")
            throw ExitCode(CommandFailure.invalidInputStatus)
        } catch let error as SigV4Error {
            printError("eic sign: \(error.message)")
            throw ExitCode(CommandFailure.invalidInputStatus)
        }
        try await reportingLostOutput {
            switch output {
            case .json:
                try writeOutput(JSONOutput.object(result.map { ($0.0, Optional($0.1)) }))
            case .text:
                try writeOutput(
                    result.map { key, value in "== \(key)\n\(DisplayText.escaped(value))\n" }.joined(separator: "\n"))
            }
        }
    }

    struct SignCommandError: Error {
        let message: String
    }

    struct Context: Decodable {
        struct Keys: Decodable {
            let accessKeyID: String
            let secretAccessKey: String
            let token: String?
            enum CodingKeys: String, CodingKey {
                case accessKeyID = "access_key_id"
                case secretAccessKey = "secret_access_key"
                case token
            }
        }
        let credentials: Keys
        let region: String
        let service: String
        let timestamp: String
        let normalize: Bool?
        let signBody: Bool?
        let omitSessionToken: Bool?
        let expirationInSeconds: Int?
        enum CodingKeys: String, CodingKey {
            case credentials, region, service, timestamp, normalize
            case signBody = "sign_body"
            case omitSessionToken = "omit_session_token"
            case expirationInSeconds = "expiration_in_seconds"
        }
    }

    private func read(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SignCommandError(message: "cannot read \(what) file \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func loadContext() throws -> Context {
        let text = try read(context, what: "context")
        do {
            return try JSONDecoder().decode(Context.self, from: Data(text.utf8))
        } catch DecodingError.keyNotFound(let key, let location) {
            let path = (location.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw SignCommandError(message: "context \(context) lacks the key \"\(path)\"")
        } catch DecodingError.typeMismatch(_, let location), DecodingError.valueNotFound(_, let location) {
            let path = location.codingPath.map(\.stringValue).joined(separator: ".")
            throw SignCommandError(message: "context \(context): \"\(path)\" has the wrong type")
        } catch {
            throw SignCommandError(message: "context \(context) is not valid JSON: \(error)")
        }
    }

    private func sign() throws -> [(String, String)] {
        let context = try loadContext()
        let text = try read(request, what: "request")
        let parsed = try SigV4Request(parsingHTTPRequest: text)
        guard let date = Timestamp.parseISO8601(context.timestamp) else {
            throw SignCommandError(message: "timestamp \"\(context.timestamp)\" is not ISO-8601 (2015-08-30T12:36:00Z)")
        }
        let credentials = Credentials(
            accessKeyID: context.credentials.accessKeyID, secretAccessKey: context.credentials.secretAccessKey,
            sessionToken: context.credentials.token)
        let signer = SigV4Signer(
            region: context.region, service: context.service,
            options: SigV4Options(
                doubleURIEncode: true, normalizePath: context.normalize ?? true,
                signPayloadHashHeader: mode == .header && (context.signBody ?? false),
                omitSessionTokenFromSignature: context.omitSessionToken ?? false))
        // The request as parsed (LF or CR LF lines), written back with LF, minus the fields the signature sets.
        let setBySignature: Set<String> =
            mode == .header ? ["x-amz-date", "authorization", "x-amz-security-token", "x-amz-content-sha256"] : []
        var headerLines: [String] = []
        for (name, value) in parsed.headers where !setBySignature.contains(name.lowercased()) {
            headerLines.append("\(name):\(value)")
        }
        let target = parsed.query.isEmpty ? parsed.path : parsed.path + "?" + parsed.query
        let requestLine = "\(parsed.method) \(target) HTTP/1.1"
        var body = ""
        if case .bytes(let bytes) = parsed.payload { body = String(decoding: bytes, as: UTF8.self) }
        let signedRequest: String
        let details: SigV4Details
        switch mode {
        case .header:
            details = try signer.details(parsed, credentials: credentials, date: date)
            let signature = try signer.sign(parsed, credentials: credentials, date: date)
            let added = signature.headers.map { name, value in
                let display = name == "authorization" ? "Authorization" : name == "x-amz-date" ? "X-Amz-Date" : name
                return "\(display):\(value)"
            }
            signedRequest = ([requestLine] + headerLines + added + ["", body]).joined(separator: "\n")
        case .query:
            let expires = context.expirationInSeconds ?? 3600
            details = try signer.details(parsed, credentials: credentials, date: date, presignExpiry: expires)
            let presigned = try signer.presign(parsed, credentials: credentials, date: date, expires: expires)
            signedRequest = (["\(parsed.method) \(presigned.target) HTTP/1.1"] + headerLines + ["", body])
                .joined(separator: "\n")
        }
        return [
            ("canonicalRequest", details.canonicalRequest), ("stringToSign", details.stringToSign),
            ("signature", details.signature), ("signedRequest", signedRequest),
        ]
    }
}
