@_spi(FastPaths) import EventInvokeConfigARN

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Differential checks of the fast wire codec and the one-pass destination parser against their references
/// (`Codable` with Foundation's JSON coders, the full parser), for the fuzzer in `Fuzz/` and the benchmarks. Not
/// API: reachable only through `@_spi(FastPaths) import`, and free to change.
@_spi(FastPaths) public enum ModelFastPathChecks {
    /// One memo for every input checked, as one client keeps one.
    private static let memo = ARNMemo()

    /// The fast wire reader's record, as the client decodes a Get/Put/Update response (`nil` where it declines and
    /// the client uses `JSONDecoder`); for benchmarks.
    public static func fastDecodeRecord(_ data: Data) -> EventInvokeConfigRecord? { WireJSON.decodeRecord(data) }

    /// The fast wire writer's JSON of a record, as the in-memory Lambda stores a Get answer (`nil` where it
    /// declines); for benchmarks.
    public static func fastEncodeRecord(_ record: EventInvokeConfigRecord) -> Data? { WireJSON.encode(record) }

    /// What is wrong when the one-pass SQS/SNS destination parser accepts `text` differently from the full parser;
    /// `nil` when they agree or it declines. Also runs the function-ARN check.
    public static func referenceDisagreement(_ text: String) -> String? {
        if let problem = ARNFastPathChecks.functionReferenceDisagreement(text) { return problem }
        guard let fast = Destination.parseStandardQueueOrTopic(text) else { return nil }
        let full = try? Destination.parseFully(text, field: "Destination")
        if fast != full { return "one-pass \(fast) differs from full \(String(describing: full)) for \(text)" }
        return nil
    }

    /// What is wrong when the fast JSON reader answers differently from `JSONDecoder` for `data` (for a record, a
    /// page or a config), or when what the fast writer produces does not decode back to the same value; `nil` when
    /// all agree.
    public static func jsonDisagreement(_ data: Data) -> String? {
        let decoder = JSONDecoder()
        let text = String(decoding: data, as: UTF8.self)
        // The ARN memo (shared across every input of a run, as a client shares it across responses) must not change
        // any answer.
        if WireJSON.decodeRecord(data, memo: memo) != WireJSON.decodeRecord(data) {
            return "record: the ARN memo changed the answer: \(text)"
        }
        if WireJSON.decodePage(data, memo: memo) != WireJSON.decodePage(data) {
            return "page: the ARN memo changed the answer: \(text)"
        }
        if let fast = WireJSON.decodeRecord(data) {
            let reference = try? decoder.decode(EventInvokeConfigRecord.self, from: data)
            if fast != reference {
                return "record: fast \(fast) vs JSONDecoder \(String(describing: reference)): \(text)"
            }
        }
        if let fast = WireJSON.decodePage(data) {
            let reference = try? decoder.decode(EventInvokeConfigPage.self, from: data)
            if fast != reference {
                return "page: fast \(fast) vs JSONDecoder \(String(describing: reference)): \(text)"
            }
        }
        if let fast = WireJSON.decodeConfig(data) {
            let reference = try? decoder.decode(EventInvokeConfig.self, from: data)
            if fast != reference {
                return "config: fast \(fast) vs JSONDecoder \(String(describing: reference)): \(text)"
            }
        }
        // The fast writer against JSONEncoder: both encodings must read back to the same value (records keep
        // milliseconds, as the service does, so a finer timestamp changes identically in both).
        if let config = try? decoder.decode(EventInvokeConfig.self, from: data) {
            let fast = try? decoder.decode(EventInvokeConfig.self, from: WireJSON.encode(config))
            let reference = try? decoder.decode(EventInvokeConfig.self, from: JSONEncoder().encode(config))
            if fast != reference || fast == nil {
                return "config \(config): fast writer reads back as \(String(describing: fast)), JSONEncoder's as "
                    + "\(String(describing: reference))"
            }
            if WireJSON.decodeConfig(WireJSON.encode(config)) != config {
                return "config \(config) does not read back fast"
            }
        }
        // (The fast record writer may decline, and then the caller uses JSONEncoder.)
        if let record = try? decoder.decode(EventInvokeConfigRecord.self, from: data),
            let written = WireJSON.encode(record)
        {
            let fast = try? decoder.decode(EventInvokeConfigRecord.self, from: written)
            let reference = try? decoder.decode(EventInvokeConfigRecord.self, from: JSONEncoder().encode(record))
            if fast != reference || fast == nil {
                return "record \(record): fast writer reads back as \(String(describing: fast)), JSONEncoder's as "
                    + "\(String(describing: reference))"
            }
        }
        return nil
    }
}
