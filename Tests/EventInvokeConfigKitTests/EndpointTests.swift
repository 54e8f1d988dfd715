import EventInvokeConfigKit
import EventInvokeConfigTestSupport
import Foundation
import Testing

@Suite("Endpoints")
struct EndpointTests {
    struct RuleCase: Sendable, CustomTestStringConvertible {
        let documentation: String
        let region: String?
        let fips: Bool
        let dualStack: Bool
        let endpoint: String?
        let url: String?
        let error: String?
        var testDescription: String { documentation }
    }

    static let ruleCases: [RuleCase] = {
        guard
            let root = try? ConformanceData.json("botocore/endpoint-rules_lambda_endpoint-tests-1.json")
                as? [String: Any],
            let cases = root["testCases"] as? [[String: Any]]
        else { return [] }
        return cases.map { item in
            let params = item["params"] as? [String: Any] ?? [:]
            let expect = item["expect"] as? [String: Any] ?? [:]
            return RuleCase(
                documentation: item["documentation"] as? String ?? "",
                region: params["Region"] as? String, fips: params["UseFIPS"] as? Bool ?? false,
                dualStack: params["UseDualStack"] as? Bool ?? false, endpoint: params["Endpoint"] as? String,
                url: (expect["endpoint"] as? [String: Any])?["url"] as? String, error: expect["error"] as? String)
        }
    }()

    @Test("botocore's Lambda endpoint-rule tests")
    func ruleTests() throws {
        #expect(Self.ruleCases.count == 71)
        for c in Self.ruleCases {
            do {
                let endpoint = try Endpoint.resolve(
                    region: c.region, useFIPS: c.fips, useDualStack: c.dualStack, override: c.endpoint)
                #expect(endpoint.description == c.url, "\(c.documentation)")
                #expect(c.error == nil, "\(c.documentation) should fail")
            } catch {
                let expected = try #require(c.error, "\(c.documentation): \(error)")
                #expect(error.reason == expected, "\(c.documentation)")
            }
        }
    }

    @Test("precedence: configuration > AWS_ENDPOINT_URL_LAMBDA > AWS_ENDPOINT_URL > resolved")
    func precedence() throws {
        let both = [
            "AWS_ENDPOINT_URL_LAMBDA": "https://lambda.example.com", "AWS_ENDPOINT_URL": "https://all.example.com",
        ]
        #expect(
            try Endpoint.resolve(region: "us-east-1", override: "https://mine.example.com", environment: both)
                .description == "https://mine.example.com")
        #expect(
            try Endpoint.resolve(region: "us-east-1", environment: both).description == "https://lambda.example.com")
        #expect(
            try Endpoint.resolve(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": "https://all.example.com/"])
                .description == "https://all.example.com")
        var ignored = both
        ignored["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        #expect(
            try Endpoint.resolve(region: "us-east-1", environment: ignored).description
                == "https://lambda.us-east-1.amazonaws.com")
    }

    @Test(arguments: [
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"), ("http://localhost:4566/", "http://localhost:4566"),
        ("http://[::1]:8080", "http://[::1]:8080"), ("http://127.255.0.9", "http://127.255.0.9"),
        ("http://LOCALHOST:1", "http://LOCALHOST:1"), ("http://[::1]", "http://[::1]"),
        ("https://proxy.example.com/lambda", "https://proxy.example.com/lambda"),
    ])
    func customEndpoints(url: String, expected: String) throws {
        #expect(try Endpoint(url: url).description == expected)
    }

    @Test(arguments: [
        "http://lambda.example.com", "ftp://x", "lambda.example.com", "https://", "https://h/p?q=1",
        "https://user@h",
    ])
    func rejectedEndpoints(url: String) {
        let error = #expect(throws: InvalidValueError.self) { try Endpoint(url: url) }
        #expect(error?.code == .invalidConfiguration)
    }

    /// Regression: any host starting with `127.` passed as loopback, so `http://127.attacker.example` was allowed
    /// to carry signed requests and session tokens in clear text.
    @Test(
        "plain http to a host that only looks like loopback is refused",
        arguments: [
            "http://127.attacker.example", "http://127.0.0.1.attacker.example", "http://127.0.0.1.nip.io:5000",
            "http://localhost.attacker.example", "http://localhost:80.evil", "http://127.0.0.1:5000:6000",
            "http://127.0.0.256", "http://127.0.0", "http://127.0.0.1.", "http://0127.0.0.1", "http://127.1",
            "http://[::1].evil:80", "http://[::2]:80", "http://[::1]x", "http://[::1", "http://128.0.0.1",
            "http://127.0.0.1:99999", "http://127.0.0.1:", "http://127.0.0.1:8o", "http://::1:80",
            "http://127%2e0%2e0%2e1", "http://attacker.example#127.0.0.1",
        ])
    func hostileLoopbackLookalikes(url: String) {
        let error = #expect(throws: InvalidValueError.self) { try Endpoint(url: url) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.value == url)
    }

    /// Regression: an explicitly empty endpoint fell back to the regional endpoint (real AWS, real credentials).
    @Test func emptyOverrideIsRefused() {
        let error = #expect(throws: InvalidValueError.self) {
            try Endpoint.resolve(region: "us-east-1", override: "")
        }
        #expect(error?.code == .empty)
        #expect(error?.field == "endpoint")
        // An empty environment variable counts as unset, as in the AWS SDKs.
        #expect(
            (try? Endpoint.resolve(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": ""]))?.description
                == "https://lambda.us-east-1.amazonaws.com")
    }

    @Test func insecureOptIn() throws {
        #expect(try Endpoint(url: "http://lambda.test:80", allowInsecure: true).scheme == "http")
    }
}
