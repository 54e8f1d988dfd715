@_exported public import EventInvokeConfigKit
@_exported public import EventInvokeConfigURLSession
public import Foundation

extension LambdaEventInvokeConfigClient.Configuration {
    /// A configuration from where the AWS CLI finds it (the region from the environment or the profile, the
    /// default credential chain), whose credential providers send their requests with ``URLSessionTransport``.
    ///
    /// ```swift
    /// import LambdaEventInvokeConfig
    ///
    /// // On ECS, EKS, EC2 or Lambda, or with a profile on a laptop: no credential code.
    /// let client = try LambdaEventInvokeConfigClient(configuration: .fromEnvironment())
    /// ```
    ///
    /// - Throws: ``EventInvokeConfigError`` with code `validation` as
    ///   ``LambdaEventInvokeConfigClient/Configuration/fromEnvironment(_:region:profile:transport:logger:)`` does.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, region: Region? = nil,
        profile: String? = nil
    ) throws -> Self {
        try fromEnvironment(environment, region: region, profile: profile, transport: URLSessionTransport())
    }
}

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
