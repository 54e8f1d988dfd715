import EventInvokeConfigKit
public import Foundation

extension Plan {
    /// The plan as `terraform show -json` prints one, in the subset policy tools (OPA/conftest, Sentinel, Checkov)
    /// read: `format_version`, and `resource_changes[]` with `address`, `mode`, `type`, `name`, `provider_name` and
    /// `change` (`actions`: `["create"]`, `["update"]`, `["delete"]` or `["no-op"]`; `before` and `after` in the
    /// resource's attributes, as the provider reads and plans them: `before` holds what exists with an absent
    /// retry count or age as 0, `after` what the configuration sets, `null` where it sets nothing).
    ///
    /// A pruned config has no resource in the file: its address is derived from its target.
    public func terraformJSON() -> Data {
        let document: [String: Any] = [
            "format_version": "1.2",
            "resource_changes": changes.map(Self.resourceChange),
        ]
        return
            (try? JSONSerialization.data(
                withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    static func resourceChange(_ change: Change) -> [String: Any] {
        let name = TerraformJSON.resourceName(change.name, change.function)
        let actions: [String]
        switch change.action {
        case .create: actions = ["create"]
        case .update: actions = ["update"]
        case .delete: actions = ["delete"]
        case .noOp: actions = ["no-op"]
        }
        let before: Any = change.action == .create ? NSNull() : attributes(change.current, change.function, read: true)
        let after: Any = change.action == .delete ? NSNull() : attributes(change.desired, change.function, read: false)
        return [
            "address": TerraformJSON.resourceType + "." + name, "mode": "managed", "type": TerraformJSON.resourceType,
            "name": name,
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": ["actions": actions, "before": before, "after": after],
        ]
    }

    /// The resource's attributes for a config: as the provider reads what exists (`read`: absent numbers are 0, the
    /// qualifier `""`) or as a configuration plans it (absent is `null`).
    static func attributes(_ config: EventInvokeConfig?, _ function: FunctionReference, read: Bool) -> [String: Any] {
        let absent: Any = read ? 0 : NSNull()
        var destinations: [[String: Any]] = []
        if let config = config?.destinationConfig {
            func half(_ destination: Destination?) -> [[String: String]] {
                destination.map { [["destination": $0.description]] } ?? []
            }
            destinations = [["on_failure": half(config.onFailure), "on_success": half(config.onSuccess)]]
        }
        let id = ImportID(function)
        var attributes: [String: Any] = [
            "id": read ? id.id : NSNull(), "function_name": id.functionName,
            "maximum_retry_attempts": absent, "maximum_event_age_in_seconds": absent,
            "destination_config": destinations,
        ]
        if let qualifier = id.qualifier {
            attributes["qualifier"] = qualifier.rawValue
        } else {
            attributes["qualifier"] = read ? "" : NSNull()
        }
        if let retries = config?.maximumRetryAttempts { attributes["maximum_retry_attempts"] = retries.value }
        if let age = config?.maximumEventAge { attributes["maximum_event_age_in_seconds"] = age.seconds }
        return attributes
    }
}
