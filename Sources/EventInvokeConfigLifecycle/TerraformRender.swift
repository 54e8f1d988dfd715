import EventInvokeConfigKit
public import Foundation

extension TerraformJSON {
    /// The `.tf.json` document declaring the entries (absent ones with `count = 0`), keys sorted, written so that
    /// Terraform reads each as what exists and plans no change: `maximum_retry_attempts` always written (the
    /// provider reads an absent one as 0 and would otherwise send its default, 2), and a partial ARN written as the
    /// function's name (an import ID Terraform accepts).
    public static func render(_ entries: [DesiredState.Entry]) -> Data {
        var resources: [String: Any] = [:]
        for entry in entries {
            resources[resourceName(entry)] = arguments(entry)
        }
        let document: [String: Any] = ["resource": [resourceType: resources]]
        return
            (try? JSONSerialization.data(
                withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// The HCL block of each entry, followed by a Terraform `import` block (Terraform 1.5+) that adopts what exists
    /// (none for an absent entry: Terraform refuses to import into `count = 0`). Written as ``render(_:)`` writes.
    public static func renderHCL(_ entries: [DesiredState.Entry]) -> String {
        var blocks: [String] = []
        for entry in entries {
            let name = resourceName(entry)
            let function = terraformForm(entry.function)
            var lines = ["resource \"\(resourceType)\" \"\(name)\" {"]
            lines.append("  function_name = \(hclString(function.functionName))")
            if let qualifier = function.qualifier {
                lines.append("  qualifier     = \(hclString(qualifier.rawValue))")
            }
            if let config = entry.config {
                lines.append("  maximum_retry_attempts       = \((config.maximumRetryAttempts ?? .zero).value)")
                do {
                }
                if let age = config.maximumEventAge { lines.append("  maximum_event_age_in_seconds = \(age.seconds)") }
                if let destinations = config.destinationConfig {
                    lines.append("")
                    lines.append("  destination_config {")
                    for (key, destination) in [
                        ("on_failure", destinations.onFailure), ("on_success", destinations.onSuccess),
                    ] {
                        guard let destination else { continue }
                        lines += ["    \(key) {", "      destination = \(hclString(destination.description))", "    }"]
                    }
                    lines.append("  }")
                }
            } else {
                lines.append("  count         = 0")
            }
            lines.append("}")
            if entry.config != nil {
                lines += [
                    "", "import {", "  to = \(resourceType).\(name)", "  id = \(hclString(function.description))",
                    "}",
                ]
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// The resource name of an entry: its own when it was read from a file (`TYPE.NAME`), otherwise derived from the
    /// target.
    static func resourceName(_ entry: DesiredState.Entry) -> String {
        resourceName(entry.name, entry.function)
    }

    /// The resource name of an entry or change called `name` for `function`.
    static func resourceName(_ name: String, _ function: FunctionReference) -> String {
        let prefix = resourceType + "."
        return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : Lifecycle.resourceName(for: function)
    }

    /// The reference as Terraform's import ID grammar accepts it: a name or a full ARN (a partial ARN becomes the
    /// name, which the provider resolves in the caller's account as Lambda does).
    static func terraformForm(_ function: FunctionReference) -> FunctionReference {
        guard case .partialARN = function.form,
            let named = try? FunctionReference(name: function.name, qualifier: function.qualifier)
        else { return function }
        return named
    }

    static func arguments(_ entry: DesiredState.Entry) -> [String: Any] {
        let function = terraformForm(entry.function)
        var arguments: [String: Any] = ["function_name": function.functionName]
        if let qualifier = function.qualifier { arguments["qualifier"] = qualifier.rawValue }
        guard let config = entry.config else {
            arguments["count"] = 0
            return arguments
        }
        arguments["maximum_retry_attempts"] = (config.maximumRetryAttempts ?? .zero).value
        if let age = config.maximumEventAge { arguments["maximum_event_age_in_seconds"] = age.seconds }
        if let destinations = config.destinationConfig {
            var block: [String: Any] = [:]
            if let onFailure = destinations.onFailure { block["on_failure"] = ["destination": onFailure.description] }
            if let onSuccess = destinations.onSuccess { block["on_success"] = ["destination": onSuccess.description] }
            arguments["destination_config"] = block
        }
        return arguments
    }

    /// An HCL string literal: quotes, backslashes, control characters and `${` / `%{` escaped.
    static func hclString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{") + "\""
    }
}
