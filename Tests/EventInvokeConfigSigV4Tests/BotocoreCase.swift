import EventInvokeConfigSigV4
import Foundation

/// A request that botocore's `SigV4Auth` signed (`Tests/Scripts/botocore_sigv4_cases.py` generates them at test
/// time; `make_reference_signatures.py` wrote the fixture): what to sign, and botocore's Authorization value.
struct BotocoreCase: Decodable {
    let method: String
    let path: String
    let query: String
    let headers: [[String]]
    let region: String
    /// The body, base64.
    let body: String
    let token: String?
    let authorization: String
    /// The generated cases' number and canonical request.
    let index: Int?
    let canonicalRequest: String?
    /// The fixture cases' secret (the generated ones use the suite's example secret).
    let secret: String?

    /// The request as the signer takes it.
    var request: SigV4Request {
        SigV4Request(
            method: method, path: path, query: query, headers: headers.map { (name: $0[0], value: $0[1]) },
            payload: .bytes(Array(Data(base64Encoded: body) ?? Data())))
    }

    /// The credentials botocore signed with.
    var credentials: Credentials {
        Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret ?? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: token)
    }
}
