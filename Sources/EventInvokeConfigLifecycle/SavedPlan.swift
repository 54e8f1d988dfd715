public import EventInvokeConfigKit
public import Foundation

/// A plan written to a file to be applied later exactly as reviewed (`eic plan -out FILE`, `eic apply FILE`), as
/// Terraform's saved plans are: the changes with what each target held when planned, and where they were planned
/// (region and endpoint), so an apply elsewhere or after something changed is refused rather than guessed at.
public struct SavedPlan: Codable, Sendable {
    /// The file format's version.
    public static let formatVersion = 1

    /// One provider's plan: the provider's configuration, where it was planned, and its changes.
    public struct Part: Codable, Sendable {
        /// The provider block (its address is `aws` or `aws.ALIAS`).
        public var provider: TerraformJSON.Provider
        /// The region the plan read.
        public var region: String
        /// The endpoint the plan read.
        public var endpoint: String
        /// The changes, each with the config the target held when planned.
        public var plan: Plan

        /// Creates a part.
        public init(provider: TerraformJSON.Provider = .implicitDefault, region: String, endpoint: String, plan: Plan) {
            self.provider = provider
            self.region = region
            self.endpoint = endpoint
            self.plan = plan
        }

        enum CodingKeys: String, CodingKey { case provider, region, endpoint, changes }

        /// Decodes a part.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            provider = try container.decode(TerraformJSON.Provider.self, forKey: .provider)
            region = try container.decode(String.self, forKey: .region)
            endpoint = try container.decode(String.self, forKey: .endpoint)
            plan = Plan(changes: try container.decode([Plan.Change].self, forKey: .changes))
        }

        /// Encodes a part.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(provider, forKey: .provider)
            try container.encode(region, forKey: .region)
            try container.encode(endpoint, forKey: .endpoint)
            try container.encode(plan.changes, forKey: .changes)
        }
    }

    /// Each provider's plan, in the order planned.
    public var parts: [Part]
    /// The version of the package that wrote the plan.
    public var writtenBy: String

    /// Creates a saved plan.
    public init(parts: [Part], writtenBy: String = PackageVersion.current) {
        self.parts = parts
        self.writtenBy = writtenBy
    }

    /// Every provider's changes in one plan.
    public var plan: Plan { Plan(changes: parts.flatMap(\.plan.changes)) }

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", writtenBy = "written_by", providers
    }

    /// Reads a plan file.
    ///
    /// - Throws: ``SavedPlanError`` when the data is not a plan of this format.
    public static func read(_ data: Data) throws(SavedPlanError) -> SavedPlan {
        do {
            return try JSONDecoder().decode(SavedPlan.self, from: data)
        } catch let error as SavedPlanError {
            throw error
        } catch {
            throw SavedPlanError(message: "not an eic plan file: \(error)")
        }
    }

    /// The plan file's bytes (JSON, keys sorted).
    public func data() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Decodes a plan file; a file of another format or version is a ``SavedPlanError`` naming both.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard format == "eic-plan", version == SavedPlan.formatVersion else {
            throw SavedPlanError(
                message: "a plan file of format \(format) version \(version); this eic reads eic-plan version "
                    + "\(SavedPlan.formatVersion)")
        }
        writtenBy = try container.decode(String.self, forKey: .writtenBy)
        parts = try container.decode([Part].self, forKey: .providers)
    }

    /// Encodes the plan file's members.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("eic-plan", forKey: .format)
        try container.encode(SavedPlan.formatVersion, forKey: .formatVersion)
        try container.encode(writtenBy, forKey: .writtenBy)
        try container.encode(parts, forKey: .providers)
    }
}

/// A plan file that cannot be read, or no longer applies.
public struct SavedPlanError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

extension Plan.Change: Codable {
    enum CodingKeys: String, CodingKey {
        case name, function, action, current, desired, pruned
    }

    /// Decodes a change as a plan file holds it (the function as its text, the configs in Lambda's wire shape).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        let text = try container.decode(String.self, forKey: .function)
        do {
            function = try FunctionReference(text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .function, in: container, debugDescription: "\(error)")
        }
        let actionText = try container.decode(String.self, forKey: .action)
        guard let action = Action(rawValue: actionText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .action, in: container, debugDescription: "unknown action \(actionText)")
        }
        self.action = action
        current = try container.decodeIfPresent(EventInvokeConfig.self, forKey: .current)
        desired = try container.decodeIfPresent(EventInvokeConfig.self, forKey: .desired)
        pruned = try container.decode(Bool.self, forKey: .pruned)
    }

    /// Encodes a change as a plan file holds it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(function.description, forKey: .function)
        try container.encode(action.rawValue, forKey: .action)
        try container.encodeIfPresent(current, forKey: .current)
        try container.encodeIfPresent(desired, forKey: .desired)
        try container.encode(pruned, forKey: .pruned)
    }
}

extension Lifecycle {
    /// The changes of a saved plan whose target no longer holds what it held when planned (Terraform refuses a
    /// stale plan the same way): each with what it holds now. Empty when the plan still applies as reviewed.
    ///
    /// - Throws: the first ``EventInvokeConfigError`` other than "not found".
    public func staleChanges(in plan: Plan) async throws -> [(change: Plan.Change, now: EventInvokeConfig?)] {
        let now = try await forEach(plan.changes) { change in try await read(change.function) }
        return zip(plan.changes, now).filter { $0.0.current != $0.1 }.map { ($0.0, $0.1) }
    }
}
