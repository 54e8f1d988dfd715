package import HTTPTypes

extension HTTPFields {
    /// The first value of the field with this lower-case name (for names HTTPTypes has no constant for).
    package func value(named lowercasedName: String) -> String? {
        first { $0.name.canonicalName == lowercasedName }?.value
    }
}

extension HTTPField.Name {
    /// `x-amzn-RequestId`, spelled as Lambda sends it; built once.
    package static let amznRequestID: HTTPField.Name = {
        guard let name = HTTPField.Name("x-amzn-RequestId") else { preconditionFailure("a valid field name") }
        return name
    }()
}
