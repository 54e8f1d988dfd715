import EventInvokeConfigARN
import EventInvokeConfigModel
import Foundation

extension InMemoryLambda {
    /// `FunctionConfiguration`: the members of Lambda's shape that a client reads.
    struct FunctionConfiguration: Encodable {
        var functionName: String
        var functionARN: String
        var version: String
        var role: String
        var runtime: String?
        var handler: String?
        var lastModified: String
        var state = "Active"
        var lastUpdateStatus = "Successful"
        var codeSize = 0

        enum CodingKeys: String, CodingKey {
            case functionName = "FunctionName"
            case functionARN = "FunctionArn"
            case version = "Version"
            case role = "Role"
            case runtime = "Runtime"
            case handler = "Handler"
            case lastModified = "LastModified"
            case state = "State"
            case lastUpdateStatus = "LastUpdateStatus"
            case codeSize = "CodeSize"
        }
    }

    /// `AliasConfiguration`.
    struct AliasConfiguration: Encodable {
        var aliasARN: String
        var name: String
        var functionVersion: String
        var description: String
        var revisionID: String

        enum CodingKeys: String, CodingKey {
            case aliasARN = "AliasArn"
            case name = "Name"
            case functionVersion = "FunctionVersion"
            case description = "Description"
            case revisionID = "RevisionId"
        }
    }

    /// The members of the control-plane request bodies the emulator reads (others are accepted and ignored).
    struct ControlPlaneBody: Decodable {
        var functionName: String?
        var role: String?
        var runtime: String?
        var handler: String?
        var publish: Bool?
        var publishTo: String?
        var name: String?
        var functionVersion: String?
        var description: String?

        enum CodingKeys: String, CodingKey {
            case functionName = "FunctionName"
            case role = "Role"
            case runtime = "Runtime"
            case handler = "Handler"
            case publish = "Publish"
            case publishTo = "PublishTo"
            case name = "Name"
            case functionVersion = "FunctionVersion"
            case description = "Description"
        }
    }

    /// The control-plane calls a test needs to create state over HTTP; their shapes follow Lambda's for the members
    /// a client reads. Function code is accepted and ignored.
    func controlPlaneOperation(_ route: Route, body: Data) throws -> (Int, Data) {
        let request = try decodeBody(ControlPlaneBody.self, from: body)
        if route.operation == .createFunction { return try createFunction(request) }
        let parts = model.parts(ofFunctionName: route.functionName)
        guard let parts, parts.region.map({ $0 == region.name }) ?? true,
            parts.accountID.map({ $0 == accountID.digits }) ?? true, let function = functions[parts.name]
        else {
            throw LambdaError.notFound("Function not found: \(functionARN(parts?.name ?? route.functionName))")
        }
        let qualifier = route.query["Qualifier"] ?? parts.qualifier
        switch route.operation {
        case .getFunction:
            let version = try resolvedVersion(qualifier, of: function)
            let object = GetFunctionResponse(configuration: configuration(of: function, version: version))
            return (200, try encode(object))
        case .deleteFunction:
            guard let qualifier else {
                deleteFunction(function.name)
                return (204, Data())
            }
            guard let number = Int(qualifier) else {
                throw LambdaError.invalidParameter(
                    "Deleting a version takes a published version number; got \(qualifier).")
            }
            // Lambda answers 204 for a version that does not exist (or no longer does): the delete is idempotent.
            guard function.versions.contains(number) else { return (204, Data()) }
            functions[function.name]?.versions.removeAll { $0 == number }
            configs[ConfigKey(function: function.name, qualifier: qualifier)] = nil
            return (204, Data())
        case .publishVersion:
            if request.publishTo == "LATEST_PUBLISHED" {
                publishLatestPublished(of: function.name)
                return (201, try encode(configuration(of: function, version: "$LATEST.PUBLISHED")))
            }
            let number = publishVersion(of: function.name) ?? 1
            return (201, try encode(configuration(of: function, version: String(number))))
        case .createAlias:
            return try createAlias(request, of: function)
        case .getAlias:
            let name = route.aliasName ?? ""
            guard let version = function.aliases[name] else {
                throw LambdaError.notFound("Alias not found: \(functionARN(function.name, qualifier: name))")
            }
            return (200, try encode(alias(name, of: function, version: version, description: "")))
        default:
            let name = route.aliasName ?? ""
            guard function.aliases[name] != nil else {
                throw LambdaError.notFound("Alias not found: \(functionARN(function.name, qualifier: name))")
            }
            setAlias(name, of: function.name, to: nil)
            return (204, Data())
        }
    }

