import HTTPTypes

#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif

/// A request copied into one contiguous byte buffer, for the request logs of the test doubles.
///
/// A ``TransportRequest`` is a tree of small heap objects (the field storage, each long header value, the path, the
/// body). A log that keeps thousands of them alive releases each one thousands of requests later, when none of it
/// is in cache any more: in a long run that cost more than the request itself. Packed, an entry is one allocation
/// written in one pass, and the request's own objects are freed while they are still warm.
///
/// Layout: the pseudo header fields (method, scheme, authority, path, protocol), then the header fields (indexing
/// strategy, raw name, value), each string as a 32-bit length (`UInt32.max` for `nil`) and its UTF-8; the body is the
/// rest.
package struct PackedRequest: Sendable {
    private let bytes: [UInt8]
    /// Where the body starts in `bytes`.
    private let bodyStart: Int
    /// How many header fields there are.
    package let fieldCount: Int
    /// The request's timeout.
    package let timeout: Duration?
    /// The request's operation name.
    package let operation: String

    private static let absent = UInt32.max

    /// Packs `request`.
    package init(_ request: TransportRequest) {
        let head = request.head
        let method = head.method.rawValue
        let (scheme, authority, path, extendedConnectProtocol) =
            (head.scheme, head.authority, head.path, head.extendedConnectProtocol)
        let fields = head.headerFields
        func size(_ text: String?) -> Int { 4 + (text?.utf8.count ?? 0) }
        var total = request.body.count + size(method) + size(scheme) + size(authority) + size(path)
        total += size(extendedConnectProtocol)
        for field in fields { total += 1 + size(field.name.rawName) + size(field.value) }
        var bodyStart = 0
        bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            var writer = Writer(buffer: UnsafeMutableRawBufferPointer(buffer))
            writer.write(method)
            writer.write(scheme)
            writer.write(authority)
            writer.write(path)
            writer.write(extendedConnectProtocol)
            for field in fields {
                writer.write(byte: field.indexingStrategy.packedValue)
                writer.write(field.name.rawName)
                writer.write(field.value)
            }
            bodyStart = writer.offset
            request.body.withUnsafeBytes { writer.write(bytes: $0) }
            initialized = writer.offset
        }
        self.bodyStart = bodyStart
        self.fieldCount = fields.count
        self.timeout = request.timeout
        self.operation = request.operation
    }

    /// The request as it was sent.
    package var request: TransportRequest {
        var reader = Reader(bytes: bytes)
        let method = reader.string().flatMap(HTTPRequest.Method.init(rawValue:)) ?? .get
        let scheme = reader.string()
        let authority = reader.string()
        let path = reader.string()
        let extendedConnectProtocol = reader.string()
        var fields = HTTPFields()
        fields.reserveCapacity(fieldCount)
        for _ in 0..<fieldCount {
            let strategy = reader.byte()
            let name = reader.string() ?? ""
            let value = reader.string() ?? ""
            // Names were valid fields when packed, so they parse back.
            guard let fieldName = HTTPField.Name(name) else { continue }
            var field = HTTPField(name: fieldName, value: value)
            field.indexingStrategy = .init(packedValue: strategy)
            fields.append(field)
        }
        var head = HTTPRequest(method: method, scheme: scheme, authority: authority, path: path, headerFields: fields)
        head.extendedConnectProtocol = extendedConnectProtocol
        return TransportRequest(head: head, body: body, timeout: timeout, operation: operation)
    }

    /// The method's name.
    package var method: String {
        var reader = Reader(bytes: bytes)
        return reader.string() ?? ""
    }

    /// The path with its query, as sent.
    package var path: String? {
        var reader = Reader(bytes: bytes)
        for _ in 0..<3 { reader.skipString() }
        return reader.string()
    }

    /// The header fields in order: lower-cased names and values.
    package var headers: [(name: String, value: String)] {
        var reader = Reader(bytes: bytes)
        for _ in 0..<5 { reader.skipString() }
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(fieldCount)
        for _ in 0..<fieldCount {
            _ = reader.byte()
            headers.append(((reader.string() ?? "").lowercased(), reader.string() ?? ""))
        }
        return headers
    }

    /// The body.
    package var body: Data { bodyStart < bytes.count ? Data(bytes[bodyStart...]) : Data() }

    /// Writes the packed strings in order into storage of exactly the right size.
    private struct Writer {
        let buffer: UnsafeMutableRawBufferPointer
        var offset = 0

        mutating func write(byte: UInt8) {
            buffer[offset] = byte
            offset += 1
        }

        mutating func write(bytes: UnsafeRawBufferPointer) {
            guard let source = bytes.baseAddress, let base = buffer.baseAddress, bytes.count > 0 else { return }
            (base + offset).copyMemory(from: source, byteCount: bytes.count)
            offset += bytes.count
        }

        mutating func write(_ text: String?) {
            guard var text else {
                buffer.storeBytes(of: PackedRequest.absent.littleEndian, toByteOffset: offset, as: UInt32.self)
                offset += 4
                return
            }
            text.withUTF8 { utf8 in
                buffer.storeBytes(of: UInt32(utf8.count).littleEndian, toByteOffset: offset, as: UInt32.self)
                offset += 4
                write(bytes: UnsafeRawBufferPointer(utf8))
            }
        }
    }

    /// Reads the packed strings in order.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() -> UInt8 {
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func length() -> UInt32 {
            let value = bytes.withUnsafeBytes {
                UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
            offset += 4
            return value
        }

        mutating func string() -> String? {
            let count = length()
            guard count != PackedRequest.absent else { return nil }
            defer { offset += Int(count) }
            return String(decoding: bytes[offset..<(offset + Int(count))], as: UTF8.self)
        }

        mutating func skipString() {
            let count = length()
            if count != PackedRequest.absent { offset += Int(count) }
        }
    }
}

extension HTTPField.DynamicTableIndexingStrategy {
    fileprivate var packedValue: UInt8 {
        switch self {
        case .prefer: 1
        case .avoid: 2
        default: 0
        }
    }

    fileprivate init(packedValue: UInt8) {
        switch packedValue {
        case 1: self = .prefer
        case 2: self = .avoid
        default: self = .automatic
        }
    }
}
