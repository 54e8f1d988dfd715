import EventInvokeConfigAWSConfig
import EventInvokeConfigCredentials
import PropertyBased
import Testing

@Suite("Profile file properties")
struct ProfileFilePropertyTests {
    /// Lines made of the pieces that matter to the grammar: brackets, prefixes, `=`, comments, whitespace,
    /// continuations, CR, odd characters.
    static let piece = Gen<String?>.element(of: [
        "[", "]", "profile", "profile ", "default", "sso-session ", "services ", "=", " = ", "#", ";", " ", "\t",
        "\r", "\n", "\n ", "\n\t", "name", "role_arn", "source_profile", "a", "B", "0", "-", "/", "%", "@", ":", "+",
        "!", "é", "\u{0}", "\u{1F600}", "aws_access_key_id", "aws_secret_access_key", "credential_process",
    ]).compactMap { $0 }
    static let text = piece.array(of: 0...60).map { $0.joined() }

    @Test("arbitrary text never crashes the parser or the chain resolver; every profile name is a valid one")
    func neverCrashes() async {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/.%@_:+")
        await propertyCheck(count: 3000, input: Self.text, Self.text) { config, credentials in
            guard
                let file = try? ProfileFile.parse(
                    config: (config, "config"), credentials: (credentials, "credentials"))
            else { return }
            for (name, properties) in file.profiles {
                #expect(!name.isEmpty && name.allSatisfy(allowed.contains), "\(name)")
                #expect(properties.keys.allSatisfy { $0 == $0.lowercased() })
                _ = try? ProfileChain.resolve(profile: name, in: file)
            }
        }
    }

    @Test("a file parses the same with CR LF lines")
    func crlf() async {
        await propertyCheck(count: 2000, input: Self.text) { text in
            guard !text.contains("\r") else { return }
            let lf = try? ProfileFile.parse(config: (text, "config"))
            let crlf = try? ProfileFile.parse(
                config: (
                    text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n"), "config"
                ))
            #expect(lf == crlf)
        }
    }
}
