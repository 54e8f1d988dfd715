import EventInvokeConfigARN

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Lambda's REST-JSON shapes. Request encoding omits unset fields; a record is encoded as Lambda answers it (both
// destination halves, `{}` when unset). Decoding is lenient where the service can be: `null`, `{}` and empty
// destinations are unset, unknown keys are ignored, and a destination this library would not send (a FIFO queue, a
// Kafka URI, another service) is kept with its reason (`Destination(received:)`). Values the service can never
// return (a retry count of 7, a `FunctionArn` that is not a function ARN, a member of the wrong type) are a
// `DecodingError` whose coding path and message name the field: a server can never crash the client.

enum WireKey: String, CodingKey {
    case functionARN = "FunctionArn"
    case lastModified = "LastModified"
    case maximumRetryAttempts = "MaximumRetryAttempts"
    case maximumEventAge = "MaximumEventAgeInSeconds"
    case destinationConfig = "DestinationConfig"
    case onSuccess = "OnSuccess"
    case onFailure = "OnFailure"
    case destination = "Destination"
    case configs = "FunctionEventInvokeConfigs"
    case nextMarker = "NextMarker"
}

/// The three settings, shared by configs, patches and records.
struct WireSettings {
    var maximumRetryAttempts: MaximumRetryAttempts?
    var maximumEventAge: MaximumEventAge?
    var destinationConfig: DestinationConfig?

    /// Writes the settings; `bothHalves` writes `DestinationConfig` with both halves (`{}` when unset) even when no
    /// destination is set, as Lambda's responses do.
    func encode(into container: inout KeyedEncodingContainer<WireKey>, bothHalves: Bool = false) throws {
        try container.encodeIfPresent(maximumRetryAttempts?.value, forKey: .maximumRetryAttempts)
        try container.encodeIfPresent(maximumEventAge?.seconds, forKey: .maximumEventAge)
        guard destinationConfig != nil || bothHalves else { return }
        var nested = container.nestedContainer(keyedBy: WireKey.self, forKey: .destinationConfig)
        for (key, destination) in [
            (WireKey.onSuccess, destinationConfig?.onSuccess),
            (.onFailure, destinationConfig?.onFailure),
        ] {
            guard destination != nil || bothHalves else { continue }
            var half = nested.nestedContainer(keyedBy: WireKey.self, forKey: key)
            try half.encodeIfPresent(destination?.description, forKey: .destination)
        }
    }

    init(
        maximumRetryAttempts: MaximumRetryAttempts?, maximumEventAge: MaximumEventAge?,
        destinationConfig: DestinationConfig?
    ) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAge = maximumEventAge
        self.destinationConfig = destinationConfig
    }

    init(from container: KeyedDecodingContainer<WireKey>) throws {
        if let retries = try container.decodeIfPresent(Int.self, forKey: .maximumRetryAttempts) {
            maximumRetryAttempts = try validated(container, .maximumRetryAttempts) {
                () throws(InvalidValueError) in try MaximumRetryAttempts(retries)
            }
        }
        if let age = try container.decodeIfPresent(Int.self, forKey: .maximumEventAge) {
            maximumEventAge = try validated(container, .maximumEventAge) {
                () throws(InvalidValueError) in try MaximumEventAge(seconds: age)
            }
        }
        guard try container.contains(.destinationConfig) && !container.decodeNil(forKey: .destinationConfig) else {
            return
        }
        let nested = try container.nestedContainer(keyedBy: WireKey.self, forKey: .destinationConfig)
        let onSuccess = try WireSettings.destination(in: nested, half: .onSuccess)
        let onFailure = try WireSettings.destination(in: nested, half: .onFailure)
        if onSuccess != nil || onFailure != nil {
            destinationConfig = DestinationConfig(receivedOnSuccess: onSuccess, onFailure: onFailure)
        }
    }

    private static func destination(
        in container: KeyedDecodingContainer<WireKey>, half: WireKey
    ) throws -> Destination? {
        guard try container.contains(half) && !container.decodeNil(forKey: half) else { return nil }
        let inner = try container.nestedContainer(keyedBy: WireKey.self, forKey: half)
        guard let arn = try inner.decodeIfPresent(String.self, forKey: .destination), !arn.isEmpty else { return nil }
        return Destination(received: arn, field: "DestinationConfig.\(half.stringValue).Destination")
    }
}

