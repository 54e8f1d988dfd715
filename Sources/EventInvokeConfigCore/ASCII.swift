/// The byte classes and the white-space trimming the package's grammars share: one definition of a digit, a
/// lower-case letter, a name character and white space for every parser.
package enum ASCII {
    /// `0`–`9`.
    @inline(__always) package static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `a`–`z`.
    @inline(__always) package static func isLowerLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    /// `A`–`Z`.
    @inline(__always) package static func isUpperLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// `[A-Za-z0-9_-]`: the characters of function, alias, queue, topic and event-bus names.
    @inline(__always) package static func isNameByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLowerLetter(byte) || isUpperLetter(byte) || byte == 0x2D || byte == 0x5F
    }

    /// Space, tab, CR or LF.
    @inline(__always) package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// The text without leading and trailing spaces, tabs, CRs and LFs.
    package static func trimmed(_ text: some StringProtocol) -> Substring {
        let text = Substring(text)
        // By characters, and "\r\n" is one character: it is white space when each of its scalars is.
        let isSpace: (Character) -> Bool = { $0.utf8.allSatisfy(isWhitespace) }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}
