import Foundation

/// Why an envelope could not be read, signed or verified; each message says what to do about it.
public enum SignatureError: Error, CustomStringConvertible, Equatable {
    /// The envelope carries no signature at all.
    case noSignatures
    /// Verification was asked with nobody to trust.
    case noTrustedKeys
    /// No signature verifies under any trusted key: the content changed after signing, or the
    /// signer is not trusted. `keyIDs` are the envelope's (unauthenticated) hints; `trusted` names the keys tried.
    case noValidSignature(keyIDs: [String], trusted: [String])
    /// The data is not a DSSE JSON envelope; the text says which part is wrong.
    case malformedEnvelope(String)
    /// The crypto library refused to sign.
    case signingFailed(String)

    public var description: String {
        switch self {
        case .noSignatures:
            return "the envelope has no signatures: it was never signed"
        case .noTrustedKeys:
            return "no trusted public keys to verify with: give the signer's '.pub' file or a directory of them"
        case let .noValidSignature(keyIDs, trusted):
            let hints = keyIDs.map { $0.isEmpty ? "(no key id)" : String($0.prefix(16)) }.joined(separator: ", ")
            return "none of the envelope's \(keyIDs.count) signature(s) [key ids \(hints)] is valid for any of the "
                + "\(trusted.count) trusted key(s) [\(trusted.joined(separator: ", "))]: either the content was "
                + "changed after signing, or it was signed by a key that is not trusted"
        case let .malformedEnvelope(detail):
            return "not a DSSE envelope: \(detail)"
        case let .signingFailed(detail):
            return "signing failed: \(detail)"
        }
    }
}
