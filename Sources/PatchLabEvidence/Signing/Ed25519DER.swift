import Foundation

/// The DER encodings of Ed25519 keys (RFC 8410): PKCS#8 for the private key, SPKI for the public.
///
/// Written in the fixed 48- and 44-byte forms every tool emits; read leniently enough to accept
/// the PKCS#8 v2 form (with the public key attached) that some tools write.
enum Ed25519DER {
    static let algorithm = "1.3.101.112"
    static let privateKeyPrefix = Data([
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20,
    ])
    static let publicKeyPrefix = Data([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00])

    static func privateKeyInfo(seed: Data) -> Data { privateKeyPrefix + seed }

    static func subjectPublicKeyInfo(raw: Data) -> Data { publicKeyPrefix + raw }

    /// The 32-byte seed inside a PKCS#8 PrivateKeyInfo / OneAsymmetricKey.
    static func seed(fromPrivateKeyInfo der: Data) throws(KeyError) -> Data {
        var outer = DERReader(der)
        var info = DERReader(try outer.read(0x30, "a PKCS#8 SEQUENCE").content)
        guard outer.isAtEnd else { throw .malformedDER("extra bytes after the key") }
        let version = try info.read(0x02, "the PKCS#8 version").content
        guard version == Data([0]) || version == Data([1]) else { throw .malformedDER("unknown PKCS#8 version") }
        try checkAlgorithm(&info)
        var wrapped = DERReader(try info.read(0x04, "the private key OCTET STRING").content)
        let seed = try wrapped.read(0x04, "the Ed25519 seed OCTET STRING").content
        guard seed.count == 32 else { throw .malformedDER("an Ed25519 seed is 32 bytes, found \(seed.count)") }
        return seed
    }

    /// The 32-byte public key inside a SubjectPublicKeyInfo.
    static func rawPublicKey(fromSubjectPublicKeyInfo der: Data) throws(KeyError) -> Data {
        var outer = DERReader(der)
        var info = DERReader(try outer.read(0x30, "a SubjectPublicKeyInfo SEQUENCE").content)
        guard outer.isAtEnd else { throw .malformedDER("extra bytes after the key") }
        try checkAlgorithm(&info)
        let bits = try info.read(0x03, "the public key BIT STRING").content
        guard bits.first == 0, bits.count == 33 else {
            throw .malformedDER("an Ed25519 public key is 32 bytes, found \(max(bits.count - 1, 0))")
        }
        return Data(bits.dropFirst())
    }

    private static func checkAlgorithm(_ info: inout DERReader) throws(KeyError) {
        var identifier = DERReader(try info.read(0x30, "the AlgorithmIdentifier").content)
        let oid = DERReader.objectIdentifier(try identifier.read(0x06, "the algorithm OID").content)
        guard oid == algorithm else { throw .notEd25519(algorithm: algorithmName(oid)) }
    }

    /// Names the algorithms people most often hand us by mistake.
    static func algorithmName(_ oid: String) -> String {
        switch oid {
        case "1.2.840.113549.1.1.1": return "RSA"
        case "1.2.840.10045.2.1": return "EC (ECDSA)"
        case "1.3.101.110": return "X25519"
        case "1.3.101.111": return "X448"
        case "1.3.101.113": return "Ed448"
        default: return "OID \(oid)"
        }
    }
}
