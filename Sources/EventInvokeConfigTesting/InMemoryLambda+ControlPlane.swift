import EventInvokeConfigARN
import EventInvokeConfigModel
import EventInvokeConfigSigV4
import Foundation

extension InMemoryLambda {
    /// A JSON object of Lambda members, as requests carry them and responses answer them.
    typealias Document = [String: JSONValue]

    /// Members of `CreateFunction` and `UpdateFunctionConfiguration` that are not part of the configuration Lambda
    /// answers with.
    static let requestOnlyMembers: Set<String> = [
        "FunctionName", "Code", "Publish", "PublishTo", "Tags", "DryRun", "RevisionId", "CodeSigningConfigArn",
    ]

    /// The control-plane calls that create and manage functions, versions, aliases and tags: enough of Lambda's
    /// control plane for the Terraform AWS provider's `aws_lambda_function` and `aws_lambda_alias`, the AWS CLI and
    /// the SDKs. Responses carry Lambda's shapes; configuration members a request set are answered back, Lambda's
    /// defaults fill the rest. Function code is hashed (`CodeSha256`, `CodeSize`) and otherwise ignored.
    func controlPlaneOperation(_ route: Route, body: Data) throws -> (Int, Data) {
        let request = try decodeBody(Document.self, from: body)
        switch route.operation {
        case .createFunction: return try createFunction(request)
        case .listTags, .tagResource, .untagResource: return try tagOperation(route, request)
        default: break
        }
        let (function, nameQualifier) = try function(addressedBy: route)
        let qualifier = route.query["Qualifier"] ?? nameQualifier
        switch route.operation {
        case .getFunction:
            let version = try resolvedVersion(qualifier, of: function)
            var object: Document = [
                "Configuration": .object(configuration(of: function, version: version)),
                "Code": .object(["RepositoryType": .string("S3")]),
            ]
            if !function.tags.isEmpty { object["Tags"] = .object(function.tags.mapValues(JSONValue.string)) }
            return (200, try encode(object))
        case .getFunctionConfiguration:
            return (200, try encode(configuration(of: function, version: try resolvedVersion(qualifier, of: function))))
        case .listVersionsByFunction:
            let all = ["$LATEST"] + function.versions.map(String.init)
            let (page, next) = try InMemoryLambda.page(all, query: route.query, defaultSize: 50)
            var object: Document = ["Versions": .array(page.map { .object(configuration(of: function, version: $0)) })]
            if let next { object["NextMarker"] = .string(next) }
            return (200, try encode(object))
        case .deleteFunction:
            return try deleteFunction(function, qualifier: qualifier)
        case .publishVersion:
            if request["PublishTo"]?.string == "LATEST_PUBLISHED" {
                publishLatestPublished(of: function.name)
                return (201, try encode(configuration(of: function, version: "$LATEST.PUBLISHED")))
            }
            let number = publishIfChanged(function.name)
            return (201, try encode(configuration(of: functions[function.name] ?? function, version: number)))
        case .updateFunctionConfiguration:
            try checkConfiguration(request)
            try checkRevision(request, function.revision, of: function)
            var settings = function.settings
            for (key, value) in request where !InMemoryLambda.requestOnlyMembers.contains(key) {
                settings[key] = value == .null ? nil : value
            }
            return (200, try encode(changeLatest(function.name) { $0.settings = settings }))
        case .updateFunctionCode:
            try checkRevision(request, function.revision, of: function)
            let code = InMemoryLambda.code(request)
            var answer = try changeLatest(function.name) { $0.code = code }
            if request["Publish"] == .bool(true) {
                let number = publishIfChanged(function.name)
                answer = configuration(of: functions[function.name] ?? function, version: number)
            }
            return (200, try encode(answer))
        case .getFunctionCodeSigningConfig:
            let object: Document = ["CodeSigningConfigArn": .string(""), "FunctionName": .string(function.name)]
            return (200, try encode(object))
        case .getFunctionConcurrency:
            return (200, try encode(Document()))
        default:
            return try aliasOperation(route, request, of: function)
        }
    }

