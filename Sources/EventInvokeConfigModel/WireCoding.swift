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
    case configs = "FunctionEventInvokeConfigs"
    case nextMarker = "NextMarker"
}

/// The settings members of Lambda's JSON exactly as they travel, before any rule is applied: the one shape of
/// `MaximumRetryAttempts`, `MaximumEventAgeInSeconds` and `DestinationConfig` (`OnSuccess` / `OnFailure`, each
/// `{"Destination": …}`). The model's Codable conformances read and write through it, and the in-memory Lambda
/// reads request bodies with it, so that it can answer an out-of-range value as Lambda does.
package struct WireSettingsBody: Codable, Sendable, Hashable {
    /// One half of `DestinationConfig`.
    package struct Half: Codable, Sendable, Hashable {
        /// The destination ARN; `nil` (or empty) for none.
        package var destination: String?

        package init(destination: String?) { self.destination = destination }

        enum CodingKeys: String, CodingKey { case destination = "Destination" }
    }

    /// `DestinationConfig`.
    package struct Destinations: Codable, Sendable, Hashable {
        /// `OnSuccess`.
        package var onSuccess: Half?
        /// `OnFailure`.
        package var onFailure: Half?

        package init(onSuccess: Half?, onFailure: Half?) {
            self.onSuccess = onSuccess
            self.onFailure = onFailure
        }

        enum CodingKeys: String, CodingKey {
            case onSuccess = "OnSuccess"
            case onFailure = "OnFailure"
        }
    }

    /// `MaximumRetryAttempts`.
    package var maximumRetryAttempts: Int?
    /// `MaximumEventAgeInSeconds`.
    package var maximumEventAge: Int?
    /// `DestinationConfig`.
    package var destinationConfig: Destinations?

    package init(maximumRetryAttempts: Int?, maximumEventAge: Int?, destinationConfig: Destinations?) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAge = maximumEventAge
        self.destinationConfig = destinationConfig
    }

    enum CodingKeys: String, CodingKey {
        case maximumRetryAttempts = "MaximumRetryAttempts"
        case maximumEventAge = "MaximumEventAgeInSeconds"
        case destinationConfig = "DestinationConfig"
    }

    /// Whether the body sets nothing.
    package var isEmpty: Bool { maximumRetryAttempts == nil && maximumEventAge == nil && destinationConfig == nil }

    /// The halves that name a destination (`OnSuccess` first), with their ARNs.
    package var destinations: [(half: String, arn: String)] {
        [
            ("OnSuccess", destinationConfig?.onSuccess?.destination),
            ("OnFailure", destinationConfig?.onFailure?.destination),
        ]
        .compactMap { half, arn in arn.flatMap { $0.isEmpty ? nil : (half, $0) } }
    }
}

/// The three settings, shared by configs, patches and records: the body's values once the model's rules hold.
struct WireSettings {
    var maximumRetryAttempts: MaximumRetryAttempts?
    var maximumEventAge: MaximumEventAge?
    var destinationConfig: DestinationConfig?

    /// Writes the settings; `bothHalves` writes `DestinationConfig` with both halves (`{}` when unset) even when no
    /// destination is set, as Lambda's responses do.
    func encode(to encoder: any Encoder, bothHalves: Bool = false) throws {
        func half(_ destination: Destination?) -> WireSettingsBody.Half? {
            destination.map { WireSettingsBody.Half(destination: $0.description) }
                ?? (bothHalves ? WireSettingsBody.Half(destination: nil) : nil)
        }
        let destinations =
            destinationConfig != nil || bothHalves
            ? WireSettingsBody.Destinations(
                onSuccess: half(destinationConfig?.onSuccess), onFailure: half(destinationConfig?.onFailure)) : nil
        try WireSettingsBody(
            maximumRetryAttempts: maximumRetryAttempts?.value, maximumEventAge: maximumEventAge?.seconds,
            destinationConfig: destinations
        ).encode(to: encoder)
    }

    init(
        maximumRetryAttempts: MaximumRetryAttempts?, maximumEventAge: MaximumEventAge?,
        destinationConfig: DestinationConfig?
    ) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAge = maximumEventAge
        self.destinationConfig = destinationConfig
    }

    /// Reads the body and applies the model's rules: a value out of range is a `DecodingError` naming its key; an
    /// empty or `null` half is unset, and a destination this library would not send is kept with its reason.
    init(from decoder: any Decoder) throws {
        let body = try WireSettingsBody(from: decoder)
        let container = try decoder.container(keyedBy: WireKey.self)
        if let retries = body.maximumRetryAttempts {
            maximumRetryAttempts = try validated(container, .maximumRetryAttempts) {
                () throws(InvalidValueError) in try MaximumRetryAttempts(retries)
            }
        }
        if let age = body.maximumEventAge {
            maximumEventAge = try validated(container, .maximumEventAge) {
                () throws(InvalidValueError) in try MaximumEventAge(seconds: age)
            }
        }
        func destination(_ half: WireSettingsBody.Half?, _ name: String) -> Destination? {
            guard let arn = half?.destination, !arn.isEmpty else { return nil }
            return Destination(received: arn, field: "DestinationConfig.\(name).Destination")
        }
        let onSuccess = destination(body.destinationConfig?.onSuccess, "OnSuccess")
        let onFailure = destination(body.destinationConfig?.onFailure, "OnFailure")
        if onSuccess != nil || onFailure != nil {
            destinationConfig = DestinationConfig(receivedOnSuccess: onSuccess, onFailure: onFailure)
        }
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
        try WireSettings(
            maximumRetryAttempts: maximumRetryAttempts, maximumEventAge: maximumEventAge,
            destinationConfig: destinationConfig
        ).encode(to: encoder)
    }

    /// Decodes the settings from a response object, ignoring other keys.
    public init(from decoder: any Decoder) throws {
        let settings = try WireSettings(from: decoder)
        self.init(
            maximumRetryAttempts: settings.maximumRetryAttempts, maximumEventAge: settings.maximumEventAge,
            destinationConfig: settings.destinationConfig)
    }
}

extension EventInvokeConfigPatch: Encodable {
    /// Encodes the Update request body: only the fields that change.
    public func encode(to encoder: any Encoder) throws {
        try WireSettings(
            maximumRetryAttempts: maximumRetryAttempts, maximumEventAge: maximumEventAge,
            destinationConfig: destinationConfig
        ).encode(to: encoder)
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
        let settings = try WireSettings(from: decoder)
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
        ).encode(to: encoder, bothHalves: true)
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
