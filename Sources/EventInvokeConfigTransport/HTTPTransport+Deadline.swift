import HTTPTypes

extension HTTPTransport {
    /// Sends `request` and waits at most `timeout` for the whole exchange, body included, whatever the transport
    /// does with its own timers (URLSession's is an idle timer, for one): a quarter of a second past it — time for
    /// a transport that keeps its own deadline to report its own, more precise error — the transfer is cancelled and
    /// the call fails with ``TransportError/Code/timeout``. The call returns when the cancelled transfer has ended,
    /// which is at once for a transport that honours cancellation, as ``HTTPTransport`` requires.
    ///
    /// - Throws: ``TransportError`` (or `CancellationError`).
    public func send(_ request: TransportRequest, within timeout: Duration) async throws -> TransportResponse {
        guard timeout > .zero else {
            throw TransportError(.timeout, "\(request.head.method) \(request.url) had no time left to run")
        }
        return try await withThrowingTaskGroup(of: TransportResponse?.self) { group in
            group.addTask { try await self.send(request) }
            group.addTask {
                try await Task.sleep(for: timeout + deadlineGrace)
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let response = next { return response }
                throw TransportError(
                    .timeout, "\(request.head.method) \(request.url) did not finish within \(timeout)")
            }
            throw CancellationError()
        }
    }
}

/// How long past a deadline ``HTTPTransport/send(_:within:)`` waits for the transport's own timeout error.
package let deadlineGrace = Duration.milliseconds(250)
