public import EventInvokeConfigARN

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One stored event invoke config as the service returns it from Put, Update, Get and List.
public struct EventInvokeConfigRecord: Sendable, Hashable {
    /// The ARN of the function the config belongs to. Real Lambda qualifies it (`…:function:NAME:$LATEST`,
    /// `…:NAME:live`); some emulators do not.
    public var functionARN: FunctionReference
    /// When the config was last changed.
    public var lastModified: Date
    /// The stored settings.
    public var config: EventInvokeConfig

    /// Creates a record.
    public init(functionARN: FunctionReference, lastModified: Date, config: EventInvokeConfig) {
        self.functionARN = functionARN
        self.lastModified = lastModified
        self.config = config
    }
}

/// One page of `ListFunctionEventInvokeConfigs`.
public struct EventInvokeConfigPage: Sendable, Hashable {
    /// The configs on this page.
    public var records: [EventInvokeConfigRecord]
    /// The marker for the next page, or `nil` on the last page.
    public var nextMarker: String?

    /// Creates a page.
    public init(records: [EventInvokeConfigRecord], nextMarker: String?) {
        self.records = records
        self.nextMarker = nextMarker
    }
}
