import EventInvokeConfigARN
import EventInvokeConfigKit
import EventInvokeConfigModel
import EventInvokeConfigSigV4
import EventInvokeConfigTesting
import Foundation

/// libFuzzer entry point: every input is fed to every parser (function references, import IDs, qualifiers, ARNs,
/// destinations, regions, endpoint URLs, `eic sign`'s raw-request parser and the signer) and to the JSON decoders. A
/// crash, a sanitizer report or a broken invariant (a parsed value re-parses to itself; what decodes encodes and
/// decodes back to itself; a request parses the same with LF and CR LF lines; what the signer accepts carries no
/// control character into a header) is a finding.
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
    if let region = try? Region(text), (try? Region(region.name)) != region { fatalError("region \(region)") }
    if let destination = try? Destination(text), (try? Destination(destination.description)) != destination {
        fatalError("destination round trip broke for \(destination)")
    }
    _ = try? Endpoint(url: text)
    fuzzRequest(text)
    fuzzProfiles(text)
    let decoder = JSONDecoder()
    if let record = try? decoder.decode(EventInvokeConfigRecord.self, from: data) {
        guard let encoded = try? JSONEncoder().encode(record),
            let again = try? decoder.decode(EventInvokeConfigRecord.self, from: encoded),
            again.functionARN == record.functionARN, again.config == record.config,
            abs(again.lastModified.timeIntervalSince1970 - record.lastModified.timeIntervalSince1970) < 0.001
        else { fatalError("record did not survive encode/decode: \(record)") }
    }
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

/// `eic sign`'s path: parse the text as a raw HTTP request (and its CR LF twin), then sign what parses.
/// The shared config parser: a file parses the same as config or credentials file every time, and the same with
/// CR LF lines; every profile's chain resolves or fails with a typed error; the metadata endpoints parse or refuse.
func fuzzProfiles(_ text: String) {
    func parse(_ text: String) -> Result<ProfileFile, ProfileFileError> {
        Result { () throws(ProfileFileError) in
            try ProfileFile.parse(config: (text, "config"), credentials: (text, "credentials"))
        }
    }
    let parsed = parse(text)
    if !text.contains("\r") {
        let twin = parse(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n"))
        switch (parsed, twin) {
        case (.success(let a), .success(let b)) where a == b: break
        case (.failure(let a), .failure(let b)) where a.line == b.line && a.rule == b.rule: break
        default: fatalError("a file parsed differently with CR LF lines")
        }
    }
    if case .success(let file) = parsed {
        for name in file.profiles.keys.prefix(20) { _ = try? ProfileChain.resolve(profile: name, in: file) }
    }
    _ = try? ContainerCredentialsProvider.endpointURL(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": text])
    _ = try? InstanceMetadataCredentialsProvider.endpoint(
        environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": text], shared: nil)
}

func fuzzRequest(_ text: String) {
    guard let parsed = try? SigV4Request(parsingHTTPRequest: text) else { return }
    // The CR LF twin of a request written with LF only must parse to the same request.
    if !text.utf8.contains(UInt8(ascii: "\r")) {
        let crlf = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\r\n")
        guard let twin = try? SigV4Request(parsingHTTPRequest: crlf), twin.method == parsed.method,
            twin.path == parsed.path, twin.query == parsed.query,
            twin.headers.map(\.name) == parsed.headers.map(\.name),
            twin.headers.map(\.value) == parsed.headers.map(\.value)
        else { fatalError("the CR LF form of a request parsed differently") }
    }
    let signer = SigV4Signer(region: "us-east-1", service: "lambda", keyCache: nil)
    let credentials = Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token")
    let date = Date(timeIntervalSince1970: 1_440_938_160)
    guard let signature = try? signer.sign(parsed, credentials: credentials, date: date) else { return }
    for (_, value) in signature.headers where value.unicodeScalars.contains(where: { $0.value < 0x20 }) {
        fatalError("a signature header carries a control character")
    }
    _ = try? signer.presign(parsed, credentials: credentials, date: date, expires: 60)
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
