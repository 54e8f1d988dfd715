import EventInvokeConfigCore

extension SigV4Request {
    /// Parses an HTTP/1.1 request written out as text, as in the AWS SigV4 test suite's `request.txt`:
    /// a request line, `Name:value` header lines (a line starting with white space continues the previous value),
    /// an empty line and the body.
    ///
    /// The request target is kept exactly as written (raw spaces and UTF-8 included) and split at the first `?`.
    ///
    /// - Throws: ``SigV4Error`` with code ``SigV4Error/Code/malformedRequest`` naming the offending line.
    public init(parsingHTTPRequest text: String) throws(SigV4Error) {
        // Lines are split on the bytes: in a `String`, CR LF is one `Character` and would not split at "\n".
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        guard let requestLine = lines.first, !requestLine.isEmpty else {
            throw SigV4Error(code: .malformedRequest, message: "the request is empty")
        }
        lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.lastIndex(of: " "),
            firstSpace < lastSpace, requestLine[requestLine.index(after: lastSpace)...].hasPrefix("HTTP/")
        else {
            throw SigV4Error(
                code: .malformedRequest,
                message: "request line \(DisplayText.quoted(requestLine, limit: 120)) is not METHOD TARGET HTTP/VERSION"
            )
        }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        var headers: [(name: String, value: String)] = []
        var bodyStart: Int?
        for (index, line) in lines.enumerated() {
            if line.isEmpty {
                bodyStart = index + 1
                break
            }
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else {
                    throw SigV4Error(
                        code: .malformedRequest,
                        message: "continuation line \(DisplayText.quoted(line, limit: 120)) has no header before it")
                }
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw SigV4Error(
                    code: .malformedRequest,
                    message: "header line \(DisplayText.quoted(line, limit: 120)) has no name:value")
            }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let body = bodyStart.map { lines[$0...].joined(separator: "\n") } ?? ""
        self.init(method: method, target: target, headers: headers, payload: .bytes(Array(body.utf8)))
    }
}
