import EventInvokeConfigARN
import EventInvokeConfigTesting
import Foundation

/// The `--seed` file: functions with their versions and aliases (in the default account and region, or the ones a
/// function names), the destinations that exist, and which account each access key belongs to.
///
/// ```json
/// {
///   "accounts": {"AKIDSTAGING": "210987654321"},
///   "functions": [
///     {"name": "orders", "versions": 2, "aliases": {"live": 2}, "latestPublished": false,
///      "permittedDestinations": ["arn:aws:sqs:us-east-1:123456789012:dlq"]},
///     {"name": "orders", "region": "eu-west-1", "account": "210987654321"}
///   ],
///   "destinations": ["arn:aws:sqs:us-east-1:123456789012:dlq"]
/// }
/// ```
struct Seed: Decodable {
    struct Function: Decodable {
        var name: String
        var region: String?
        var account: String?
        var versions: Int?
        var aliases: [String: Int]?
        var latestPublished: Bool?
        var permittedDestinations: [String]?
    }

    var accounts: [String: String]?
    var functions: [Function]?
    var destinations: [String]?

    /// Loads a seed file into the service; a file that cannot be read or decoded, or a function, account or region
    /// the emulator refuses, is an error naming the file and the problem.
    static func load(contentsOf path: String, into service: InMemoryLambdaService) async throws {
        let seed: Seed
        do {
            seed = try JSONDecoder().decode(Seed.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SeedError(path: path, problem: "\(error)")
        }
        for (key, account) in (seed.accounts ?? [:]).sorted(by: { $0.key < $1.key }) {
            do {
                await service.assignAccount(try AccountID(account), toAccessKey: key)
            } catch {
                throw SeedError(path: path, problem: "accounts.\(key): \(error)")
            }
        }
        if let destinations = seed.destinations { await service.registerDestinations(Set(destinations)) }
        for function in seed.functions ?? [] {
            do {
                let lambda = await service.lambda(
                    account: try function.account.map { try AccountID($0) },
                    region: try function.region.map { try Region($0) })
                try await lambda.seedFunction(
                    function.name, versions: function.versions ?? 0, aliases: function.aliases ?? [:],
                    permittedDestinations: function.permittedDestinations.map(Set.init),
                    latestPublished: function.latestPublished ?? false)
            } catch {
                throw SeedError(path: path, problem: "function \(function.name): \(error)")
            }
        }
    }
}

struct SeedError: Error, CustomStringConvertible {
    var path: String
    var problem: String
    var description: String { "cannot load the seed file \(path): \(problem)" }
}
