import EventInvokeConfigCore
import EventInvokeConfigKit
public import Foundation

/// Terraform's JSON configuration syntax (`*.tf.json`) for the resource `aws_lambda_function_event_invoke_config`,
/// read into a ``DesiredState`` and written back from one, so a configuration moves between Terraform and `eic`
/// without translation.
///
/// Read: `resource.aws_lambda_function_event_invoke_config.NAME` with `function_name`, `qualifier`,
/// `maximum_event_age_in_seconds`, `maximum_retry_attempts` and `destination_config` (`on_failure` / `on_success`,
/// each with `destination`); `resource`, the type and each block may be an object or an array of objects, as the
/// syntax allows. Only literal values: an interpolation (`${…}`) or a `for_each` is an error naming the resource and
/// the argument. `count = 0` declares the target absent (its config is deleted only by a pruning plan, see
/// ``Configuration/withAbsent()``); `lifecycle` gives `ignore_changes` and `prevent_destroy`; `depends_on` and
/// `provider` are ignored with a note, as are other resource types. Each argument means what it means to the
/// Terraform AWS provider (see ``entry(_:_:notes:)``).
public enum TerraformJSON {
    /// The resource type.
    public static let resourceType = "aws_lambda_function_event_invoke_config"

    /// What a file declares: the desired state, the resources declared absent, and notes on what was ignored.
    public struct Configuration: Sendable {
        /// The entries, named `aws_lambda_function_event_invoke_config.NAME`.
        public var desired: DesiredState
        /// The resources with `count = 0`, as entries with no config. Terraform deletes what its state holds for
        /// them; `eic` has no state, so they change nothing unless a plan prunes (``withAbsent``).
        public var absent: [DesiredState.Entry]
        /// Things ignored (other resource types, meta-arguments), one line each.
        public var notes: [String]

        /// The desired state with the absent resources added, for a pruning plan: their configs are deleted (unless
        /// `lifecycle.prevent_destroy` forbids it, which the plan reports as an error).
        public func withAbsent() throws(DesiredStateError) -> DesiredState {
            try DesiredState(desired.entries + absent)
        }
    }

