import Benchmark
import EventInvokeConfigSigV4
import Foundation

/// The reference request of the signer issue: a Lambda Put of an ARN-named function with `$LATEST`.
let referenceBody = Array(
    #"{"MaximumRetryAttempts":0,"MaximumEventAgeInSeconds":60,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"},"OnSuccess":{"Destination":"arn:aws:sns:us-east-1:123456789012:topic"}}}"#
        .utf8)
let referenceRequest = SigV4Request(
    method: "PUT",
    path:
        "/2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-function/event-invoke-config",
    query: "Qualifier=%24LATEST",
    headers: [
        ("host", "lambda.us-east-1.amazonaws.com"), ("content-type", "application/json"),
        ("x-amz-date", "20261128T120000Z"), ("x-amz-security-token", "FQoGZXIvYXdzEXAMPLETOKEN"),
    ],
    payload: .bytes(referenceBody))
let referenceCredentials = Credentials(
    accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN")
let referenceDate = Date(timeIntervalSince1970: 1_795_867_200)  // 2026-11-28T12:00:00Z

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal], warmupIterations: 1000,
        scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 100_000)

    let warm = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: SigningKeyCache())
    Benchmark("SigV4.signLambdaPut") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try warm.sign(referenceRequest, credentials: referenceCredentials, date: referenceDate))
        }
    }

    let cold = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: nil)
    Benchmark("SigV4.signLambdaPut.coldKey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try cold.sign(referenceRequest, credentials: referenceCredentials, date: referenceDate))
        }
    }

    let getRequest = SigV4Request(
        method: "GET",
        path:
            "/2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-function/event-invoke-config",
        query: "Qualifier=%24LATEST", headers: [("host", "lambda.us-east-1.amazonaws.com")])
    Benchmark("SigV4.presignLambdaGet") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try warm.presign(getRequest, credentials: referenceCredentials, date: referenceDate, expires: 900))
        }
    }

    // The C/OpenSSL signer the issue names for scale (CSigV4Reference, warm key), on the same request. Checked
    // once to produce our Authorization value byte for byte, so both sides do the same job.
    precondition(
        CReference.authorization
            == (try? warm.sign(referenceRequest, credentials: referenceCredentials, date: referenceDate))?
            .authorization,
        "the C reference signer and ours disagree")
    Benchmark("SigV4.cReference") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CReference.sign())
        }
    }

    // Paired ratios: each iteration times a batch of signatures and a batch of the baseline back to back
    // (alternating which goes first), so the VM's slow phases hit both sides alike. ours / baseline × 1000.
    let batch = 200
    let pairs: [(String, String, SigV4Signer, ([UInt8]) -> Int)] = [
        ("SigV4.signLambdaPut.overCReference", "ours/C ×1000", warm, { _ in CReference.sign() })
    ]
    for (name, label, signer, floor) in pairs {
        Benchmark(
            name,
            configuration: .init(
                metrics: [.custom(label, useScalingFactor: false)], warmupIterations: 10,
                scalingFactor: .one, maxDuration: .seconds(3), maxIterations: 2_000)
        ) { benchmark in
            for iteration in benchmark.scaledIterations {
                var times = [Duration.zero, .zero]
                for side in iteration.isMultiple(of: 2) ? [0, 1] : [1, 0] {
                    let start = ContinuousClock.now
                    for _ in 0..<batch {
                        if side == 0 {
                            let signature = try signer.sign(
                                referenceRequest, credentials: referenceCredentials, date: referenceDate)
                            blackHole(signature)
                        } else {
                            blackHole(floor(referenceBody))
                        }
                    }
                    times[side] = ContinuousClock.now - start
                }
                benchmark.measurement(
                    .custom(label, useScalingFactor: false), Int((times[0] / times[1] * 1000).rounded()))
            }
        }
    }
}
