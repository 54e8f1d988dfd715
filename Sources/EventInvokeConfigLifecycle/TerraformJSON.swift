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

    /// A `provider "aws"` block: where its resources live and how to reach them. The default provider has no alias;
    /// a resource names another with `"provider": "aws.ALIAS"`.
    public struct Provider: Sendable, Hashable, Codable {
        /// The block's `alias`; `nil` for the default provider.
        public var alias: String?
        /// `region`.
        public var region: String?
        /// `profile`.
        public var profile: String?
        /// `assume_role { role_arn, external_id, session_name }`.
        public var assumeRole: AssumeRole?
        /// `endpoints { lambda }`.
        public var lambdaEndpoint: String?

        /// An `assume_role` block.
        public struct AssumeRole: Sendable, Hashable, Codable {
            /// `role_arn`.
            public var roleARN: String
            /// `external_id`.
            public var externalID: String?
            /// `session_name`.
            public var sessionName: String?

            /// Creates a block.
            public init(roleARN: String, externalID: String? = nil, sessionName: String? = nil) {
                self.roleARN = roleARN
                self.externalID = externalID
                self.sessionName = sessionName
            }

            enum CodingKeys: String, CodingKey {
                case roleARN = "role_arn", externalID = "external_id", sessionName = "session_name"
            }
        }

        enum CodingKeys: String, CodingKey {
            case alias, region, profile, assumeRole = "assume_role", lambdaEndpoint = "lambda_endpoint"
        }

        /// `aws` or `aws.ALIAS`, as resources name it.
        public var address: String { alias.map { "aws.\($0)" } ?? "aws" }

        /// The default provider, unconfigured (when a file has no `provider` block).
        public static let implicitDefault = Provider()

        /// Creates a provider.
        public init(
            alias: String? = nil, region: String? = nil, profile: String? = nil, assumeRole: AssumeRole? = nil,
            lambdaEndpoint: String? = nil
        ) {
            self.alias = alias
            self.region = region
            self.profile = profile
            self.assumeRole = assumeRole
            self.lambdaEndpoint = lambdaEndpoint
        }
    }

    /// One provider's share of a file: its desired state and absent resources.
    public struct ProviderTargets: Sendable {
        /// The provider.
        public var provider: Provider
        /// Its resources with a config.
        public var desired: DesiredState
        /// Its resources with `count = 0`.
        public var absent: [DesiredState.Entry]

        /// Creates a provider's share.
        public init(provider: Provider, desired: DesiredState, absent: [DesiredState.Entry]) {
            self.provider = provider
            self.desired = desired
            self.absent = absent
        }

        /// The desired state with the absent resources added (see ``Configuration/withAbsent()``).
        public func withAbsent() throws(DesiredStateError) -> DesiredState {
            try DesiredState(desired.entries + absent)
        }
    }

    /// What a file declares: the desired state, the resources declared absent, and notes on what was ignored.
    public struct Configuration: Sendable {
        /// The `provider "aws"` blocks, the default (unaliased) one first when declared.
        public var providers: [Provider]
        /// The file's targets by provider: the default provider first (declared or not) whenever a resource uses it,
        /// then the others in alias order; a provider with no resources is left out.
        public var byProvider: [ProviderTargets]
        /// Things ignored (other resource types, meta-arguments), one line each.
        public var notes: [String]

        /// The default provider's share (every resource's, when the file declares no other provider).
        var defaultTargets: ProviderTargets? { byProvider.first { $0.provider.alias == nil } }

        /// The default provider's resources with a config, named `aws_lambda_function_event_invoke_config.NAME`
        /// (every resource's, when the file declares no other provider; see ``byProvider`` for the others).
        public var desired: DesiredState {
            defaultTargets?.desired ?? DesiredState(uncheckedEntries: [])
        }

        /// The default provider's resources with `count = 0`, as entries with no config. Terraform deletes what its
        /// state holds for them; `eic` has no state, so they change nothing unless a plan prunes (``withAbsent()``).
        public var absent: [DesiredState.Entry] { defaultTargets?.absent ?? [] }

        /// The default provider's desired state with its absent resources added, for a pruning plan: their configs
        /// are deleted (unless `lifecycle.prevent_destroy` forbids it, which the plan reports as an error).
        public func withAbsent() throws(DesiredStateError) -> DesiredState {
            try defaultTargets?.withAbsent() ?? DesiredState(uncheckedEntries: [])
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
        var providerOfEntry: [String: String] = [:]
        for key in top.keys.sorted() where !["resource", "provider", "terraform"].contains(key) {
            notes.append("ignored the top-level block \"\(key)\"")
        }
        let providers = try self.providers(top["provider"], notes: &notes)
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
                        if let value = arguments["provider"] {
                            let named = try string(value, address, "provider")
                            guard named == "aws" || providers.contains(where: { $0.address == named }) else {
                                throw DesiredStateError(
                                    entry: "\(address): provider",
                                    message: "\(DisplayText.quoted(named, limit: 80)) is not a provider of this file; "
                                        + "declared: "
                                        + (["aws"] + providers.compactMap { $0.alias.map { "aws.\($0)" } })
                                        .joined(separator: ", "))
                            }
                            providerOfEntry[address] = named
                        }
                    }
                }
            }
        }
        var targets: [ProviderTargets] = []
        var addresses = providers.map(\.address)
        if !providers.contains(where: { $0.alias == nil }) { addresses.insert("aws", at: 0) }
        for address in addresses {
            let provider = providers.first { $0.address == address } ?? .implicitDefault
            let mine = { (entry: DesiredState.Entry) in (providerOfEntry[entry.name] ?? "aws") == address }
            let present = entries.filter(mine)
            let declaredAbsent = absent.filter(mine)
            guard !present.isEmpty || !declaredAbsent.isEmpty else { continue }
            // Two resources for one target of one provider are an error, counted or not.
            _ = try DesiredState(present + declaredAbsent)
            targets.append(
                ProviderTargets(provider: provider, desired: try DesiredState(present), absent: declaredAbsent))
        }
        return Configuration(providers: providers, byProvider: targets, notes: notes)
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
        for key in ["depends_on"] where arguments[key] != nil {
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

    /// The `provider.aws` blocks (an object or an array of them): `alias`, `region`, `profile`,
    /// `assume_role { role_arn, external_id, session_name }`, `endpoints { lambda }`. Other arguments (credentials,
    /// `skip_*` checks, other services' endpoints) are Terraform's concern and noted once; providers other than
    /// `aws` are noted.
    static func providers(_ value: JSONValue?, notes: inout [String]) throws(DesiredStateError) -> [Provider] {
        guard let value else { return [] }
        var providers: [Provider] = []
        var ignored: Set<String> = []
        for group in try objects(value, at: "provider") {
            for (name, blocks) in group.sorted(by: { $0.key < $1.key }) {
                guard name == "aws" else {
                    notes.append("ignored the provider \(name)")
                    continue
                }
                for block in try objects(blocks, at: "provider.aws") {
                    var provider = Provider()
                    let at = "provider.aws"
                    for (key, argument) in block.sorted(by: { $0.key < $1.key }) {
                        switch key {
                        case "alias": provider.alias = try string(argument, at, key)
                        case "region": provider.region = try string(argument, at, key)
                        case "profile": provider.profile = try string(argument, at, key)
                        case "assume_role":
                            let role = try single(argument, resource: at, argument: key)
                            guard let arn = role["role_arn"] else {
                                throw DesiredStateError(entry: "\(at): assume_role.role_arn", message: "is required")
                            }
                            provider.assumeRole = Provider.AssumeRole(
                                roleARN: try string(arn, at, "assume_role.role_arn"),
                                externalID: try role["external_id"].map { v throws(DesiredStateError) in
                                    try string(v, at, "assume_role.external_id")
                                },
                                sessionName: try role["session_name"].map { v throws(DesiredStateError) in
                                    try string(v, at, "assume_role.session_name")
                                })
                        case "endpoints":
                            let endpoints = try single(argument, resource: at, argument: key)
                            if let lambda = endpoints["lambda"] {
                                provider.lambdaEndpoint = try string(lambda, at, "endpoints.lambda")
                            }
                        default:
                            ignored.insert(key)
                        }
                    }
                    guard !providers.contains(where: { $0.alias == provider.alias }) else {
                        throw DesiredStateError(
                            entry: "provider.aws",
                            message: "two blocks declare \(provider.address); give each an alias of its own")
                    }
                    providers.append(provider)
                }
            }
        }
        if !ignored.isEmpty {
            notes.append("provider.aws: ignored " + ignored.sorted().joined(separator: ", "))
        }
        return providers.sorted { ($0.alias ?? "") < ($1.alias ?? "") }  // the default ("") first
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
