public import EventInvokeConfigKit

/// What a function's async-invocation settings should be: targets (a function, version or alias) each mapped to a
/// config, or to "absent" (no config at all).
///
/// Targets are compared by what they resolve to — the function's name and the qualifier, `$LATEST` when none — not
/// by how they are spelt: `orders`, `orders:$LATEST` and `arn:aws:lambda:us-east-1:123456789012:function:orders` are
/// one target, so naming it by ARN in one place and by name in another is never drift, and naming it twice is an
/// error that names both entries.
///
/// Unset is unset: a config with no `maximumRetryAttempts` wants the setting absent (the service then retries
/// twice), and one that sets `2` wants it stored as `2`; the two plan as different, because the service stores and
/// returns them differently.
public struct DesiredState: Sendable {
    /// One target and what it should hold.
    public struct Entry: Sendable, Hashable {
        /// A name for messages and plans (a Terraform resource name, say); the target's text when not given.
        public var name: String
        /// The function, version or alias, as written.
        public var function: FunctionReference
        /// The settings it should have, or `nil` for none (its config deleted).
        public var config: EventInvokeConfig?
        /// Arguments whose differences the plan leaves alone (Terraform's `lifecycle { ignore_changes }`).
        public var ignoredChanges: IgnoredChanges
        /// Whether a plan that deletes the target's config is an error (Terraform's
        /// `lifecycle { prevent_destroy = true }`).
        public var preventDestroy: Bool
        /// Whether what exists is read as the Terraform AWS provider reads it: an absent `MaximumRetryAttempts` is
        /// 0. Set for entries read from a Terraform file, so `eic` and Terraform see the same differences.
        public var readsAsTerraform: Bool

        /// Creates an entry.
        public init(
            name: String? = nil, function: FunctionReference, config: EventInvokeConfig?,
            ignoredChanges: IgnoredChanges = .none, preventDestroy: Bool = false, readsAsTerraform: Bool = false
        ) {
            self.name = name ?? function.description
            self.function = function
            self.config = config
            self.ignoredChanges = ignoredChanges
            self.preventDestroy = preventDestroy
            self.readsAsTerraform = readsAsTerraform
        }

        /// What the target resolves to.
        public var target: Target { Target(function) }

        /// What exists as this entry reads it (see ``readsAsTerraform``).
        func read(_ current: EventInvokeConfig?) -> EventInvokeConfig? {
            guard readsAsTerraform, var current else { return current }
            if current.maximumRetryAttempts == nil { current.maximumRetryAttempts = .zero }
            return current
        }

        /// The config to store over `current`: the wanted one, with the ignored arguments kept as they are.
        func wanted(over current: EventInvokeConfig?) -> EventInvokeConfig? {
            guard let current, var wanted = config else { return config }
            switch ignoredChanges {
            case .none: return wanted
            case .all: return current
            case .arguments(let names):
                if names.contains("maximum_retry_attempts") {
                    wanted.maximumRetryAttempts = current.maximumRetryAttempts
                }
                if names.contains("maximum_event_age_in_seconds") { wanted.maximumEventAge = current.maximumEventAge }
                if names.contains("destination_config") { wanted.destinationConfig = current.destinationConfig }
                return wanted
            }
        }
    }

    /// Which arguments a plan leaves as they are (Terraform's `lifecycle { ignore_changes }`).
    public enum IgnoredChanges: Sendable, Hashable {
        /// Every difference is planned.
        case none
        /// No update is ever planned (`ignore_changes = all`); a missing config is still created.
        case all
        /// Differences in these arguments (`maximum_retry_attempts`, `maximum_event_age_in_seconds`,
        /// `destination_config`) are left as they are.
        case arguments(Set<String>)

        /// The arguments `ignore_changes` may name for this resource.
        public static let argumentNames: Set<String> = [
            "maximum_retry_attempts", "maximum_event_age_in_seconds", "destination_config", "function_name",
            "qualifier",
        ]
    }

    /// A resolved target: the function's name and the qualifier (`$LATEST` when none was given).
    public struct Target: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The function's name.
        public var name: String
        /// The qualifier's text.
        public var qualifier: String

        /// The target a reference names, however it is spelt.
        public init(_ function: FunctionReference) {
            name = function.name
            qualifier = function.qualifier?.rawValue ?? "$LATEST"
        }

        /// `name:qualifier`.
        public var description: String { "\(name):\(qualifier)" }

        /// By name, then qualifier.
        public static func < (lhs: Target, rhs: Target) -> Bool {
            (lhs.name, lhs.qualifier) < (rhs.name, rhs.qualifier)
        }
    }

    /// The entries, in the order given.
    public let entries: [Entry]

    /// Creates a desired state.
    ///
    /// - Throws: ``DesiredStateError`` when two entries resolve to the same target, naming both.
    public init(_ entries: [Entry]) throws(DesiredStateError) {
        var seen: [Target: Entry] = [:]
        for entry in entries {
            if let first = seen[entry.target] {
                throw DesiredStateError(
                    entry: entry.name,
                    message: "\(first.name) (\(first.function)) and \(entry.name) (\(entry.function)) both name "
                        + "\(entry.target)")
            }
            seen[entry.target] = entry
        }
        self.entries = entries
    }

    /// A desired state of entries known to name distinct targets.
    init(uncheckedEntries entries: [Entry]) { self.entries = entries }

    /// The functions the entries name, unqualified, one each.
    public var functions: [FunctionReference] {
        var seen: Set<String> = []
        return entries.compactMap { seen.insert($0.function.name).inserted ? $0.function.unqualified : nil }
    }
}

/// A desired state that cannot hold: two entries for one target, or an entry that cannot be read.
public struct DesiredStateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The entry (resource) at fault.
    public var entry: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(entry: String, message: String) {
        self.entry = entry
        self.message = message
    }

    /// `entry: message`.
    public var description: String { "\(entry): \(message)" }
}
