import Benchmark
import EventInvokeConfigARN
import EventInvokeConfigModel
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

    let record = try? JSONDecoder().decode(EventInvokeConfigRecord.self, from: body)
    Benchmark("Encode.record") { benchmark in
        let encoder = JSONEncoder()
        for _ in benchmark.scaledIterations {
            blackHole(try record.map(encoder.encode))
        }
    }
    let reference = try? FunctionReference("arn:aws:lambda:us-east-1:123456789012:function:my-function:live")
    Benchmark("Render.functionARN") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(reference?.description)
        }
    }
}
