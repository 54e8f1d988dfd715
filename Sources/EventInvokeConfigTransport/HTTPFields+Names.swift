import HTTPTypes

extension HTTPFields {
    /// The first value of the field with this lower-case name (for names HTTPTypes has no constant for).
    package func value(named lowercasedName: String) -> String? {
        first { $0.name.canonicalName == lowercasedName }?.value
    }

    /// Sets a field by name, replacing earlier values; an invalid name is ignored.
    package mutating func set(_ name: String, _ value: String) {
        guard let fieldName = HTTPField.Name(name) else { return }
        self[fieldName] = value
    }
}
