public import EventInvokeConfigARN
import EventInvokeConfigCore
public import Foundation

/// The AWS shared configuration as the AWS CLI reads it: the config and credentials files, the selected profile,
/// and the region and endpoints it configures.
///
/// ```swift
/// let shared = try SharedConfiguration.load()           // AWS_PROFILE, or `default`
/// let region = try shared.region()                       // AWS_REGION > AWS_DEFAULT_REGION > the profile's
/// ```
public struct SharedConfiguration: Sendable, Hashable, RedactedDescription {
    /// Where the files were looked for.
    public var locations: FileLocations
    /// The selected profile's name.
    public var profileName: String
    /// Whether the profile was named explicitly (a parameter or `AWS_PROFILE`), so that its absence is an error
    /// rather than "no profile configured".
    public var profileIsExplicit: Bool
    /// Every profile, SSO session and services section of the two files.
    public var file: ProfileFile
    /// The environment variables the configuration and the credential chain read (`AWS_*` and the home directory's),
    /// taken from the environment it was read with; nothing else of the process's environment is kept.
    public var environment: [String: String] {
        didSet { environment = SharedConfiguration.variablesRead(from: environment) }
    }
    /// Which of the two files exist.
    public var filesFound: [String]

    /// Creates a configuration from parsed files (for tests and callers that read the files themselves).
    public init(
        file: ProfileFile, profileName: String = "default", profileIsExplicit: Bool = false,
        environment: [String: String] = [:], locations: FileLocations? = nil, filesFound: [String] = []
    ) {
        self.file = file
        self.profileName = profileName
        self.profileIsExplicit = profileIsExplicit
        self.environment = SharedConfiguration.variablesRead(from: environment)
        self.locations = locations ?? FileLocations(environment: environment)
        self.filesFound = filesFound
    }

    /// The variables of `environment` that the package reads: `AWS_*` and those that locate the home directory.
    package static func variablesRead(from environment: [String: String]) -> [String: String] {
        environment.filter { name, _ in
            name.hasPrefix("AWS_") || ["HOME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH"].contains(name)
        }
    }

    /// The profile, the files and the profiles' settings with key IDs masked and secrets redacted.
    public var description: String {
        "SharedConfiguration(profile: \(profileName)\(profileIsExplicit ? " (explicit)" : ""), "
            + "config: \(locations.config), credentials: \(locations.credentials), files found: \(filesFound), "
            + "\(file), environment: \(Redaction.line(environment)))"
    }

    /// The selected profile's properties; `nil` when the files do not define it.
    public var profile: [String: String]? { file.profiles[profileName] }

    /// Reads the files named by the environment (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else
    /// `~/.aws/config` and `~/.aws/credentials`) and selects `profile`, else `AWS_PROFILE`, else `default`. A file
    /// that does not exist counts as empty.
    ///
    /// - Throws: ``ProfileFileError`` for a file that cannot be read or parsed (naming the file and line).
    public static func load(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ProfileFileError) -> SharedConfiguration {
        let locations = FileLocations(environment: environment)
        var found: [String] = []
        func read(_ path: String) throws(ProfileFileError) -> (text: String, path: String)? {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            do throws(BoundedFile.Failure) {
                let data = try BoundedFile.read(path, limit: BoundedFile.configurationLimit)
                found.append(path)
                return (String(decoding: data, as: UTF8.self), path)
            } catch {
                throw ProfileFileError(path: path, line: nil, rule: "cannot read it: \(error.reason)")
            }
        }
        let config = try read(locations.config)
        let credentials = try read(locations.credentials)
        let file = try ProfileFile.parse(config: config, credentials: credentials)
        let explicit =
            profile.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["AWS_PROFILE"].flatMap {
                $0.isEmpty ? nil : $0
            }
        return SharedConfiguration(
            file: file, profileName: explicit ?? "default", profileIsExplicit: explicit != nil,
            environment: environment, locations: locations, filesFound: found)
    }

    /// The region and where it came from: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's `region`;
    /// `nil` when none is set.
    ///
    /// - Throws: ``InvalidValueError`` when the value found is not a region name.
    public func region() throws(InvalidValueError) -> (region: Region, source: String)? {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment[name], !value.isEmpty { return (try Region(value, field: name), name) }
        }
        if let value = profile?["region"], !value.isEmpty {
            let source = "profile \(profileName) (\(locations.config))"
            return (try Region(value, field: "region in \(source)"), source)
        }
        return nil
    }

    /// The endpoint URL the selected profile configures for a service (by its `[services]` key, e.g. `lambda`):
    /// the `services` section's entry for the service, then the profile's `endpoint_url`.
    func configuredEndpointURL(forServiceKey key: String) -> (url: String, source: String)? {
        guard let profile else { return nil }
        if let sectionName = profile["services"], let section = file.services[sectionName],
            let block = section[key], let url = ProfileFile.subProperties(block)["endpoint_url"], !url.isEmpty
        {
            return (url, "[services \(sectionName)] \(key).endpoint_url")
        }
        if let url = profile["endpoint_url"], !url.isEmpty {
            return (url, "endpoint_url of profile \(profileName)")
        }
        return nil
    }
}

/// Where the config and credentials files are: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else
/// `.aws/config` and `.aws/credentials` in the home directory (`HOME`; on Windows `USERPROFILE`, then
/// `HOMEDRIVE` + `HOMEPATH`). A leading `~/` is expanded.
public struct FileLocations: Sendable, Hashable {
    /// The config file.
    public var config: String
    /// The credentials file.
    public var credentials: String
    /// The home directory, as found; `nil` when the environment names none.
    public var home: String?

    /// The platform whose path rules apply.
    public enum Platform: Sendable {
        /// `/` separators, home from `HOME`.
        case posix
        /// `\` separators, home from `HOME`, `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`.
        case windows

        /// The platform this code runs on.
        public static var current: Platform {
            #if os(Windows)
            .windows
            #else
            .posix
            #endif
        }
    }

    /// Resolves the locations from an environment.
    public init(environment: [String: String], platform: Platform = .current) {
        let separator = platform == .windows ? "\\" : "/"
        var home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if home == nil, platform == .windows {
            home =
                environment["USERPROFILE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? environment["HOMEDRIVE"].flatMap { drive in environment["HOMEPATH"].map { drive + $0 } }
        }
        #if !os(Windows)
        if home == nil, platform == .posix { home = NSHomeDirectory() }
        #endif
        self.home = home
        func expanded(_ path: String) -> String {
            guard let home, path.hasPrefix("~/") || path.hasPrefix("~\\") || path == "~" else { return path }
            return home + path.dropFirst()
        }
        let base = (home ?? "~") + separator + ".aws" + separator
        self.config = expanded(environment["AWS_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? base + "config")
        self.credentials = expanded(
            environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? base + "credentials")
    }

    /// `~/.aws/sso/cache`, where `aws sso login` keeps its tokens.
    public var ssoCache: String {
        (home ?? "~") + "/.aws/sso/cache"
    }
}