    /// The function a route's `FunctionName` addresses, after the service model's constraints, the region and the
    /// account; 404 `Function not found: ARN` when there is none.
    func function(addressedBy route: Route) throws -> (Function, qualifier: String?) {
        var violations = ConstraintViolations()
        model.check(string: route.functionName, at: "functionName", shape: "NamespacedFunctionName", into: &violations)
        if let qualifier = route.query["Qualifier"] {
            model.check(
                string: qualifier, at: "qualifier", shape: "NumericLatestPublishedOrAliasQualifier", into: &violations)
        }
        if let error = violations.error { throw error }
        guard let parts = model.parts(ofFunctionName: route.functionName) else {
            throw LambdaError.notFound("Function not found: \(functionARN(route.functionName))")
        }
        try checkReachable(parts, operation: route.operation, qualifier: route.query["Qualifier"])
        guard let function = functions[parts.name] else {
            throw LambdaError.notFound("Function not found: \(functionARN(parts.name))")
        }
        return (function, parts.qualifier)
    }

    private func createFunction(_ request: Document) throws -> (Int, Data) {
        let name = request["FunctionName"]?.string
        var violations = ConstraintViolations()
        if let name {
            model.check(string: name, at: "functionName", shape: "FunctionName", into: &violations)
        } else {
            violations.addNull("functionName")
        }
        if let role = request["Role"]?.string {
            model.check(string: role, at: "role", shape: "RoleArn", into: &violations)
        } else {
            violations.addNull("role")
        }
        if let error = violations.error { throw error }
        try checkConfiguration(request)
        guard let name, let parts = model.parts(ofFunctionName: name), parts.qualifier == nil else {
            throw LambdaError.invalidParameter("CreateFunction takes a function name without a qualifier.")
        }
        try checkReachable(parts, operation: .createFunction, qualifier: nil)
        guard functions[parts.name] == nil else {
            throw LambdaError.conflict("Function already exist: \(parts.name)")
        }
        var function = Function(
            name: parts.name, versions: [], aliases: [:], hasLatestPublished: false, permittedDestinations: nil,
            lastModified: clock())
        function.settings = request.filter { !InMemoryLambda.requestOnlyMembers.contains($0.key) && $0.value != .null }
        function.code = InMemoryLambda.code(request)
        if case .object(let tags)? = request["Tags"] { function.tags = tags.compactMapValues(\.string) }
        functions[parts.name] = function
        var version = "$LATEST"
        if request["Publish"] == .bool(true) { version = publishIfChanged(parts.name) }
        return (201, try encode(configuration(of: functions[parts.name] ?? function, version: version)))
    }

    /// Checks the configuration members a create or update carries against the service model.
    private func checkConfiguration(_ request: Document) throws {
        var violations = ConstraintViolations()
        if let role = request["Role"]?.string {
            model.check(string: role, at: "role", shape: "RoleArn", into: &violations)
        }
        if let handler = request["Handler"]?.string {
            model.check(string: handler, at: "handler", shape: "Handler", into: &violations)
        }
        if let description = request["Description"]?.string {
            model.check(string: description, at: "description", shape: "Description", into: &violations)
        }
        if case .integer(let memory)? = request["MemorySize"] {
            model.check(integer: memory, at: "memorySize", shape: "MemorySize", into: &violations)
        }
        if case .integer(let timeout)? = request["Timeout"] {
            model.check(integer: timeout, at: "timeout", shape: "Timeout", into: &violations)
        }
        if let error = violations.error { throw error }
    }

    /// Refuses an update whose `RevisionId` is not the current one, as Lambda does.
    private func checkRevision(_ request: Document, _ revision: Int, of function: Function) throws {
        guard let expected = request["RevisionId"]?.string, expected != InMemoryLambda.serialUUID(revision) else {
            return
        }
        throw LambdaError.preconditionFailed(
            "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to "
                + "retrieve the latest Revision Id")
    }

    /// Applies a change to `$LATEST` (a new revision, `LastModified` now) and answers its configuration.
    private func changeLatest(_ name: String, _ change: (inout Function) -> Void) throws -> Document {
        guard var function = functions[name] else { throw LambdaError.notFound("Function not found: \(name)") }
        change(&function)
        function.revision += 1
        function.lastModified = clock()
        function.changedSincePublish = true
        functions[name] = function
        return configuration(of: function, version: "$LATEST")
    }

    /// Publishes a version when `$LATEST` changed since the last one, as Lambda does; otherwise answers the latest
    /// published version. Returns the version number as text.
    private func publishIfChanged(_ name: String) -> String {
        if let function = functions[name], !function.changedSincePublish, let last = function.versions.last {
            return String(last)
        }
        return publishVersion(of: name).map(String.init) ?? "$LATEST"
    }

