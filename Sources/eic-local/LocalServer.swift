import EventInvokeConfigCore

#if LocalServer
import Dispatch
import EventInvokeConfigTesting
import EventInvokeConfigTransport
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves an ``InMemoryLambda`` over HTTP/1.1 on 127.0.0.1 with SwiftNIO: each request is handed whole to
/// `InMemoryLambda.handle`, which routes and answers it exactly as the emulator answers in-process callers.
enum LocalServer {
    /// The largest request body read (Lambda's own request limit is 6 MB); a larger one is answered 413.
    static let maximumBodySize = 6 * 1024 * 1024

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// Listens until SIGINT or SIGTERM, then stops accepting, ends open connections and returns.
    ///
    /// - Parameter ready: called once with the bound port, before the first connection is accepted.
    static func serve(_ lambda: InMemoryLambdaService, port: Int, ready: (Int) -> Void) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let stop = await StopSignals.install { server.channel.close(promise: nil) }
        defer { stop.cancel() }
        ready(server.channel.localAddress?.port ?? port)
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await serve(connection, lambda: lambda) }
                }
            }
            group.cancelAll()
        }
    }

    /// Answers the requests of one connection in order until the client closes it, asks to, or the server stops.
    static func serve(_ connection: Connection, lambda: InMemoryLambdaService) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            var tooLarge = false
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                    tooLarge = false
                case .body(var chunk):
                    if body.readableBytes + chunk.readableBytes > maximumBodySize {
                        tooLarge = true
                    } else {
                        body.writeBuffer(&chunk)
                    }
                case .end:
                    guard let requestHead = head else { return }
                    let response: TransportResponse
                    do {
                        response =
                            tooLarge
                            ? payloadTooLarge()
                            : try await lambda.handle(request(requestHead, body: Data(body.readableBytesView)))
                    } catch {
                        return  // an injected dropped connection, or cancellation: close without answering
                    }
                    try await write(response, keepAlive: requestHead.isKeepAlive, to: outbound)
                    guard requestHead.isKeepAlive else { return }
                    head = nil
                }
            }
        }
    }

    /// The request as the emulator takes it: the target as sent, `Host` as the authority, the other fields kept.
    static func request(_ head: HTTPRequestHead, body: Data) -> TransportRequest {
        var fields = HTTPFields()
        var authority: String?
        for (name, value) in head.headers {
            if name.lowercased() == "host" {
                authority = authority ?? value
                continue
            }
            guard let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        let method = HTTPRequest.Method(head.method.rawValue) ?? .get
        return TransportRequest(
            head: HTTPRequest(
                method: method, scheme: "http", authority: authority, path: head.uri, headerFields: fields),
            body: body)
    }

    static func payloadTooLarge() -> TransportResponse {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        if let name = HTTPField.Name("X-Amzn-ErrorType") { fields[name] = "RequestEntityTooLargeException" }
        return TransportResponse(
            head: HTTPResponse(status: .init(code: 413), headerFields: fields),
            body: Data(#"{"Type":"User","message":"Request must be smaller than 6291456 bytes."}"#.utf8))
    }

    static func write(
        _ response: TransportResponse, keepAlive: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders()
        for field in response.head.headerFields { headers.add(name: field.name.rawName, value: field.value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Date", value: Timestamp.httpDate(Date()))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.head.status.code)
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        if !response.body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body)))) }
        try await outbound.write(.end(nil))
    }
}

/// Runs an action once on SIGINT or SIGTERM (the signals' default handling is turned off while it is installed).
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    private init(sources: [any DispatchSourceSignal]) { self.sources = sources }

    /// Installs the handlers and returns once the signals are really watched. On Linux, libdispatch installs its
    /// own signal handler when the source is registered on its manager thread, some time after `resume()`; until
    /// then the signal is ignored and lost. So the server says it is ready only after both registrations:
    /// otherwise a Ctrl-C sent as soon as the ready line is read could be lost under load, and the server would run
    /// on.
    static func install(_ action: @escaping @Sendable () -> Void) async -> StopSignals {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: action)
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.resume()
            }
            sources.append(source)
        }
        return StopSignals(sources: sources)
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
#endif
