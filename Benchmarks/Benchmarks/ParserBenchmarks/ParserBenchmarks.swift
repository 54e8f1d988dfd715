import Benchmark
import EventInvokeConfigARN
@_spi(FastPaths) import EventInvokeConfigModel
import Foundation

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(2))

    Benchmark("Parse.functionARN") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:my-function:live"))
        }
    }

    let body = Data(
        #"{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST","LastModified":1577824406.719,"MaximumRetryAttempts":1,"MaximumEventAgeInSeconds":3600,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"}}}"#
            .utf8)
    Benchmark("Decode.record") { benchmark in
        let decoder = JSONDecoder()
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(EventInvokeConfigRecord.self, from: body))
        }
    }

    // What the client actually runs for a response: the fast wire reader (the row above is its Codable reference).
    Benchmark("Decode.record.wire") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ModelFastPathChecks.fastDecodeRecord(body))
        }
    }

    // The other direction: what the in-memory Lambda runs once per Put or Update to keep the Get answer, and the
    // rendering of a function ARN that it includes.
    let record = ModelFastPathChecks.fastDecodeRecord(body)
    Benchmark("Encode.record.wire") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(record.flatMap(ModelFastPathChecks.fastEncodeRecord))
        }
    }
    let reference = try? FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:my-function:live")
    Benchmark("Render.functionARN") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(reference?.description)
        }
    }
}
