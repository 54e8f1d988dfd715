import Foundation

/// The constraints Lambda's service model puts on the members the emulator reads, checked as the service checks
/// them before anything else: every violation is listed in one 400 `ValidationException`,
/// `N validation error(s) detected: Value 'V' at 'member' failed to satisfy constraint: …; …`.
///
/// The bounds and patterns are data, not code: ``botocoreDocument`` (generated from botocore's
/// `lambda/2015-03-31/service-2.json` by `Tests/Scripts/service_model_constraints.py`, which names the botocore
/// version), read once here. A member is checked against its shape by name, so a newer model changes the
/// emulator by regenerating that file.
struct ServiceModel {
    /// One shape's constraints.
    struct Shape: Decodable {
        var type: String
        var min: Int?
        var max: Int?
        var pattern: String?
    }

    struct Document: Decodable {
        var source: String
        var shapes: [String: Shape]
    }

    /// Where the constraints come from (`botocore VERSION, …`).
    let source: String
    private let shapes: [String: Shape]
    private let patterns: [String: Regex<AnyRegexOutput>]

    /// Reads ``botocoreDocument``; `nil` only if it does not decode or a pattern does not compile (a test proves
    /// neither happens).
    init?() {
        guard let document = try? JSONDecoder().decode(Document.self, from: Data(ServiceModel.botocoreDocument.utf8))
        else { return nil }
        var patterns: [String: Regex<AnyRegexOutput>] = [:]
        for (name, shape) in document.shapes {
            guard let pattern = shape.pattern else { continue }
            guard let regex = try? Regex(pattern) else { return nil }
            patterns[name] = regex
        }
        self.source = document.source
        self.shapes = document.shapes
        self.patterns = patterns
    }

    /// The pattern of a shape, as the model states it (quoted in messages).
    func pattern(of shape: String) -> String? { shapes[shape]?.pattern }

    /// Whether `text` satisfies the shape's pattern (a shape with none accepts everything).
    func matches(_ text: String, shape: String) -> Bool {
        guard let regex = patterns[shape] else { return true }
        return (try? regex.wholeMatch(in: text)) != nil
    }

    /// Checks a string member against its shape's length bounds (UTF-16 units, as the service counts) and pattern.
    func check(string value: String, at member: String, shape name: String, into violations: inout ConstraintViolations)
    {
        guard let shape = shapes[name] else { return }
        let length = value.utf16.count
        if let min = shape.min, length < min {
            violations.add(value, member, "Member must have length greater than or equal to \(min)")
        }
        if let max = shape.max, length > max {
            violations.add(value, member, "Member must have length less than or equal to \(max)")
        }
        if let pattern = shape.pattern, !matches(value, shape: name) {
            violations.add(value, member, "Member must satisfy regular expression pattern: \(pattern)")
        }
    }

    /// Checks an integer member against its shape's value bounds.
    func check(integer value: Int, at member: String, shape name: String, into violations: inout ConstraintViolations) {
        guard let shape = shapes[name] else { return }
        if let min = shape.min, value < min {
            violations.add(String(value), member, "Member must have value greater than or equal to \(min)")
        }
        if let max = shape.max, value > max {
            violations.add(String(value), member, "Member must have value less than or equal to \(max)")
        }
    }

    /// The parts of a `FunctionName` the `NamespacedFunctionName` pattern accepted.
    struct NameParts {
        var region: String?
        var accountID: String?
        var name: String
        var qualifier: String?
    }

    /// The capture groups of `NamespacedFunctionName` that hold the parts: `REGION:`, `ACCOUNT:`, the name and the
    /// qualifier (a test splits full and partial ARNs with them, so a regenerated pattern that moves a group fails
    /// there).
    static let functionNameGroups = (region: 3, account: 9, name: 11, qualifier: 13)

    /// Splits a function name that matches `NamespacedFunctionName` into its parts, read from the pattern's own
    /// groups; `nil` when it does not match.
    func parts(ofFunctionName text: String) -> NameParts? {
        let groups = ServiceModel.functionNameGroups
        guard let regex = patterns["NamespacedFunctionName"], let match = try? regex.wholeMatch(in: text),
            match.output.count > groups.qualifier, let name = match.output[groups.name].substring
        else { return nil }
        return NameParts(
            region: match.output[groups.region].substring.map { String($0.dropLast()) },
            accountID: match.output[groups.account].substring.map { String($0.dropLast()) },
            name: String(name), qualifier: match.output[groups.qualifier].substring.map(String.init))
    }
}

/// The constraint violations of one request, in the order the service lists them.
struct ConstraintViolations {
    private(set) var messages: [String] = []

    mutating func add(_ value: String, _ member: String, _ constraint: String) {
        messages.append("Value '\(value)' at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// A member that is required and absent: `Value null at 'member' failed to satisfy constraint: Member must not
    /// be null`.
    mutating func addNull(_ member: String) {
        messages.append("Value null at '\(member)' failed to satisfy constraint: Member must not be null")
    }

    /// The `ValidationException` for the violations, or `nil` when there are none.
    var error: LambdaError? {
        guard !messages.isEmpty else { return nil }
        let count = messages.count == 1 ? "1 validation error" : "\(messages.count) validation errors"
        return LambdaError.validation("\(count) detected: " + messages.joined(separator: "; "))
    }
}
