import EventInvokeConfigARN

/// A strict, allocation-free JSON reader over UTF-8 bytes, for the few small shapes of this API.
///
/// It accepts a subset of JSON and says ``Unsupported`` for anything else: malformed input, but also valid input
/// it does not handle (`\u` escapes, repeated keys, deep nesting). Callers then fall back to Foundation's
/// `JSONDecoder`, so the reader only has to be right about what it accepts — and that is tested against
/// `JSONDecoder` — never complete.
package struct JSONReader {
    /// The input is outside what the reader accepts; decode it with `JSONDecoder` instead.
    package struct Unsupported: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private static let maximumDepth = 32

    /// Reads `bytes`, which must outlive the reader.
    package init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func consume(_ byte: UInt8) throws(Unsupported) {
        guard peek() == byte else { throw Unsupported() }
        index += 1
    }

    private mutating func consumeLiteral(_ literal: StaticString) throws(Unsupported) {
        let end = index + literal.utf8CodeUnitCount
        guard end <= bytes.count, UnsafeRawBufferPointer(rebasing: bytes[index..<end]).equals(literal) else {
            throw Unsupported()
        }
        index = end
    }

    /// Checks that only whitespace follows the value just read.
    package mutating func finish() throws(Unsupported) {
        guard peek() == nil else { throw Unsupported() }
    }

    /// Consumes `null` if it comes next.
    package mutating func consumeNull() throws(Unsupported) -> Bool {
        guard peek() == 0x6E else { return false }
        try consumeLiteral("null")
        return true
    }

    /// Reads an object, calling `body` with each key; `body` must read or skip the value. Keys must be plain
    /// (no escapes); `body` must reject a repeated key it cares about (``Unsupported``), as `JSONDecoder`'s choice
    /// between repeated values is not something to mirror.
    package mutating func readObject(
        _ body: (inout JSONReader, UnsafeRawBufferPointer) throws(Unsupported) -> Void
    ) throws(Unsupported) {
        try consume(0x7B)
        if peek() == 0x7D {
            index += 1
            return
        }
        while true {
            let key = try readPlainString()
            try consume(0x3A)
            try body(&self, key)
            guard let next = peek() else { throw Unsupported() }
            index += 1
            if next == 0x7D { return }
            guard next == 0x2C else { throw Unsupported() }
        }
    }

    /// Reads an array, calling `body` to read each element.
    package mutating func readArray(_ body: (inout JSONReader) throws(Unsupported) -> Void) throws(Unsupported) {
        try consume(0x5B)
        if peek() == 0x5D {
            index += 1
            return
        }
        while true {
            try body(&self)
            guard let next = peek() else { throw Unsupported() }
            index += 1
            if next == 0x5D { return }
            guard next == 0x2C else { throw Unsupported() }
        }
    }

    /// The bytes of an ASCII string without escapes.
    private mutating func readPlainString() throws(Unsupported) -> UnsafeRawBufferPointer {
        try consume(0x22)
        // A local cursor: the loop stays in registers instead of updating `self` per byte.
        let start = index
        let count = bytes.count
        var position = skipPlainWords(from: start)
        while position < count {
            let byte = bytes[position]
            if byte == 0x22 {
                index = position &+ 1
                return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
            }
            // Keys and raw values are used as bytes, never validated as UTF-8: anything but ASCII is declined,
            // so malformed UTF-8 that JSONDecoder refuses is never accepted here (a fuzzing find).
            guard byte >= 0x20, byte < 0x80, byte != 0x5C else { throw Unsupported() }
            position &+= 1
        }
        throw Unsupported()
    }

    /// The bytes of the next string when it has no escapes (read past it); `nil`, and nothing read, otherwise.
    /// The bytes are not checked to be UTF-8.
    package mutating func readUnescapedStringBytes() -> UnsafeRawBufferPointer? {
        let saved = index
        do {
            return try readPlainString()
        } catch {
            index = saved
            return nil
        }
    }

    /// The first offset from `start` where an eight-byte word may hold something other than plain ASCII string
    /// content (a quote, a backslash, a control character or a byte of 0x80 or more), skipping whole words that
    /// certainly do not. The byte loops that follow decide exactly.
    @inline(__always)
    private func skipPlainWords(from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var position = start
        while position &+ 8 <= bytes.count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            // Per byte: below 0x20, equal to 0x22 or 0x5C, or with the high bit set (SWAR; never misses one).
            let below = (word &- ones &* 0x20) & ~word & highs
            let quote = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22)) & highs
            let backslash = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C)) & highs
            if (below | quote | backslash | (word & highs)) != 0 { break }
            position &+= 8
        }
        return position
    }

    /// Reads a string; the simple escapes are decoded, `\u` is unsupported, and the bytes must be valid UTF-8.
    package mutating func readString() throws(Unsupported) -> String {
        try consume(0x22)
        let start = index
        var hasEscapes = false
        var isASCII = true
        index = skipPlainWords(from: start)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 { break }
            if byte >= 0x80 { isASCII = false }
            guard byte >= 0x20 else { throw Unsupported() }
            if byte == 0x5C {
                hasEscapes = true
                index += 1
                guard index < bytes.count else { throw Unsupported() }
                switch bytes[index] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: break
                default: throw Unsupported()
                }
            }
            index += 1
        }
        guard index < bytes.count else { throw Unsupported() }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        index += 1
        let text: String?
        if hasEscapes {
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(raw.count)
            var position = 0
            while position < raw.count {
                var byte = raw[position]
                if byte == 0x5C {
                    position += 1
                    switch raw[position] {
                    case 0x62: byte = 0x08
                    case 0x66: byte = 0x0C
                    case 0x6E: byte = 0x0A
                    case 0x72: byte = 0x0D
                    case 0x74: byte = 0x09
                    default: byte = raw[position]
                    }
                }
                unescaped.append(byte)
                position += 1
            }
            text = String(validating: unescaped, as: UTF8.self)
        } else if isASCII {
            // ASCII is valid UTF-8: no validation pass.
            text = String(decoding: raw, as: UTF8.self)
        } else {
            text = String(validating: raw, as: UTF8.self)
        }
        guard let text else { throw Unsupported() }
        return text
    }

    /// The text of a number, checked against JSON's grammar.
    private mutating func readNumberText() throws(Unsupported) -> UnsafeRawBufferPointer {
        _ = peek()
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] &- 0x30 < 10 { index += 1 }
            return index - first
        }
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        guard index < bytes.count else { throw Unsupported() }
        if bytes[index] == 0x30 {
            index += 1
        } else if digits() == 0 {
            throw Unsupported()
        }
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            guard digits() > 0 else { throw Unsupported() }
        }
        if index < bytes.count, bytes[index] | 0x20 == 0x65 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digits() > 0 else { throw Unsupported() }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    }

    /// Reads an integer written without fraction or exponent.
    package mutating func readInt() throws(Unsupported) -> Int {
        let text = try readNumberText()
        var value = 0
        var negative = false
        for (offset, byte) in text.enumerated() {
            if offset == 0 && byte == 0x2D {
                negative = true
                continue
            }
            guard byte &- 0x30 < 10 else { throw Unsupported() }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow, !overflow2 else { throw Unsupported() }
            value = sum
        }
        return negative ? -value : value
    }

    /// Reads a number as a `Double`.
    package mutating func readDouble() throws(Unsupported) -> Double {
        let text = try readNumberText()
        if let exact = JSONReader.exactDecimal(text) { return exact }
        guard let value = Double(String(decoding: text, as: UTF8.self)) else { throw Unsupported() }
        return value
    }

    /// Reads a number as a `Double` in one pass when it is `[-]digits[.digits]` with at most 15 significant digits
    /// (the numbers ``exactDecimal(_:)`` reads exactly: a `LastModified` timestamp is one); anything else — an
    /// exponent, more digits — is read again from its start by ``readDouble()``. Same results as `readDouble()`.
    package mutating func readDecimal() throws(Unsupported) -> Double {
        _ = peek()
        let start = index
        let count = bytes.count
        var position = index
        var negative = false
        if position < count, bytes[position] == 0x2D {
            negative = true
            position &+= 1
        }
        guard position < count else { throw Unsupported() }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        // JSON allows no leading zero, so the integer part is a lone `0` (not significant) or starts with 1-9.
        if bytes[position] == 0x30 {
            position &+= 1
        } else {
            guard bytes[position] &- 0x31 < 9 else { throw Unsupported() }
            while position < count, bytes[position] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[position] &- 0x30)
                digits &+= 1
                position &+= 1
            }
        }
        if position < count, bytes[position] == 0x2E {
            position &+= 1
            let fractionStart = position
            while position < count, bytes[position] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[position] &- 0x30)
                digits &+= 1
                fractionDigits &+= 1
                position &+= 1
            }
            guard position > fractionStart else { throw Unsupported() }
        }
        // Longer numbers (the mantissa may have wrapped) and exponents take the general path.
        if digits > 15 || (position < count && bytes[position] | 0x20 == 0x65) {
            index = start
            return try readDouble()
        }
        index = position
        let value = Double(mantissa) / JSONReader.exactPowersOfTen[fractionDigits]
        return negative ? -value : value
    }

    /// `[-]digits[.digits]` with at most 15 significant digits, without parsing text: the digits as an integer are
    /// exact in a `Double`, so are powers of ten up to 10^22, and one division of exact values rounds correctly
    /// (Clinger's fast path). `nil` for anything else (exponents, longer numbers), which goes to the full parser.
    package static func exactDecimal(_ text: UnsafeRawBufferPointer) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var negative = false
        for offset in 0..<text.count {
            let byte = text[offset]
            switch byte {
            case 0x2D where offset == 0:
                negative = true
            case 0x2E where !seenPoint:
                seenPoint = true
            case 0x30...0x39:
                if mantissa == 0 && byte == 0x30 && !seenPoint { continue }  // leading zeros are not significant
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
                guard digits <= 15 else { return nil }
            default:
                return nil
            }
        }
        let value = Double(mantissa) / exactPowersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Whether a string comes next.
    package mutating func nextIsString() -> Bool { peek() == 0x22 }

    /// Whether a number comes next.
    package mutating func nextIsNumber() -> Bool {
        guard let byte = peek() else { return false }
        return byte == 0x2D || byte &- 0x30 < 10
    }

    /// Skips any value, checking its syntax.
    package mutating func skipValue() throws(Unsupported) {
        try skipValue(depth: 0)
    }

    private mutating func skipValue(depth: Int) throws(Unsupported) {
        guard depth < JSONReader.maximumDepth, let byte = peek() else { throw Unsupported() }
        switch byte {
        case 0x7B: try readObject { reader, _ throws(Unsupported) in try reader.skipValue(depth: depth + 1) }
        case 0x5B: try readArray { reader throws(Unsupported) in try reader.skipValue(depth: depth + 1) }
        case 0x22: _ = try readString()
        case 0x74: try consumeLiteral("true")
        case 0x66: try consumeLiteral("false")
        case 0x6E: try consumeLiteral("null")
        default: _ = try readNumberText()
        }
    }
}