    private func deleteFunction(_ function: Function, qualifier: String?) throws -> (Int, Data) {
        guard let qualifier, qualifier != "$LATEST" else {
            deleteFunction(function.name)
            return (204, Data())
        }
        guard let number = Int(qualifier) else {
            throw LambdaError.invalidParameter("Deleting a version takes a published version number; got \(qualifier).")
        }
        // Lambda answers 204 for a version that does not exist (or no longer does): the delete is idempotent.
        guard function.versions.contains(number) else { return (204, Data()) }
        let referencing = function.aliases.filter { $0.value == qualifier }.map(\.key).sorted()
        guard referencing.isEmpty else {
            throw LambdaError.conflict(
                "Unable to delete version because the following aliases reference it: ["
                    + referencing.joined(separator: ", ") + "]")
        }
        functions[function.name]?.versions.removeAll { $0 == number }
        functions[function.name]?.snapshots[number] = nil
        configs[ConfigKey(function: function.name, qualifier: qualifier)] = nil
        return (204, Data())
    }

    /// `CreateAlias`, `GetAlias`, `UpdateAlias`, `DeleteAlias`, `ListAliases`.
    private func aliasOperation(_ route: Route, _ request: Document, of function: Function) throws -> (Int, Data) {
        let name = route.operation == .createAlias ? request["Name"]?.string ?? "" : route.aliasName ?? ""
        let missing = LambdaError.notFound("Alias not found: \(functionARN(function.name, qualifier: name))")
        switch route.operation {
        case .listAliases:
            let names = function.aliases.keys.sorted().filter { alias in
                route.query["FunctionVersion"].map { function.aliases[alias] == $0 } ?? true
            }
            let (page, next) = try InMemoryLambda.page(names, query: route.query, defaultSize: 50)
            var object: Document = ["Aliases": .array(page.map { .object(alias($0, of: function)) })]
            if let next { object["NextMarker"] = .string(next) }
            return (200, try encode(object))
        case .getAlias:
            guard function.aliases[name] != nil else { throw missing }
            return (200, try encode(alias(name, of: function)))
        case .deleteAlias:
            guard function.aliases[name] != nil else { throw missing }
            setAlias(name, of: function.name, to: nil)
            functions[function.name]?.aliasDescriptions[name] = nil
            return (204, Data())
        default:
            var violations = ConstraintViolations()
            model.check(string: name, at: "name", shape: "Alias", into: &violations)
            if let description = request["Description"]?.string {
                model.check(string: description, at: "description", shape: "Description", into: &violations)
            }
            if let error = violations.error { throw error }
            let creating = route.operation == .createAlias
            if creating, function.aliases[name] != nil {
                throw LambdaError.conflict("Alias already exists: \(functionARN(function.name, qualifier: name))")
            }
            if !creating, function.aliases[name] == nil { throw missing }
            if let target = request["FunctionVersion"]?.string ?? (creating ? "" : nil) {
                guard let number = Int(target), setAlias(name, of: function.name, to: number) else {
                    throw LambdaError.notFound("Function not found: \(functionARN(function.name, qualifier: target))")
                }
            }
            if let description = request["Description"]?.string {
                functions[function.name]?.aliasDescriptions[name] = description
            }
            guard let updated = functions[function.name] else { throw missing }
            return (creating ? 201 : 200, try encode(alias(name, of: updated)))
        }
    }

    /// `ListTags`, `TagResource`, `UntagResource` on a function ARN.
    private func tagOperation(_ route: Route, _ request: Document) throws -> (Int, Data) {
        var violations = ConstraintViolations()
        model.check(string: route.functionName, at: "resource", shape: "TaggableResource", into: &violations)
        if let error = violations.error { throw error }
        guard let parts = model.parts(ofFunctionName: route.functionName) else {
            throw LambdaError.notFound("Function not found: \(route.functionName)")
        }
        try checkReachable(parts, operation: route.operation, qualifier: nil)
        guard functions[parts.name] != nil else {
            throw LambdaError.notFound("Function not found: \(functionARN(parts.name))")
        }
        switch route.operation {
        case .listTags:
            let tags = functions[parts.name]?.tags ?? [:]
            return (200, try encode(["Tags": JSONValue.object(tags.mapValues(JSONValue.string))]))
        case .tagResource:
            guard case .object(let tags)? = request["Tags"] else {
                throw LambdaError.validation(
                    "1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
                        + "Member must not be null")
            }
            for (key, value) in tags { functions[parts.name]?.tags[key] = value.string ?? "" }
            return (204, Data())
        default:
            for key in route.query.values(for: "tagKeys") { functions[parts.name]?.tags[key] = nil }
            return (204, Data())
        }
    }

