import Foundation
import Testing

/// The README's layout table is the map a newcomer reads: it must name exactly the package's targets.
@Suite("README layout")
struct LayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the README's module table names every non-test target of Package.swift, and nothing else")
    func moduleTableMatchesPackage() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        var targets = Set<String>()
        for kind in [".target(", ".executableTarget(", ".systemLibrary("] {
            for rest in manifest.components(separatedBy: kind).dropFirst() {
                // The declaration alone: up to the parenthesis that closes it, or to the end of a one-line one.
                let block = rest.components(separatedBy: "\n        )").first ?? rest
                guard let name = block.firstMatch(of: /name: "([^"]+)"/) else { continue }
                let path = block.firstMatch(of: /path: "([^"]+)"/).map { String($0.1) }
                if path?.hasPrefix("Tests") != true { targets.insert(String(name.1)) }
            }
        }
        let table = try #require(readme.components(separatedBy: "| target | job |").last)
        let rows = table.split(separator: "\n").prefix { $0.hasPrefix("|") }.dropFirst()
        let documented = Set(rows.compactMap { row in row.firstMatch(of: /^\| `([^`]+)` \|/).map { String($0.1) } })
        #expect(targets.count > 10)
        #expect(documented == targets)
    }
}
