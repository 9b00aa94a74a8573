import Foundation

/// A signed payload in the DSSE JSON envelope (https://github.com/secure-systems-lab/dsse,
/// `envelope.md` and `protocol.md`), the wrapping in-toto attestations travel in.
///
/// The signatures cover the payload type and the payload bytes exactly as carried (see ``pae(payloadType:payload:)``),
/// so no JSON canonicalisation is ever needed to verify.
public struct DSSEEnvelope: Sendable, Equatable {
    /// One signature: JSON `{"keyid": "…", "sig": "<base64>"}`.
    public struct Signature: Sendable, Equatable {
        /// An unauthenticated hint at the signer (``VerifyingKey/keyID``); empty when unset.
        public var keyid: String
        public var sig: Data

        public init(keyid: String, sig: Data) {
            self.keyid = keyid
            self.sig = sig
        }
    }

    /// What the payload is, e.g. `application/vnd.in-toto+json`; covered by the signature.
    public var payloadType: String
    public var payload: Data
    public var signatures: [Signature]

    public init(payloadType: String, payload: Data, signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }
}