    /// One page of `all` by Lambda's `Marker` (opaque; an offset here) and `MaxItems` (as sent).
    static func page<Item>(_ all: [Item], query: Query, defaultSize: Int) throws -> ([Item], String?) {
        let size = query["MaxItems"].flatMap { Int($0) } ?? defaultSize
        var start = 0
        if let marker = query["Marker"] {
            guard let data = Data(base64Encoded: marker), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("offset:"), let offset = Int(text.dropFirst(7)), offset >= 0
            else {
                throw LambdaError.invalidParameter("Invalid Marker: \(marker)")
            }
            start = offset
        }
        let page = Array(all.dropFirst(start).prefix(max(size, 1)))
        let end = start + page.count
        return (page, end < all.count ? Data("offset:\(end)".utf8).base64EncodedString() : nil)
    }

    /// `Code.ZipFile` (base64) hashed as Lambda reports it; a package from S3 or an image is accepted unread.
    static func code(_ request: Document) -> Function.Code {
        guard case .object(let code)? = request["Code"] ?? .object(request), let zip = code["ZipFile"]?.string,
            let bytes = Data(base64Encoded: zip)
        else { return Function.Code() }
        return Function.Code(sha256: Data(Hashing.sha256(Array(bytes))).base64EncodedString(), size: bytes.count)
    }

    /// `AliasConfiguration`.
    private func alias(_ name: String, of function: Function) -> Document {
        [
            "AliasArn": .string(functionARN(function.name, qualifier: name)), "Name": .string(name),
            "FunctionVersion": .string(function.aliases[name] ?? ""),
            "Description": .string(function.aliasDescriptions[name] ?? ""),
            "RevisionId": .string(InMemoryLambda.serialUUID(function.revision)),
        ]
    }

    /// The version a qualifier names (an alias resolves to its version); 404 when the function has no such one.
    private func resolvedVersion(_ qualifier: String?, of function: Function) throws -> String {
        guard let qualifier else { return "$LATEST" }
        guard exists(qualifier, of: function) else {
            throw LambdaError.notFound("Function not found: \(functionARN(function.name, qualifier: qualifier))")
        }
        return function.aliases[qualifier] ?? qualifier
    }

    /// `FunctionConfiguration` of `$LATEST` or a published version: Lambda's defaults, the members the requests
    /// set, and what Lambda computes (ARN, version, code digest, state, revision).
    func configuration(of function: Function, version: String) -> Document {
        let snapshot = Int(version).flatMap { function.snapshots[$0] }
        let settings = snapshot?.settings ?? function.settings
        var document: Document = [
            "Description": .string(""), "Timeout": .integer(3), "MemorySize": .integer(128),
            "PackageType": .string("Zip"), "Architectures": .array([.string("x86_64")]),
            "EphemeralStorage": .object(["Size": .integer(512)]),
            "TracingConfig": .object(["Mode": .string("PassThrough")]),
            "LoggingConfig": .object([
                "LogFormat": .string("Text"), "LogGroup": .string("/aws/lambda/\(function.name)"),
            ]),
            "SnapStart": .object(["ApplyOn": .string("None"), "OptimizationStatus": .string("Off")]),
        ]
        for (key, value) in settings { document[key] = InMemoryLambda.answered(key, value) }
        let code = snapshot?.code ?? function.code
        document["FunctionName"] = .string(function.name)
        document["FunctionArn"] = .string(functionARN(function.name, qualifier: version == "$LATEST" ? nil : version))
        document["Version"] = .string(version)
        document["CodeSha256"] = .string(code.sha256)
        document["CodeSize"] = .integer(code.size)
        document["LastModified"] = .string(
            Timestamp.iso8601(snapshot?.lastModified ?? function.lastModified, style: .lambda))
        document["RevisionId"] = .string(InMemoryLambda.serialUUID(snapshot?.revision ?? function.revision))
        document["State"] = .string("Active")
        document["LastUpdateStatus"] = .string("Successful")
        return document
    }

    /// A configuration member as Lambda answers it where the answer's shape differs from the request's.
    static func answered(_ key: String, _ value: JSONValue) -> JSONValue {
        switch (key, value) {
        case ("Layers", .array(let arns)):
            return .array(arns.map { .object(["Arn": $0, "CodeSize": .integer(0)]) })
        case ("VpcConfig", .object(var vpc)):
            vpc["VpcId"] = .string("")
            return .object(vpc)
        case ("SnapStart", .object(var snapStart)):
            snapStart["OptimizationStatus"] = .string("Off")
            return .object(snapStart)
        default:
            return value
        }
    }
}
