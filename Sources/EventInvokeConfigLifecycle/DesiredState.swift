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

        /// Creates an entry.
        public init(name: String? = nil, function: FunctionReference, config: EventInvokeConfig?) {
            self.name = name ?? function.description
            self.function = function
            self.config = config
        }

        /// What the target resolves to.
        public var target: Target { Target(function) }
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
