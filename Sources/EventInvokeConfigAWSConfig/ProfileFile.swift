public import EventInvokeConfigCore

/// The profiles of the AWS shared config file (`~/.aws/config`) and credentials file (`~/.aws/credentials`), parsed
/// and merged as every AWS SDK and the AWS CLI do.
///
/// The rules (the cross-SDK profile-parser test cases pass):
/// - `[profile NAME]` and `[default]` in the config file, `[NAME]` in the credentials file; `[profile default]`
///   wins over `[default]` in the config file; a config section without the `profile` prefix, or a credentials
///   section with it, is ignored. `[sso-session NAME]` and `[services NAME]` are sections of the config file.
/// - Names use letters, digits and `-/.%@_:+`; a section or property with another name is ignored (not an error).
/// - Properties are `key = value`; keys are case-insensitive (kept lowercased); a `#` or `;` after whitespace starts
///   a comment; values continue on following lines that start with whitespace; a property with an empty value
///   holds sub-properties (`s3 =` then indented `endpoint_url = …`).
/// - Sections with the same name merge; the last value of a key wins; the credentials file wins over the config
///   file.
public struct ProfileFile: Sendable, Hashable, RedactedDescription {
    /// The profiles by name: each a table of lowercased keys to values.
    public var profiles: [String: [String: String]]
    /// The `[sso-session NAME]` sections by name.
    public var ssoSessions: [String: [String: String]]
    /// The `[services NAME]` sections by name.
    public var services: [String: [String: String]]

    /// Every section with its settings, key IDs masked and secrets (keys, tokens, `credential_process`) redacted.
    public var description: String {
        func sections(_ tables: [String: [String: String]]) -> String {
            "["
                + tables.sorted { $0.key < $1.key }.map { "\($0.key): \(Redaction.line($0.value))" }
                .joined(separator: ", ") + "]"
        }
        return "ProfileFile(profiles: \(sections(profiles)), ssoSessions: \(sections(ssoSessions)), "
            + "services: \(sections(services)))"
    }

    /// Creates a set of profiles.
    public init(
        profiles: [String: [String: String]] = [:], ssoSessions: [String: [String: String]] = [:],
        services: [String: [String: String]] = [:]
    ) {
        self.profiles = profiles
        self.ssoSessions = ssoSessions
        self.services = services
    }

    /// Which of the two files a text is: they name profiles differently.
    public enum Kind: String, Sendable {
        /// `~/.aws/config`: `[profile NAME]`, `[default]`, `[sso-session NAME]`, `[services NAME]`.
        case config
        /// `~/.aws/credentials`: `[NAME]`.
        case credentials
    }

    /// Parses and merges a config file and a credentials file (either may be `nil`: not present).
    ///
    /// - Parameters:
    ///   - config: the config file's text and the path to name in errors.
    ///   - credentials: the credentials file's text and path.
    /// - Throws: ``ProfileFileError`` naming the file, the line and the rule for a line that is not a section,
    ///   property or continuation.
    public static func parse(
        config: (text: String, path: String)? = nil, credentials: (text: String, path: String)? = nil
    ) throws(ProfileFileError) -> ProfileFile {
        var merged = ProfileFile()
        if let config { try merged.merge(config.text, kind: .config, path: config.path) }
        if let credentials { try merged.merge(credentials.text, kind: .credentials, path: credentials.path) }
        return merged
    }