    struct GetFunctionResponse: Encodable {
        struct Code: Encodable {
            var repositoryType = "S3"
            enum CodingKeys: String, CodingKey { case repositoryType = "RepositoryType" }
        }
        var configuration: FunctionConfiguration
        var code = Code()
        enum CodingKeys: String, CodingKey {
            case configuration = "Configuration"
            case code = "Code"
        }
    }

    private func createFunction(_ request: ControlPlaneBody) throws -> (Int, Data) {
        let name = request.functionName ?? ""
        do {
            let reference = try FunctionReference(name, field: "FunctionName")
            guard reference.qualifier == nil, case .name = reference.form else {
                throw InvalidValueError(
                    .invalidFunctionName, field: "FunctionName", value: name,
                    reason: "CreateFunction takes a plain function name", rule: "[a-zA-Z0-9-_]{1,64}")
            }
        } catch {
            throw LambdaError.validation(
                "1 validation error detected: Value '\(name)' at 'functionName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + ServiceModel.functionNamePattern)
        }
        guard functions[name] == nil else {
            throw LambdaError.conflict("Function already exist: \(name)")
        }
        guard let role = request.role, !role.isEmpty else {
            throw LambdaError.validation(
                "1 validation error detected: Value null at 'role' failed to satisfy constraint: "
                    + "Member must not be null")
        }
        let function = Function(
            name: name, versions: [], aliases: [:], hasLatestPublished: false, permittedDestinations: nil,
            role: role, runtime: request.runtime ?? "", handler: request.handler ?? "", lastModified: clock())
        functions[name] = function
        var version = "$LATEST"
        if request.publish == true, let number = publishVersion(of: name) { version = String(number) }
        return (201, try encode(configuration(of: function, version: version)))
    }

    private func createAlias(_ request: ControlPlaneBody, of function: Function) throws -> (Int, Data) {
        let name = request.name ?? ""
        guard (try? Alias(name)) != nil else {
            throw LambdaError.validation(
                "1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)")
        }
        guard function.aliases[name] == nil else {
            throw LambdaError.conflict("Alias already exists: \(functionARN(function.name, qualifier: name))")
        }
        let target = request.functionVersion ?? ""
        guard let number = Int(target), setAlias(name, of: function.name, to: number) else {
            throw LambdaError.notFound("Function not found: \(functionARN(function.name, qualifier: target))")
        }
        return (201, try encode(alias(name, of: function, version: target, description: request.description ?? "")))
    }

    private func alias(
        _ name: String, of function: Function, version: String, description: String
    )
        -> AliasConfiguration
    {
        AliasConfiguration(
            aliasARN: functionARN(function.name, qualifier: name), name: name, functionVersion: version,
            description: description, revisionID: "00000000-0000-4000-8000-000000000000")
    }

    /// The version a qualifier names (an alias resolves to its version); 404 when the function has no such one.
    private func resolvedVersion(_ qualifier: String?, of function: Function) throws -> String {
        guard let qualifier else { return "$LATEST" }
        guard exists(qualifier, of: function) else {
            throw LambdaError.notFound("Function not found: \(functionARN(function.name, qualifier: qualifier))")
        }
        return function.aliases[qualifier] ?? qualifier
    }

    private func configuration(of function: Function, version: String) -> FunctionConfiguration {
        return FunctionConfiguration(
            functionName: function.name,
            functionARN: functionARN(function.name, qualifier: version == "$LATEST" ? nil : version),
            version: version, role: function.role, runtime: function.runtime.isEmpty ? nil : function.runtime,
            handler: function.handler.isEmpty ? nil : function.handler,
            lastModified: Timestamp.iso8601(function.lastModified, style: .lambda))
    }
}
