/// An AWS partition: a group of regions with its own ARN prefix and DNS suffixes (`aws`, `aws-cn`, `aws-us-gov`, …).
///
/// The known partitions and their suffixes come from the SDKs' `partitions.json`. A partition is a struct rather
/// than an enum so that new partitions can be added without breaking your `switch` statements.
public struct Partition: Sendable, Hashable, CustomStringConvertible {
    /// The partition's name as it appears in ARNs, e.g. `aws-us-gov`.
    public let name: String
    /// The DNS suffix of the partition's regular endpoints, e.g. `amazonaws.com`.
    public let dnsSuffix: String
    /// The DNS suffix of the partition's dual-stack (IPv6) endpoints, e.g. `api.aws`.
    public let dualStackDNSSuffix: String
    /// Region name prefixes that belong to this partition, most specific first (`us-gov-` before `us-`).
    let regionPrefixes: [String]

    private init(_ name: String, _ dnsSuffix: String, _ dualStack: String, _ prefixes: [String]) {
        self.name = name
        self.dnsSuffix = dnsSuffix
        self.dualStackDNSSuffix = dualStack
        self.regionPrefixes = prefixes
    }

    /// The commercial partition.
    public static let aws = Partition(
        "aws", "amazonaws.com", "api.aws", ["us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-"])
    /// The China partition.
    public static let awsCN = Partition("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", ["cn-"])
    /// AWS GovCloud (US).
    public static let awsUSGov = Partition("aws-us-gov", "amazonaws.com", "api.aws", ["us-gov-"])
    /// The AWS ISO (US) partition.
    public static let awsISO = Partition("aws-iso", "c2s.ic.gov", "api.aws.ic.gov", ["us-iso-"])
    /// The AWS ISOB (US) partition.
    public static let awsISOB = Partition("aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud", ["us-isob-"])
    /// The AWS ISOE (Europe) partition.
    public static let awsISOE = Partition("aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", ["eu-isoe-"])
    /// The AWS ISOF partition.
    public static let awsISOF = Partition("aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov", ["us-isof-"])
    /// The AWS European Sovereign Cloud partition.
    public static let awsEUSC = Partition("aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", ["eusc-"])

    /// Every partition this version of the library knows, in ARN-name order of specificity.
    public static let all: [Partition] = [.aws, .awsCN, .awsUSGov, .awsISO, .awsISOB, .awsISOE, .awsISOF, .awsEUSC]

    /// Looks a partition up by its ARN name.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/invalidPartition`` naming the known partitions.
    public init(_ name: some StringProtocol, field: String = "partition") throws(InvalidValueError) {
        let name = String(name)
        guard let found = Partition.all.first(where: { $0.name == name }) else {
            throw InvalidValueError(
                .invalidPartition, field: field, value: String(name),
                reason: name.isEmpty ? "the partition is empty" : "unknown partition",
                rule: "one of " + Partition.all.map(\.name).joined(separator: ", "))
        }
        self = found
    }

    /// The partition a region belongs to, judged by its name (`cn-north-1` → `aws-cn`), or `nil` when the name
    /// matches no known partition.
    public static func owning(regionNamed region: some StringProtocol) -> Partition? {
        prefixesLongestFirst.first { region.hasPrefix($0.prefix) }?.partition
    }

    /// Every region prefix with its partition, longest prefix first, so the first match is the most specific.
    private static let prefixesLongestFirst: [(prefix: String, partition: Partition)] = all.flatMap { partition in
        partition.regionPrefixes.map { (prefix: $0, partition: partition) }
    }.sorted { $0.prefix.count > $1.prefix.count }

    /// The partition's ARN name.
    public var description: String { name }

    /// Partitions are equal when their names are.
    public static func == (lhs: Partition, rhs: Partition) -> Bool { lhs.name == rhs.name }
    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
