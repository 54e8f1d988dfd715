/// Differential checks of the one-pass parsers against the full ones, for the fuzzer in `Fuzz/`. Not API: reachable
/// only through `@_spi(FastPaths) import`, and free to change.
@_spi(FastPaths) public enum ARNFastPathChecks {
    /// What is wrong when the one-pass function-ARN parser accepts `text` differently from the full parser (a
    /// different value, or one that does not render back to `text`); `nil` when they agree or it declines.
    public static func functionReferenceDisagreement(_ text: String) -> String? {
        guard let fast = FunctionReference.parseWellFormedARN(text) else { return nil }
        let full = try? FunctionReference.parseARN(text, field: FunctionReference.field)
        if fast != full { return "one-pass \(fast) differs from full \(String(describing: full)) for \(text)" }
        if fast.description != text { return "one-pass \(fast) does not render back to \(text)" }
        return nil
    }
}
