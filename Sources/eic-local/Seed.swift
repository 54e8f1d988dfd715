import EventInvokeConfigARN
import EventInvokeConfigTesting
import Foundation

/// The `--seed` file: functions with their versions and aliases, and the destinations that exist.
///
/// ```json
/// {
///   "functions": [
///     {"name": "orders", "versions": 2, "aliases": {"live": 2}, "latestPublished": false,
///      "permittedDestinations": ["arn:aws:sqs:us-east-1:123456789012:dlq"]}
///   ],
///   "destinations": ["arn:aws:sqs:us-east-1:123456789012:dlq"]
/// }
/// ```
struct Seed: Decodable {
    struct Function: Decodable {
        var name: String
        var versions: Int?
        var aliases: [String: Int]?
        var latestPublished: Bool?
        var permittedDestinations: [String]?
    }

    var functions: [Function]?
    var destinations: [String]?

    /// Loads a seed file into the emulator; a file that cannot be read or decoded, or a function the emulator
    /// refuses, is an error naming the file and the problem.
    static func load(contentsOf path: String, into lambda: InMemoryLambda) async throws {
        let seed: Seed
        do {
            seed = try JSONDecoder().decode(Seed.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SeedError(path: path, problem: "\(error)")
        }
        for function in seed.functions ?? [] {
            do {
                try await lambda.seedFunction(
                    function.name, versions: function.versions ?? 0, aliases: function.aliases ?? [:],
                    permittedDestinations: function.permittedDestinations.map(Set.init),
                    latestPublished: function.latestPublished ?? false)
            } catch {
                throw SeedError(path: path, problem: "function \(function.name): \(error)")
            }
        }
        if let destinations = seed.destinations { await lambda.registerDestinations(Set(destinations)) }
    }
}

struct SeedError: Error, CustomStringConvertible {
    var path: String
    var problem: String
    var description: String { "cannot load the seed file \(path): \(problem)" }
}