/// Runs a validating initialiser and turns its error into a `DecodingError` at `key`.
func validated<T>(
    _ container: KeyedDecodingContainer<WireKey>, _ key: WireKey, _ make: () throws(InvalidValueError) -> T
) throws -> T {
    do {
        return try make()
    } catch {
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container, debugDescription: error.description)
    }
}

extension EventInvokeConfig: Codable {
    /// Encodes the Put request body.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        try WireSettings(
            maximumRetryAttempts: maximumRetryAttempts, maximumEventAge: maximumEventAge,
            destinationConfig: destinationConfig
        ).encode(into: &container)
    }

    /// Decodes the settings from a response object, ignoring other keys.
    public init(from decoder: any Decoder) throws {
        let settings = try WireSettings(from: decoder.container(keyedBy: WireKey.self))
        self.init(
            maximumRetryAttempts: settings.maximumRetryAttempts, maximumEventAge: settings.maximumEventAge,
            destinationConfig: settings.destinationConfig)
    }
}

extension EventInvokeConfigPatch: Encodable {
    /// Encodes the Update request body: only the fields that change.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        try WireSettings(
            maximumRetryAttempts: maximumRetryAttempts, maximumEventAge: maximumEventAge,
            destinationConfig: destinationConfig
        ).encode(into: &container)
    }
}

extension EventInvokeConfigRecord: Codable {
    /// Decodes a `FunctionEventInvokeConfig` response object. `LastModified` may be epoch seconds (a number, as
    /// Lambda sends) or an ISO-8601 string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: WireKey.self)
        let arn = try container.decode(String.self, forKey: .functionARN)
        functionARN = try validated(container, .functionARN) { () throws(InvalidValueError) in
            let reference = try FunctionReference(arn, field: "FunctionArn")
            guard case .arn = reference.form else {
                throw InvalidValueError(
                    .malformedARN, field: "FunctionArn", value: arn, reason: "FunctionArn must be a full ARN",
                    rule: "arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]")
            }
            return reference
        }
        lastModified = try EventInvokeConfigRecord.decodeTimestamp(container)
        let settings = try WireSettings(from: container)
        config = EventInvokeConfig(
            maximumRetryAttempts: settings.maximumRetryAttempts, maximumEventAge: settings.maximumEventAge,
            destinationConfig: settings.destinationConfig)
    }

    /// Encodes the record as the service does: `LastModified` in epoch seconds with milliseconds, and
    /// `DestinationConfig` with both halves (`{}` for an unset one) whether or not a destination is set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        try container.encode(functionARN.description, forKey: .functionARN)
        let milliseconds = (lastModified.timeIntervalSince1970 * 1000).rounded()
        try container.encode(milliseconds / 1000, forKey: .lastModified)
        try WireSettings(
            maximumRetryAttempts: config.maximumRetryAttempts, maximumEventAge: config.maximumEventAge,
            destinationConfig: config.destinationConfig
        ).encode(into: &container, bothHalves: true)
    }

    private static func decodeTimestamp(_ container: KeyedDecodingContainer<WireKey>) throws -> Date {
        if let seconds = try? container.decode(Double.self, forKey: .lastModified) {
            guard Timestamp.isPlausible(seconds) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .lastModified, in: container,
                    debugDescription: "LastModified \(seconds) is not a plausible epoch-seconds timestamp")
            }
            return Date(timeIntervalSince1970: seconds)
        }
        let text = try container.decode(String.self, forKey: .lastModified)
        if let date = Timestamp.parseISO8601(text) { return date }
        if let seconds = Double(text), Timestamp.isPlausible(seconds) {
            return Date(timeIntervalSince1970: seconds)
        }
        throw DecodingError.dataCorruptedError(
            forKey: .lastModified, in: container,
            debugDescription: "LastModified \(InvalidValueError.quote(text)) is neither epoch seconds nor ISO-8601")
    }
}

extension EventInvokeConfigPage: Codable {
    /// Decodes a `ListFunctionEventInvokeConfigs` response; `FunctionEventInvokeConfigs` is required (Lambda always
    /// sends it, `[]` when there is none), so a body without it is an invalid response, not an empty page.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: WireKey.self)
        records = try container.decode([EventInvokeConfigRecord].self, forKey: .configs)
        let marker = try container.decodeIfPresent(String.self, forKey: .nextMarker)
        nextMarker = marker?.isEmpty == true ? nil : marker
    }

    /// Encodes the page as the service does.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        try container.encode(records, forKey: .configs)
        try container.encodeIfPresent(nextMarker, forKey: .nextMarker)
    }
}