    /// The sub-properties of a property (`s3 =` followed by indented `key = value` lines), lowercased keys.
    public static func subProperties(_ value: String) -> [String: String] {
        var table: [String: String] = [:]
        for line in value.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = ASCII.trimmed(line[..<equals]).lowercased()
            if !key.isEmpty { table[key] = String(ASCII.trimmed(line[line.index(after: equals)...])) }
        }
        return table
    }

    private enum SectionKind { case profile, ssoSession, services }

    private struct Section {
        var kind: SectionKind
        var name: String
        /// Whether the header was `[profile default]` (not `[default]`).
        var isPrefixedDefault = false
    }

    /// Parses one file into this set (its sections merge into those already read).
    private mutating func merge(_ text: String, kind: Kind, path: String) throws(ProfileFileError) {
        var parsed: [(Section, [(String, String)])] = []
        // The section being read: `nil` before the first one; `.some(nil)` for an ignored one.
        var current: Section?? = nil
        var currentProperty: (key: String, value: String, hasSubProperties: Bool)?
        var properties: [(String, String)] = []
        func closeProperty() {
            if let property = currentProperty { properties.append((property.key, property.value)) }
            currentProperty = nil
        }
        func closeSection() {
            closeProperty()
            if case .some(.some(let section)) = current { parsed.append((section, properties)) }
            properties = []
        }
        var number = 0
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let content = ASCII.trimmed(line)
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix(";") { continue }
            func failure(_ rule: String) -> ProfileFileError {
                ProfileFileError(path: path, line: number, rule: rule)
            }
            if let first = line.first, first == " " || first == "\t" {
                guard current != nil else { throw failure("Expected a profile definition") }
                guard var property = currentProperty else {
                    throw failure("Expected a property definition, found continuation")
                }
                if property.hasSubProperties {
                    guard let equals = content.firstIndex(of: "=") else {
                        throw failure("Expected an '=' sign defining a sub-property")
                    }
                    if ASCII.trimmed(content[..<equals]).isEmpty {
                        throw failure("Sub-property did not have a name")
                    }
                }
                property.value += "\n" + content
                currentProperty = property
                continue
            }
            if line.first == "[" {
                closeSection()
                let header = ASCII.trimmed(line.prefix { $0 != "#" && $0 != ";" })
                guard header.hasSuffix("]") else { throw failure("Profile definition must end with ']'") }
                current = .some(ProfileFile.section(header.dropFirst().dropLast(), kind: kind))
                continue
            }
            guard current != nil else { throw failure("Expected a profile definition") }
            guard let equals = line.firstIndex(of: "=") else {
                throw failure("Expected an '=' sign defining a property")
            }
            closeProperty()
            let key = ASCII.trimmed(line[..<equals])
            guard !key.isEmpty else { throw failure("Property did not have a name") }
            let value = ASCII.trimmed(ProfileFile.withoutComment(line[line.index(after: equals)...]))
            // A key with other characters is ignored with its continuation lines (kept under the empty key, which
            // is never stored).
            let name = ProfileFile.isValidName(key) ? key.lowercased() : ""
            currentProperty = (name, String(value), value.isEmpty)
        }
        closeSection()
        // `[profile default]` in the config file hides every `[default]` there.
        let hasPrefixedDefault = parsed.contains {
            $0.0.kind == .profile && $0.0.name == "default" && $0.0.isPrefixedDefault
        }
        for (section, entries) in parsed {
            if hasPrefixedDefault && section.kind == .profile && section.name == "default"
                && !section.isPrefixedDefault
            {
                continue
            }
            var table: [String: String]
            switch section.kind {
            case .profile: table = profiles[section.name] ?? [:]
            case .ssoSession: table = ssoSessions[section.name] ?? [:]
            case .services: table = services[section.name] ?? [:]
            }
            for (key, value) in entries where !key.isEmpty { table[key] = value }
            switch section.kind {
            case .profile: profiles[section.name] = table
            case .ssoSession: ssoSessions[section.name] = table
            case .services: services[section.name] = table
            }
        }
    }

    /// The section a header names, or `nil` for one to ignore.
    private static func section(_ header: Substring, kind: Kind) -> Section? {
        let inner = ASCII.trimmed(header)
        func named(_ prefix: String) -> Substring? {
            guard inner.hasPrefix(prefix), let next = inner.dropFirst(prefix.count).first,
                next == " " || next == "\t"
            else { return nil }
            return ASCII.trimmed(inner.dropFirst(prefix.count))
        }
        var result: Section?
        switch kind {
        case .credentials:
            if named("profile") == nil { result = Section(kind: .profile, name: String(inner)) }
        case .config:
            if let name = named("profile") {
                result = Section(kind: .profile, name: String(name))
                result?.isPrefixedDefault = name == "default"
            } else if inner == "default" {
                result = Section(kind: .profile, name: "default")
            } else if let name = named("sso-session") {
                result = Section(kind: .ssoSession, name: String(name))
            } else if let name = named("services") {
                result = Section(kind: .services, name: String(name))
            }
        }
        guard let result, isValidName(result.name) else { return nil }
        return result
    }

    /// Letters, digits and `-/.%@_:+`, at least one.
    static func isValidName(_ name: some StringProtocol) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                    || "-/.%@_:+".unicodeScalars.contains(scalar)
            }
    }

    /// The value without a comment: `#` or `;` preceded by a space or tab starts one.
    private static func withoutComment(_ value: Substring) -> Substring {
        var previous: Character = " "
        for index in value.indices {
            let character = value[index]
            if (character == "#" || character == ";") && (previous == " " || previous == "\t") {
                return value[..<index]
            }
            previous = character
        }
        return value
    }
}

/// A config or credentials file that cannot be read, or a line of one that is not a section, property or
/// continuation.
public struct ProfileFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The line, from 1; `nil` when the file could not be read.
    public var line: Int?
    /// What was expected, or why the file could not be read.
    public var rule: String

    /// Creates an error.
    public init(path: String, line: Int?, rule: String) {
        self.path = path
        self.line = line
        self.rule = rule
    }

    /// `~/.aws/config, line 3: Expected an '=' sign defining a property`. The line's text is not repeated: it may
    /// be `aws_secret_access_key …` written wrong.
    public var description: String {
        guard let line else { return "\(DisplayText.quoted(path)): \(rule)" }
        return "\(path), line \(line): \(rule)"
    }
}