    /// Reads a `.tf.json` document.
    ///
    /// - Throws: ``DesiredStateError`` naming the resource (`aws_lambda_function_event_invoke_config.NAME`) and,
    ///   where there is one, the argument: not JSON, a wrong shape or type, an interpolation, an invalid value, two
    ///   resources for one target.
    public static func parse(_ data: Data) throws(DesiredStateError) -> Configuration {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw DesiredStateError(entry: "(file)", message: "not JSON: \(error)")
        }
        guard case .object(let top) = root else {
            throw DesiredStateError(entry: "(file)", message: "the document is not a JSON object")
        }
        var notes: [String] = []
        var entries: [DesiredState.Entry] = []
        var absent: [DesiredState.Entry] = []
        for key in top.keys.sorted() where key != "resource" {
            notes.append("ignored the top-level block \"\(key)\"")
        }
        for group in try objects(top["resource"] ?? .array([]), at: "resource") {
            for (type, instances) in group.sorted(by: { $0.key < $1.key }) {
                guard type == resourceType else {
                    notes.append("ignored the resources of type \(type)")
                    continue
                }
                for block in try objects(instances, at: "resource.\(type)") {
                    for (name, body) in block.sorted(by: { $0.key < $1.key }) {
                        let address = "\(type).\(name)"
                        let arguments = try single(body, resource: address, argument: nil)
                        let entry = try entry(address, arguments, notes: &notes)
                        if entry.config == nil { absent.append(entry) } else { entries.append(entry) }
                    }
                }
            }
        }
        _ = try DesiredState(entries + absent)  // two resources for one target are an error, counted or not
        return Configuration(desired: try DesiredState(entries), absent: absent, notes: notes)
    }

    /// Reads one resource body, with the provider's meaning of each argument (`internal/service/lambda/
    /// function_event_invoke_config.go` in hashicorp/terraform-provider-aws): `maximum_retry_attempts` defaults to 2
    /// and is always sent; `maximum_event_age_in_seconds` is sent only when set; `qualifier = ""` is no qualifier;
    /// what exists is read back with an absent retry count as 0.
    static func entry(
        _ address: String, _ arguments: [String: JSONValue], notes: inout [String]
    ) throws(DesiredStateError) -> DesiredState.Entry {
        func fail(_ argument: String, _ message: String) -> DesiredStateError {
            DesiredStateError(entry: "\(address): \(argument)", message: message)
        }
        let known: Set<String> = [
            "function_name", "qualifier", "maximum_event_age_in_seconds", "maximum_retry_attempts",
            "destination_config",
            "count", "depends_on", "provider", "lifecycle", "for_each",
        ]
        for key in arguments.keys.sorted() where !known.contains(key) {
            throw fail(key, "is not an argument of \(resourceType)")
        }
        for key in ["depends_on", "provider"] where arguments[key] != nil {
            notes.append("\(address): ignored \(key)")
        }
        if arguments["for_each"] != nil { throw fail("for_each", "is not supported: write one resource per target") }
        var absent = false
        if let count = arguments["count"] {
            switch try integer(count, address, "count") {
            case 0: absent = true
            case 1: break
            default: throw fail("count", "must be 0 (absent) or 1")
            }
        }
        let (ignored, preventDestroy) = try lifecycle(arguments["lifecycle"], address, notes: &notes)
        guard let nameValue = arguments["function_name"] else { throw fail("function_name", "is required") }
        let functionName = try string(nameValue, address, "function_name")
        let qualifier = try arguments["qualifier"].map { value throws(DesiredStateError) in
            try string(value, address, "qualifier")
        }
        let function: FunctionReference
        do {
            // As in Terraform (and `terraform import`), `qualifier = ""` is no qualifier.
            function = try ImportID(functionName: functionName, qualifier: qualifier).function
        } catch {
            throw fail(qualifier == nil ? "function_name" : "function_name/qualifier", error.description)
        }
        if absent {
            return DesiredState.Entry(
                name: address, function: function, config: nil, ignoredChanges: ignored,
                preventDestroy: preventDestroy, readsAsTerraform: true)
        }
        // The provider's schema default: a resource without `maximum_retry_attempts` sends 2.
        var config = EventInvokeConfig(maximumRetryAttempts: .two)
        do {
            if let value = arguments["maximum_retry_attempts"] {
                config.maximumRetryAttempts = try MaximumRetryAttempts(
                    try integer(value, address, "maximum_retry_attempts"))
            }
            if let value = arguments["maximum_event_age_in_seconds"] {
                config.maximumEventAge = try MaximumEventAge(
                    seconds: try integer(value, address, "maximum_event_age_in_seconds"))
            }
        } catch let error as DesiredStateError {
            throw error
        } catch {
            throw fail("maximum_*", "\(error)")
        }
        if let value = arguments["destination_config"] {
            config.destinationConfig = try destinationConfig(value, address)
        }
        do {
            try config.validateForPut(function: function)
        } catch {
            throw fail(error.field, error.description)
        }
        return DesiredState.Entry(
            name: address, function: function, config: config, ignoredChanges: ignored,
            preventDestroy: preventDestroy, readsAsTerraform: true)
    }

    /// `lifecycle { ignore_changes = [...] | all, prevent_destroy = bool }`; the other lifecycle arguments
    /// (`create_before_destroy`, `replace_triggered_by`, conditions) concern replacements `eic` never makes, and are
    /// noted.
    static func lifecycle(
        _ value: JSONValue?, _ address: String, notes: inout [String]
    ) throws(DesiredStateError) -> (DesiredState.IgnoredChanges, Bool) {
        guard let value else { return (.none, false) }
        let block = try single(value, resource: address, argument: "lifecycle")
        var ignored = DesiredState.IgnoredChanges.none
        var preventDestroy = false
        for (key, argument) in block.sorted(by: { $0.key < $1.key }) {
            let entry = "\(address): lifecycle.\(key)"
            switch key {
            case "prevent_destroy":
                switch argument {
                case .bool(let flag): preventDestroy = flag
                case .string("true"): preventDestroy = true
                case .string("false"): preventDestroy = false
                default: throw DesiredStateError(entry: entry, message: "must be true or false")
                }
            case "ignore_changes":
                switch argument {
                case .string("all"): ignored = .all
                case .array(let items):
                    var names: Set<String> = []
                    for item in items {
                        guard case .string(let text) = item else {
                            throw DesiredStateError(
                                entry: entry, message: "must be a list of argument names or \"all\"")
                        }
                        // In JSON syntax each item is an expression: a bare name, possibly written as `${name}`.
                        let name =
                            text.hasPrefix("${") && text.hasSuffix("}") ? String(text.dropFirst(2).dropLast()) : text
                        guard DesiredState.IgnoredChanges.argumentNames.contains(name) else {
                            throw DesiredStateError(
                                entry: entry,
                                message:
                                    "\(DisplayText.quoted(name, limit: 60)) is not an argument of \(resourceType) ("
                                    + DesiredState.IgnoredChanges.argumentNames.sorted().joined(separator: ", ") + ")")
                        }
                        names.insert(name)
                    }
                    ignored = names.isEmpty ? .none : .arguments(names)
                default:
                    throw DesiredStateError(entry: entry, message: "must be a list of argument names or \"all\"")
                }
            default:
                notes.append("\(address): ignored lifecycle.\(key) (eic never replaces a config)")
            }
        }
        return (ignored, preventDestroy)
    }

    /// `destination_config { on_failure { destination = … } on_success { … } }`; an empty block is no destination
    /// at all (never a perpetual diff).
    static func destinationConfig(
        _ value: JSONValue, _ address: String
    ) throws(DesiredStateError)
        -> DestinationConfig?
    {
        let block = try single(value, resource: address, argument: "destination_config")
        var arns: [String: String] = [:]
        for (key, half) in block.sorted(by: { $0.key < $1.key }) {
            let argument = "destination_config.\(key)"
            guard key == "on_failure" || key == "on_success" else {
                throw DesiredStateError(
                    entry: "\(address): \(argument)", message: "is not an argument of destination_config")
            }
            let inner = try single(half, resource: address, argument: argument)
            for other in inner.keys where other != "destination" {
                throw DesiredStateError(
                    entry: "\(address): \(argument).\(other)", message: "is not an argument of \(key)")
            }
            guard let destination = inner["destination"] else {
                throw DesiredStateError(entry: "\(address): \(argument).destination", message: "is required")
            }
            arns[key] = try string(destination, address, "\(argument).destination")
        }
        guard !arns.isEmpty else { return nil }
        do {
            return try DestinationConfig(onSuccessARN: arns["on_success"], onFailureARN: arns["on_failure"])
        } catch {
            throw DesiredStateError(
                entry:
                    "\(address): destination_config.\(error.field.contains("OnSuccess") ? "on_success" : "on_failure").destination",
                message: error.description)
        }
    }

    /// An object, or every object of an array (the syntax allows both for blocks).
    static func objects(_ value: JSONValue, at path: String) throws(DesiredStateError) -> [[String: JSONValue]] {
        switch value {
        case .object(let object): return [object]
        case .array(let items):
            var objects: [[String: JSONValue]] = []
            for item in items {
                guard case .object(let object) = item else {
                    throw DesiredStateError(entry: path, message: "must be an object or an array of objects")
                }
                objects.append(object)
            }
            return objects
        default: throw DesiredStateError(entry: path, message: "must be an object or an array of objects")
        }
    }

    /// A block given as an object or a one-element array of objects.
    static func single(
        _ value: JSONValue, resource: String, argument: String?
    ) throws(DesiredStateError)
        -> [String: JSONValue]
    {
        let entry = argument.map { "\(resource): \($0)" } ?? resource
        switch value {
        case .object(let object): return object
        case .array(let items) where items.count == 1:
            guard case .object(let object) = items[0] else { break }
            return object
        case .array:
            throw DesiredStateError(entry: entry, message: "must be one block (an object or a one-element array)")
        default: break
        }
        throw DesiredStateError(entry: entry, message: "must be a block (an object)")
    }

    static func string(_ value: JSONValue, _ address: String, _ argument: String) throws(DesiredStateError) -> String {
        guard case .string(let text) = value else {
            throw DesiredStateError(entry: "\(address): \(argument)", message: "must be a string")
        }
        try literal(text, address, argument)
        return text
    }

    static func integer(_ value: JSONValue, _ address: String, _ argument: String) throws(DesiredStateError) -> Int {
        switch value {
        case .integer(let number): return number
        case .string(let text):
            try literal(text, address, argument)
            if let number = Int(text) { return number }
        default: break
        }
        throw DesiredStateError(entry: "\(address): \(argument)", message: "must be a whole number")
    }

    /// Refuses template expressions: `${…}` (and `%{…}` directives) are evaluated by Terraform, not by `eic`.
    static func literal(_ text: String, _ address: String, _ argument: String) throws(DesiredStateError) {
        if text.contains("${") || text.contains("%{") {
            throw DesiredStateError(
                entry: "\(address): \(argument)",
                message: "\(DisplayText.quoted(text, limit: 80)) is an interpolation; only literal values are read "
                    + "(run terraform, or write the value itself)")
        }
    }
}
