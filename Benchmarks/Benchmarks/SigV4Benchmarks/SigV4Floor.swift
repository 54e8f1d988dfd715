import Crypto

/// The cryptographic work every SigV4 signature needs, measured alone as a baseline.
enum SigV4Floor {
    static let keyed = HMAC<SHA256>(key: SymmetricKey(data: Array(repeating: UInt8(7), count: 32)))

    static func run(body: [UInt8], canonical: [UInt8]) -> Int {
        let bodyHash = SHA256.hash(data: body)
        let canonicalHash = SHA256.hash(data: canonical)
        var mac = keyed
        mac.update(data: canonical[0..<128])
        let code = mac.finalize()
        return bodyHash.hashValue ^ canonicalHash.hashValue ^ code.hashValue
    }
}
