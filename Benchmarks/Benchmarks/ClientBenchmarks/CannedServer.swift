import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server that answers every request with the same 200 JSON body (keep-alive), so the
/// benchmarks measure the client side only. Its head is shaped like Lambda's: content type and length, a request id
/// and a `Date` (the time the server started, in the fixed HTTP form), which clients that learn clock skew read.
final class CannedServer: Sendable {
    let channel: any Channel
    let group: MultiThreadedEventLoopGroup
    var port: Int { channel.localAddress?.port ?? 0 }

    init(body: String, threads: Int = 1) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let bytes = Array(body.utf8)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: Date())
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(body: bytes, date: date))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    func stop() throws {
        try channel.close().wait()
        try group.syncShutdownGracefully()
    }

    private final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let body: [UInt8]
        let date: String

        init(body: [UInt8], date: String) {
            self.body = body
            self.date = date
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "application/json")
            headers.add(name: "content-length", value: String(body.count))
            headers.add(name: "x-amzn-RequestId", value: "00000000-0000-0000-0000-000000000000")
            headers.add(name: "Date", value: date)
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil
            )
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
