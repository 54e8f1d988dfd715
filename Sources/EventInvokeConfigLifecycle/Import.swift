public import EventInvokeConfigKit

extension Lifecycle {
    /// The desired-state entry equal to what exists for an import ID (any form `ImportID` accepts): its config, or
    /// `nil` config when the target has none (importing it would delete nothing and create nothing).
    ///
    /// - Throws: ``EventInvokeConfigError`` other than "not found".
    public func importEntry(_ id: ImportID, name: String? = nil) async throws -> DesiredState.Entry {
        let config = try await read(id.function)
        return DesiredState.Entry(
            name: name ?? Self.resourceName(for: id.function), function: id.function, config: config)
    }

    /// A Terraform resource name for a target: the function's name and qualifier, `_` for what a name cannot hold.
    public static func resourceName(for function: FunctionReference) -> String {
        let text = function.name + (function.qualifier.map { "_" + $0.rawValue } ?? "")
        let mapped = text.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" }
        let name = String(mapped)
        return name.first?.isLetter == true || name.first == "_" ? name : "_" + name
    }
}
