/// The version of this package, as released: the one constant the client's `User-Agent` and `eic --version` print.
public enum PackageVersion {
    /// `MAJOR.MINOR.PATCH`, as in `CHANGELOG.md`.
    public static let current = "0.1.0"
}
