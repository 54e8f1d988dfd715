public import EventInvokeConfigARN

/// The asynchronous-invocation settings of a function (or of one of its versions or aliases): what Put sends and
/// what Get returns.
///
/// Every setting is optional. For Put, a `nil` setting means "remove it" (the service falls back to its default:
/// 2 retries, 6 hours); Put refuses a config with no setting at all (see ``validateForPut(function:)``).
/// The bounded types make out-of-range values unrepresentable.
public struct EventInvokeConfig: Sendable, Hashable {
    /// How many times Lambda retries a failed invocation; `nil` for the service default (2).
    public var maximumRetryAttempts: MaximumRetryAttempts?
    /// How old an event may get before Lambda drops it; `nil` for the service default (6 hours).
    public var maximumEventAge: MaximumEventAge?
    /// Where records of successes and failures go; `nil` for none.
    public var destinationConfig: DestinationConfig?

    /// Creates settings; all default to unset.
    public init(
        maximumRetryAttempts: MaximumRetryAttempts? = nil,
        maximumEventAge: MaximumEventAge? = nil,
        destinationConfig: DestinationConfig? = nil
    ) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAge = maximumEventAge
        self.destinationConfig = destinationConfig
    }

    /// Whether no setting is set.
    public var isEmpty: Bool { maximumRetryAttempts == nil && maximumEventAge == nil && destinationConfig == nil }

    /// Checks what the service would refuse before a Put (an empty config, a destination that is the configured
    /// function itself) and what this library refuses to send (a received destination with
    /// ``Destination/unsupportedReason``, such as a FIFO queue).
    ///
    /// - Throws: ``InvalidValueError`` with code `noSettings`, `selfDestination`, `emptyDestinationConfig` or the
    ///   unsupported destination's code.
    public func validateForPut(function: FunctionReference) throws(InvalidValueError) {
        guard !isEmpty else {
            throw InvalidValueError(
                .noSettings, field: "EventInvokeConfig", value: "{}",
                reason: "the config sets nothing",
                rule: "set at least one of MaximumRetryAttempts, MaximumEventAgeInSeconds, DestinationConfig; "
                    + "to remove a config, delete it")
        }
        try destinationConfig?.checkSendable(function: function)
    }
}

extension DestinationConfig {
    /// Throws when the configuration cannot be sent (an empty or unsupported received one) or a Lambda destination
    /// is the configured function itself.
    func checkSendable(function: FunctionReference) throws(InvalidValueError) {
        if isEmpty { throw DestinationConfig.empty }
        if let reason = unsupportedReason { throw reason }
        for (half, destination) in destinations {
            guard let target = destination.function, target.mayReferToSameFunction(as: function) else { continue }
            throw InvalidValueError(
                .selfDestination, field: "DestinationConfig.\(half).Destination", value: destination.description,
                reason:
                    "the destination is the configured function \(InvalidValueError.quote(function.functionName)) itself",
                rule: "a function cannot be its own asynchronous invocation destination")
        }
    }
}

/// Changes for Update (`UpdateFunctionEventInvokeConfig`), which merges into the existing config: a `nil` field
/// is left as it is, a set field replaces the stored one.
///
/// Unlike ``EventInvokeConfig``, `nil` here never removes anything; use Put to replace everything.
public struct EventInvokeConfigPatch: Sendable, Hashable {
    /// The new retry count, or `nil` to leave it unchanged.
    public var maximumRetryAttempts: MaximumRetryAttempts?
    /// The new maximum event age, or `nil` to leave it unchanged.
    public var maximumEventAge: MaximumEventAge?
    /// The new destinations, or `nil` to leave them unchanged.
    public var destinationConfig: DestinationConfig?

    /// Creates a patch; all fields default to unchanged.
    public init(
        maximumRetryAttempts: MaximumRetryAttempts? = nil,
        maximumEventAge: MaximumEventAge? = nil,
        destinationConfig: DestinationConfig? = nil
    ) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAge = maximumEventAge
        self.destinationConfig = destinationConfig
    }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool { maximumRetryAttempts == nil && maximumEventAge == nil && destinationConfig == nil }

    /// Applies the patch to stored settings (what the service does on Update).
    public func applied(to config: EventInvokeConfig) -> EventInvokeConfig {
        EventInvokeConfig(
            maximumRetryAttempts: maximumRetryAttempts ?? config.maximumRetryAttempts,
            maximumEventAge: maximumEventAge ?? config.maximumEventAge,
            destinationConfig: destinationConfig ?? config.destinationConfig)
    }

    /// Checks what the service would refuse before an Update, and what this library refuses to send (as
    /// ``EventInvokeConfig/validateForPut(function:)``).
    ///
    /// - Throws: ``InvalidValueError`` with code `noSettings` for an empty patch, `selfDestination`,
    ///   `emptyDestinationConfig` or an unsupported destination's code.
    public func validateForUpdate(function: FunctionReference) throws(InvalidValueError) {
        guard !isEmpty else {
            throw InvalidValueError(
                .noSettings, field: "EventInvokeConfigPatch", value: "{}",
                reason: "the patch changes nothing",
                rule: "set at least one of MaximumRetryAttempts, MaximumEventAgeInSeconds, DestinationConfig")
        }
        try destinationConfig?.checkSendable(function: function)
    }
}
