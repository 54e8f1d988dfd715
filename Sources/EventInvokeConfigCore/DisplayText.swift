/// Text that came from outside (a user's value, a server's message, a file) made safe to print: the one escaping
/// every message and output of the package uses, so a terminal or a log line never receives a control sequence it
/// did not ask for, and one bad input cannot forge or flood a line.
package enum DisplayText {
    /// Whether a scalar is a control character: C0 (U+0000–U+001F, including CR, LF, ESC and BEL), DEL or C1
    /// (U+0080–U+009F).
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The text with `\` doubled and each control character escaped (`\n`, `\r`, `\t`, otherwise `\u{…}`), cut
    /// after `limit` characters with `…`.
    package static func escaped(_ text: some StringProtocol, limit: Int = .max) -> String {
        escape(text, limit: limit, quote: false)
    }

    /// ``escaped(_:limit:)`` in double quotes, with `"` escaped too.
    package static func quoted(_ text: some StringProtocol, limit: Int = 300) -> String {
        "\"" + escape(text, limit: limit, quote: true) + "\""
    }

    private static func escape(_ text: some StringProtocol, limit: Int, quote: Bool) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"" where quote: out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
