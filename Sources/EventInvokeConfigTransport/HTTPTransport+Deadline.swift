import EventInvokeConfigCore
import HTTPTypes

extension HTTPTransport {
    /// Sends `request` and waits at most `timeout` for the whole exchange, body included, whatever the transport
    /// does with its own timers (URLSession's is an idle timer, for one): a quarter of a second past it — time for
    /// a transport that keeps its own deadline to report its own, more precise error — the call fails with
    /// ``TransportError/Code/timeout`` and the transfer is cancelled (a transport ends it promptly, as
    /// ``HTTPTransport`` requires). A cancelled caller cancels the transfer too.
    ///
    /// - Throws: ``TransportError`` (or `CancellationError`).
    public func send(_ request: TransportRequest, within timeout: Duration) async throws -> TransportResponse {
        guard timeout > .zero else {
            throw TransportError(.timeout, "\(request.head.method) \(request.url) had no time left to run")
        }
        let transfer = Task { try await self.send(request) }
        do {
            guard let response = try await value(of: transfer, within: timeout + deadlineGrace) else {
                transfer.cancel()
                throw TransportError(
                    .timeout, "\(request.head.method) \(request.url) did not finish within \(timeout)")
            }
            return response
        } catch {
            transfer.cancel()
            throw error
        }
    }
}

/// How long past a deadline ``HTTPTransport/send(_:within:)`` waits for the transport's own timeout error.
package let deadlineGrace = Duration.milliseconds(250)
