import EventInvokeConfigARN
@_spi(FastPaths) import EventInvokeConfigModel
import Foundation

/// libFuzzer entry point: every input is fed to every parser and to the JSON decoders. A crash, a sanitizer report,
/// a broken round-trip invariant (a parsed reference must re-parse to itself), or a fast path (one-pass ARN and
/// destination parsers, the wire JSON reader and writer) that disagrees with its reference is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let text = String(decoding: data, as: UTF8.self)
    if let reference = try? FunctionReference(text) {
        guard let again = try? FunctionReference(reference.description), again == reference else {
            fatalError("round trip broke for \(reference)")
        }
        _ = ImportID(reference).id
    }
    _ = try? ImportID(text)
    _ = try? Qualifier(text)
    _ = try? ARN(text)
    _ = try? Destination(text)
    _ = try? Region(text)
    if let problem = ModelFastPathChecks.referenceDisagreement(text) { fatalError(problem) }
    if let problem = ModelFastPathChecks.jsonDisagreement(data) { fatalError(problem) }
    let decoder = JSONDecoder()
    _ = try? decoder.decode(EventInvokeConfigRecord.self, from: data)
    _ = try? decoder.decode(EventInvokeConfigPage.self, from: data)
    if let config = try? decoder.decode(EventInvokeConfig.self, from: data),
        let encoded = try? JSONEncoder().encode(config)
    {
        guard let again = try? decoder.decode(EventInvokeConfig.self, from: encoded), again == config else {
            fatalError("config did not survive encode/decode")
        }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `main` renamed to `<Target>_main`; this hands control to libFuzzer's driver.
@_cdecl("EventInvokeConfigFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, size in fuzz(start, size) }
}
