public import EventInvokeConfigTransport

/// An ``HTTPTransport`` that hands every request to an ``InMemoryLambda``: plug it into the live client and your
/// tests run the real client code against an emulated Lambda, with no network.
public struct InMemoryTransport: HTTPTransport {
    /// The emulator answering the requests.
    public let lambda: InMemoryLambda

    /// Creates a transport for an emulator.
    public init(_ lambda: InMemoryLambda) { self.lambda = lambda }

    /// Answers the request from the emulator.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await lambda.handle(request)
    }
}
