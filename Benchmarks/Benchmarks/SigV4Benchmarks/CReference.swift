import CSigV4Reference

/// The reference request signed by `CSigV4Reference`, a plain C signer on OpenSSL's SHA-256 with a warm key: the
/// "C/OpenSSL signer" of the signer issue, measured on this machine in the same run as ours.
///
/// Every input is copied into C memory once, so a call measures only the C signer; its output goes to a reused
/// buffer. `sign` returns the Authorization value's length; `authorization` is for checking it against ours.
enum CReference {
    private static func cString(_ text: String) -> UnsafeMutablePointer<CChar> {
        let bytes = Array(text.utf8CString)
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        pointer.initialize(from: bytes, count: bytes.count)
        return pointer
    }

    private struct Inputs: @unchecked Sendable {
        var key = eic_c_signing_key()
        let accessKey = cString("AKIDEXAMPLE")
        let method = cString("PUT")
        let path = cString(
            "/2019-09-25/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-function/event-invoke-config"
        )
        let query = cString("Qualifier=%24LATEST")
        let pathLength = 112
        let queryLength = 19
        let amzDate = cString("20261128T120000Z")
        let scope = cString("20261128/us-east-1/lambda/aws4_request")
        let headers: UnsafeMutablePointer<eic_c_header>
        let body: UnsafeMutablePointer<UInt8>
        let bodyCount: Int
        let output = UnsafeMutablePointer<CChar>.allocate(capacity: 512)

        init() {
            eic_c_derive_key(&key, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20261128", "us-east-1", "lambda")
            let pairs = [
                ("host", "lambda.us-east-1.amazonaws.com"), ("content-type", "application/json"),
                ("x-amz-security-token", "FQoGZXIvYXdzEXAMPLETOKEN"),
            ]
            headers = .allocate(capacity: pairs.count)
            for (index, (name, value)) in pairs.enumerated() {
                headers[index] = eic_c_header(
                    name: UnsafePointer(CReference.cString(name)), name_length: name.utf8.count,
                    value: UnsafePointer(CReference.cString(value)), value_length: value.utf8.count)
            }
            bodyCount = referenceBody.count
            body = .allocate(capacity: bodyCount)
            body.initialize(from: referenceBody, count: bodyCount)
        }
    }

    private static let inputs = Inputs()

    static func sign() -> Int {
        withUnsafePointer(to: inputs.key) { key in
            eic_c_sign(
                key, inputs.accessKey, inputs.method, inputs.path, inputs.pathLength, inputs.query,
                inputs.queryLength, inputs.headers, 3, inputs.body, inputs.bodyCount, inputs.amzDate,
                inputs.scope, inputs.output, 512)
        }
    }

    static var authorization: String {
        let count = sign()
        return String(decoding: UnsafeRawBufferPointer(start: inputs.output, count: max(count, 0)), as: UTF8.self)
    }
}
