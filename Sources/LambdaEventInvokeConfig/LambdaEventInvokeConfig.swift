@_exported public import EventInvokeConfigKit
@_exported public import EventInvokeConfigURLSession

extension LambdaEventInvokeConfigClient {
    /// Creates a client that sends its requests with ``URLSessionTransport`` (Foundation's `URLSession`; libcurl
    /// on Linux).
    ///
    /// ```swift
    /// import LambdaEventInvokeConfig
    ///
    /// let client = try LambdaEventInvokeConfigClient(configuration: .fromEnvironment())
    /// ```
    ///
    /// A service on AsyncHTTPClient imports `EventInvokeConfigKit` and `EventInvokeConfigAsyncHTTPClient` instead,
    /// and links neither FoundationNetworking nor libcurl.
    ///
    /// - Throws: ``EventInvokeConfigError`` with code `validation` for an unusable endpoint.
    public init(configuration: Configuration) throws {
        try self.init(configuration: configuration, transport: URLSessionTransport())
    }
}
