import EventInvokeConfigSigV4
import Foundation
import Testing

@Suite("Secrets never reach text")
struct SecretRedactionTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "FQoGZXIvYXdzEXAMPLETOKEN-very-secret"

    @Test("every way of printing credentials and signatures hides the secret and the token")
    func redaction() throws {
        let credentials = Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret, sessionToken: Self.token,
            expiration: Date(timeIntervalSince1970: 1_795_867_200))
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        let signer = SigV4Signer(region: "us-east-1", service: "lambda")
        let signed = try signer.sign(request, credentials: credentials, date: Date(timeIntervalSince1970: 0))
        let presigned = try signer.presign(
            request, credentials: credentials, date: Date(timeIntervalSince1970: 0), expires: 60)
        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedSignature = ""
        dump(signed, to: &dumpedSignature)
        let renderings: [String] = [
            "\(credentials)", String(describing: credentials), String(reflecting: credentials), dumped,
            credentials.description, credentials.debugDescription, "\([credentials])",
            String(describing: Optional(credentials)),
            "\(signed)", String(describing: signed), presigned.description, "\(presigned)",
            String(describing: [signed.description]),
        ]
        for text in renderings {
            #expect(!text.contains(Self.secret), "\(text)")
            #expect(!text.contains(Self.token), "\(text)")
            #expect(!text.contains("K7MDENG"), "\(text)")
        }
        #expect(!credentials.description.contains("AKIDEXAMPLE"))
        #expect(credentials.description.contains("*******MPLE"))
        #expect(!signed.description.contains("AKIDEXAMPLE") && signed.description.contains("MPLE/"))
        #expect(!presigned.description.contains("AKIDEXAMPLE") && presigned.description.contains("MPLE%2F"))
        #expect(credentials.description.contains("<redacted>"))
        // The secret is never part of a signature's output at all.
        #expect(!signed.authorization.contains(Self.secret))
        #expect(!dumpedSignature.contains(Self.secret))
    }
}
