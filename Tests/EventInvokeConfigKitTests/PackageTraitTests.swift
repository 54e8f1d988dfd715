import EventInvokeConfigTestSupport
import Foundation
import Testing

/// The package trait `AsyncHTTPClientTransport` is on by default. If its compilation condition stopped reaching the
/// targets (a renamed trait, a manifest change), `AsyncHTTPClientTransport` and the moto cases that use it would
/// silently disappear; CI runs the tests with the default traits, so there the condition must be set.
@Suite("Package traits")
struct PackageTraitTests {
    @Test("AsyncHTTPClientTransport is compiled in the default configuration")
    func asyncHTTPClientTransportIsCompiled() {
        #if AsyncHTTPClientTransport
        let compiled = true
        #else
        let compiled = false
        #endif
        // The moto suite runs the AsyncHTTPClient cases exactly when the transport is compiled.
        #expect(TransportKind.allCases.map(\.rawValue).contains("AsyncHTTPClient") == compiled)
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(compiled, "CI tests the default traits, which include AsyncHTTPClientTransport")
        }
    }
}
