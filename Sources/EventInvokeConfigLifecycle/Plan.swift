public import EventInvokeConfigKit

/// What applying a desired state would change, per target.
public struct Plan: Sendable {
    /// One target's change.
    public struct Change: Sendable {
        /// What happens to the target.
        public enum Action: String, Sendable, Hashable {
            /// A config is created (Put).
            case create
            /// The config is replaced (Put).
            case update
            /// The config is deleted (Delete).
            case delete
            /// Nothing to do.
            case noOp = "no-op"
        }

        /// The entry's name (or, for a pruned config, its target).
        public var name: String
        /// The function, version or alias the change applies to.
        public var function: FunctionReference
        /// What happens.
        public var action: Action
        /// The config stored now, if any.
        public var current: EventInvokeConfig?
        /// The config wanted, if any.
        public var desired: EventInvokeConfig?
        /// Whether the change deletes a config the desired state does not mention (`prune`).
        public var pruned: Bool

        /// The fields that change, as a person reads them (`maximum_retry_attempts: 2 → 0`).
        public var fieldChanges: [FieldChange] { FieldChange.between(current, desired) }
    }

    /// One field's old and new value, with Terraform's argument names; `(none)` for unset.
    public struct FieldChange: Sendable, Hashable, CustomStringConvertible {
        /// The argument, e.g. `maximum_retry_attempts` or `on_failure`.
        public var field: String
        /// The value now.
        public var old: String
        /// The value wanted.
        public var new: String

        /// `field: old → new`.
        public var description: String { "\(field): \(old) → \(new)" }

        static func between(_ current: EventInvokeConfig?, _ desired: EventInvokeConfig?) -> [FieldChange] {
            func text(_ value: (some CustomStringConvertible)?) -> String { value.map(\.description) ?? "(none)" }
            let pairs: [(String, String, String)] = [
                (
                    "maximum_retry_attempts", text(current?.maximumRetryAttempts?.value),
                    text(desired?.maximumRetryAttempts?.value)
                ),
                (
                    "maximum_event_age_in_seconds", text(current?.maximumEventAge?.seconds),
                    text(desired?.maximumEventAge?.seconds)
                ),
                (
                    "on_success", text(current?.destinationConfig?.onSuccess),
                    text(desired?.destinationConfig?.onSuccess)
                ),
                (
                    "on_failure", text(current?.destinationConfig?.onFailure),
                    text(desired?.destinationConfig?.onFailure)
                ),
            ]
            return pairs.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, old: $0.1, new: $0.2) }
        }
    }

    /// Every target's change, sorted by target.
    public var changes: [Change]

    /// Creates a plan.
    public init(changes: [Change]) { self.changes = changes }

    /// How many targets are created, updated and deleted.
    public var counts: (create: Int, update: Int, delete: Int) {
        (
            changes.count { $0.action == .create }, changes.count { $0.action == .update },
            changes.count { $0.action == .delete }
        )
    }

    /// Whether applying the plan would change nothing.
    public var isEmpty: Bool { changes.allSatisfy { $0.action == .noOp } }

    /// `Plan: 2 to add, 1 to change, 0 to destroy.` — or `No changes.` — as `terraform plan` ends.
    public var summary: String {
        if isEmpty { return "No changes. Your event invoke configs match the desired state." }
        let (create, update, delete) = counts
        return "Plan: \(create) to add, \(update) to change, \(delete) to destroy."
    }

    /// The plan as `terraform plan` shows one: `+` create, `~` update, `-` delete, one line per changed field.
    public var text: String {
        var lines: [String] = []
        for change in changes where change.action != .noOp {
            let symbol = change.action == .create ? "+" : change.action == .update ? "~" : "-"
            let verb = change.action == .create ? "created" : change.action == .update ? "updated" : "destroyed"
            let why = change.pruned ? " (pruned: not in the desired state)" : ""
            lines.append("  \(symbol) \(change.name) (\(DesiredState.Target(change.function))) will be \(verb)\(why)")
            for field in change.fieldChanges { lines.append("      \(field)") }
        }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// An entry's change: what exists read as the entry reads it, compared with what it wants over that (its ignored
    /// arguments kept).
    /// The change keeps `current` as the service answered it (a saved plan compares it to what exists at apply).
    static func change(for entry: DesiredState.Entry, current: EventInvokeConfig?) -> Change {
        let desired = entry.wanted(over: current)
        var change = change(name: entry.name, function: entry.function, current: current, desired: desired)
        if change.action == .update, entry.read(current) == desired { change.action = .noOp }
        return change
    }

    /// The plan decided from what exists: create when nothing exists and something is wanted, delete when something
    /// exists and nothing is wanted, update when they differ, no-op otherwise.
    static func change(
        name: String, function: FunctionReference, current: EventInvokeConfig?, desired: EventInvokeConfig?,
        pruned: Bool = false
    ) -> Change {
        let action: Change.Action
        switch (current, desired) {
        case (nil, nil): action = .noOp
        case (nil, .some): action = .create
        case (.some, nil): action = .delete
        case (.some(let now), .some(let wanted)): action = now == wanted ? .noOp : .update
        }
        return Change(
            name: name, function: function, action: action, current: current, desired: desired, pruned: pruned)
    }
}
