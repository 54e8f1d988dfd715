/// The identity of one event invoke config, in the shape Terraform's `aws_lambda_function_event_invoke_config`
/// uses for its `id` and for `terraform import`.
///
/// Import accepts five forms (Terraform itself rejects the partial ARN; we accept it because the Lambda API does):
///
/// | form | example |
/// |---|---|
/// | name | `my_function` |
/// | name and qualifier | `my_function:production` |
/// | ARN | `arn:aws:lambda:us-east-1:123456789012:function:my_function` |
/// | ARN and qualifier | `arn:aws:lambda:us-east-1:123456789012:function:my_function:production` |
/// | partial ARN | `123456789012:function:my_function[:production]` |
///
/// ``id`` renders `function_name` or `function_name:qualifier`, with `function_name` in the form it was given.
public struct ImportID: Sendable, Hashable, CustomStringConvertible {
    /// The function and qualifier this ID names.
    public let function: FunctionReference

    /// Parses an import ID.
    ///
    /// - Throws: ``InvalidValueError`` as ``FunctionReference/init(_:field:)`` does, with field `import ID`.
    public init(_ text: some StringProtocol) throws(InvalidValueError) {
        self.function = try FunctionReference(text, field: "import ID")
    }

    /// The ID of the resource with Terraform's arguments `function_name` and `qualifier`. As in Terraform, an
    /// empty `qualifier` is the same as none.
    ///
    /// - Throws: ``InvalidValueError`` with code ``InvalidValueError/Code/qualifierConflict`` when `functionName`
    ///   already carries a different qualifier, or any parse error.
    public init(functionName: some StringProtocol, qualifier: String?) throws(InvalidValueError) {
        self.function = try FunctionReference(functionName, qualifier: qualifier?.isEmpty == true ? nil : qualifier)
    }

    /// The ID of a config of this function (and its qualifier).
    public init(_ function: FunctionReference) {
        self.function = function
    }

    /// Terraform's `function_name` argument: the reference without qualifier, in the form given.
    public var functionName: String { function.functionName }

    /// Terraform's `qualifier` argument, or `nil`.
    public var qualifier: Qualifier? { function.qualifier }

    /// The resource ID: `function_name` or `function_name:qualifier`.
    public var id: String { function.description }

    /// The resource ID.
    public var description: String { id }
}
