public import Testing

/// What a test needs outside the package, checked once: a test that needs it is enabled with
/// `.enabled(if: Prerequisites.moto.isAvailable, Prerequisites.moto.skipReason)`, so its absence is a visible skip
/// with the reason; with `CI=true` the test runs anyway, and fails, because CI must not pass without its peers.
public struct Prerequisite: Sendable {
    /// What is missing, for the skip's comment.
    public let what: String
    /// Whether it is installed here.
    public let isInstalled: Bool

    /// Whether the tests that need it run: installed, or under `CI=true` (where its absence then fails them).
    public var isAvailable: Bool { isInstalled || ConformanceData.isCI }

    /// The skip's comment.
    public var skipReason: Comment { "\(what) not found; install it (see .ci/requirements.txt) to run this test" }
}

/// The peers the tests use.
public enum Prerequisites {
    /// python3 with its standard library: the loopback servers (`credentials_server.py`, `hostile_server.py`).
    public static let python = Prerequisite(
        what: "python3", isInstalled: (try? ProcessRunner.python(["-c", "import http.server"])) != nil)
    /// python3 with botocore: the reference signer.
    public static let botocore = Prerequisite(
        what: "python3 with botocore", isInstalled: (try? ProcessRunner.python(["-c", "import botocore"])) != nil)
    /// python3 with boto3 (a client of eic-local).
    public static let boto3 = Prerequisite(
        what: "python3 with boto3", isInstalled: (try? ProcessRunner.python(["-c", "import boto3"])) != nil)
    /// python3 with moto's server and boto3: the third-party Lambda and STS emulator.
    public static let moto = Prerequisite(
        what: "python3 with moto[server] and boto3",
        isInstalled: (try? ProcessRunner.python(["-c", "import moto.server, boto3"])) != nil)
}
