import Foundation

extension DSSEEnvelope {
    /// The Pre-Authentication Encoding: the bytes actually signed.
    ///
    /// `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in ASCII decimal of the byte
    /// counts (UTF-8 bytes for the type), so neither part can be confused with the other.
    public static func pae(payloadType: String, payload: Data) -> Data {
        let type = Data(payloadType.utf8)
        return Data("DSSEv1 \(type.count) ".utf8) + type + Data(" \(payload.count) ".utf8) + payload
    }

    /// A new envelope holding `payload`, signed by `key`.
    public static func sign(payload: Data, payloadType: String, with key: SigningKey) throws -> DSSEEnvelope {
        var envelope = DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: [])
        try envelope.addSignature(with: key)
        return envelope
    }

    /// Adds `key`'s signature, e.g. a second signer's; the existing ones stay valid.
    public mutating func addSignature(with key: SigningKey) throws {
        let sig = try key.sign(Self.pae(payloadType: payloadType, payload: payload))
        signatures.append(Signature(keyid: key.publicKey.keyID, sig: sig))
    }

    /// The trusted key under which a signature of this envelope verifies.
    ///
    /// Every trusted key is tried for every signature: a key id is unauthenticated (DSSE
    /// protocol.md), so it only decides which key is tried first, never whether one is.
    ///
    /// - Throws: ``SignatureError`` saying why not: no signatures, no trusted keys, or none valid.
    public func verify(with trusted: TrustedKeys) throws -> VerifyingKey {
        guard !signatures.isEmpty else { throw SignatureError.noSignatures }
        guard !trusted.keys.isEmpty else { throw SignatureError.noTrustedKeys }
        let message = Self.pae(payloadType: payloadType, payload: payload)
        for signature in signatures {
            let hinted = trusted.keys.filter { $0.keyID == signature.keyid }
            let others = trusted.keys.filter { $0.keyID != signature.keyid }
            if let key = (hinted + others).first(where: { $0.isValidSignature(signature.sig, for: message) }) {
                return key
            }
        }
        throw SignatureError.noValidSignature(keyIDs: signatures.map(\.keyid), trusted: trusted.keys.map(\.label))
    }
}
