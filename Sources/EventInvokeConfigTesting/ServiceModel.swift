import Foundation

/// The constraints Lambda's service model puts on the members of the event-invoke-config operations, checked as the
/// service checks them before anything else: every violation is listed in one 400 `ValidationException`,
/// `N validation error(s) detected: Value 'V' at 'member' failed to satisfy constraint: …; …`.
///
/// The patterns and bounds are the service model's (botocore's `lambda/2015-03-31/service-2.json`, Apache-2.0):
/// `NamespacedFunctionName`, `NumericLatestPublishedOrAliasQualifier`, `DestinationArn`, `MaximumRetryAttempts`,
/// `MaximumEventAgeInSeconds`, `MaxFunctionEventInvokeConfigListItems`.
struct ServiceModel {
    static let functionNamePattern =
        #"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?"#
        + #"([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?"#
    static let qualifierPattern = #"\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+"#
    static let destinationPattern =
        #"$|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:"#
        + #"([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)"#

    let functionName: Regex<AnyRegexOutput>
    let qualifier: Regex<AnyRegexOutput>
    let destination: Regex<AnyRegexOutput>

    /// Compiles the patterns; `nil` only if one of the literals above did not compile (a test proves they do).
    init?() {
        guard let functionName = try? Regex(ServiceModel.functionNamePattern),
            let qualifier = try? Regex(ServiceModel.qualifierPattern),
            let destination = try? Regex(ServiceModel.destinationPattern)
        else { return nil }
        self.functionName = functionName
        self.qualifier = qualifier
        self.destination = destination
    }

    /// The parts of a `FunctionName` the pattern accepted, read from the pattern's own groups.
    struct NameParts {
        var region: String?
        var accountID: String?
        var name: String
        var qualifier: String?
    }

    /// Splits a function name that matches ``functionNamePattern`` into its parts; `nil` when it does not match.
    func parts(ofFunctionName text: String) -> NameParts? {
        guard let match = try? functionName.wholeMatch(in: text), match.output.count > 12,
            let name = match.output[10].substring
        else { return nil }
        return NameParts(
            region: match.output[3].substring.map { String($0.dropLast()) },
            accountID: match.output[8].substring.map { String($0.dropLast()) },
            name: String(name), qualifier: match.output[12].substring.map(String.init))
    }

    func matches(_ regex: Regex<AnyRegexOutput>, _ text: String) -> Bool {
        (try? regex.wholeMatch(in: text)) != nil
    }
}

/// The constraint violations of one request, in the order the service lists them.
struct ConstraintViolations {
    private(set) var messages: [String] = []

    mutating func check(string value: String, at member: String, min: Int, max: Int, pattern: String?, matches: Bool) {
        let length = value.utf16.count
        if length < min { add(value, member, "Member must have length greater than or equal to \(min)") }
        if length > max { add(value, member, "Member must have length less than or equal to \(max)") }
        if let pattern, !matches { add(value, member, "Member must satisfy regular expression pattern: \(pattern)") }
    }

    mutating func check(integer value: Int, at member: String, min: Int, max: Int) {
        if value < min { add(String(value), member, "Member must have value greater than or equal to \(min)") }
        if value > max { add(String(value), member, "Member must have value less than or equal to \(max)") }
    }

    private mutating func add(_ value: String, _ member: String, _ constraint: String) {
        messages.append("Value '\(value)' at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// The `ValidationException` for the violations, or `nil` when there are none.
    var error: LambdaError? {
        guard !messages.isEmpty else { return nil }
        let count = messages.count == 1 ? "1 validation error" : "\(messages.count) validation errors"
        return LambdaError.validation("\(count) detected: " + messages.joined(separator: "; "))
    }
}
