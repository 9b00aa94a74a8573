import Foundation
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct DSSEVerificationTests {
    let signer = SigningKey.generate()
    let stranger = SigningKey.generate()
    let payload = Data(#"{"result":"PASSED"}"#.utf8)
    let type = "application/vnd.in-toto+json"

    func signed() throws -> DSSEEnvelope {
        try DSSEEnvelope.sign(payload: payload, payloadType: type, with: signer)
    }

    func rejection(_ envelope: DSSEEnvelope, _ trusted: TrustedKeys) -> SignatureError? {
        do {
            _ = try envelope.verify(with: trusted)
            return nil
        } catch {
            return error as? SignatureError
        }
    }

    @Test func verifiesWhatWasSignedAndReturnsTheKey() throws {
        let envelope = try signed()
        #expect(envelope.payloadType == type)
        #expect(envelope.payload == payload)
        #expect(envelope.signatures.map(\.keyid) == [signer.publicKey.keyID])
        #expect(envelope.signatures[0].sig.count == 64)
        let trusted = TrustedKeys([stranger.publicKey, signer.publicKey])
        #expect(try envelope.verify(with: trusted) == signer.publicKey)
        // Survives the trip through JSON.
        #expect(try DSSEEnvelope.decode(envelope.encoded()).verify(with: trusted) == signer.publicKey)
    }

    @Test func rejectsAChangedPayloadByte() throws {
        var envelope = try signed()
        envelope.payload[envelope.payload.startIndex + 11] ^= 0x01
        #expect(
            rejection(envelope, TrustedKeys([signer.publicKey]))
                == .noValidSignature(
                    keyIDs: [signer.publicKey.keyID], trusted: [signer.publicKey.label]))
    }

    @Test func rejectsAChangedPayloadType() throws {
        var envelope = try signed()
        envelope.payloadType = "application/vnd.other+json"
        #expect(rejection(envelope, TrustedKeys([signer.publicKey])) != nil)
    }

    @Test func rejectsAChangedOrTruncatedSignature() throws {
        var flipped = try signed()
        flipped.signatures[0].sig[flipped.signatures[0].sig.startIndex + 40] ^= 0x04
        var truncated = try signed()
        truncated.signatures[0].sig = truncated.signatures[0].sig.dropLast()
        for envelope in [flipped, truncated] {
            #expect(rejection(envelope, TrustedKeys([signer.publicKey])) != nil)
        }
    }

    @Test func rejectsASignatureByAnUntrustedKey() throws {
        let envelope = try DSSEEnvelope.sign(payload: payload, payloadType: type, with: stranger)
        let error = rejection(envelope, TrustedKeys([signer.publicKey]))
        #expect(error == .noValidSignature(keyIDs: [stranger.publicKey.keyID], trusted: [signer.publicKey.label]))
        #expect(error?.description.contains("signed by a key that is not trusted") == true)
    }

    @Test func rejectsAnEnvelopeWithoutSignaturesOrWithoutTrustedKeys() throws {
        var unsigned = try signed()
        unsigned.signatures = []
        #expect(rejection(unsigned, TrustedKeys([signer.publicKey])) == .noSignatures)
        #expect(rejection(try signed(), TrustedKeys([])) == .noTrustedKeys)
    }

    @Test func aWrongKeyIDIsOnlyAHint() throws {
        // The key id is unauthenticated: a valid signature verifies whatever it claims to be.
        for keyid in ["", "not-a-key-id", stranger.publicKey.keyID] {
            var envelope = try signed()
            envelope.signatures[0].keyid = keyid
            #expect(try envelope.verify(with: TrustedKeys([stranger.publicKey, signer.publicKey])) == signer.publicKey)
        }
    }

    @Test func aRightKeyIDDoesNotRescueABadSignature() throws {
        var envelope = try signed()
        envelope.signatures[0].sig = try signer.sign(Data("something else".utf8))
        #expect(rejection(envelope, TrustedKeys([signer.publicKey])) != nil)
        // Nor does a stranger's signature that claims the trusted key's id.
        var impostor = try DSSEEnvelope.sign(payload: payload, payloadType: type, with: stranger)
        impostor.signatures[0].keyid = signer.publicKey.keyID
        #expect(rejection(impostor, TrustedKeys([signer.publicKey])) != nil)
    }

    @Test func oneValidSignatureAmongSeveralIsEnough() throws {
        var envelope = try DSSEEnvelope.sign(payload: payload, payloadType: type, with: stranger)
        try envelope.addSignature(with: signer)
        #expect(envelope.signatures.count == 2)
        #expect(try envelope.verify(with: TrustedKeys([signer.publicKey])) == signer.publicKey)
        #expect(try envelope.verify(with: TrustedKeys([stranger.publicKey])) == stranger.publicKey)
    }

    @Test func rejectionNamesTheTrustedKeys() throws {
        let directory = try TemporaryDirectory()
        try directory.write(signer.publicKey.pem, to: "release-signer.pub")
        let envelope = try DSSEEnvelope.sign(payload: payload, payloadType: type, with: stranger)
        let error = rejection(envelope, try TrustedKeys.load(from: directory.url.path))
        #expect(error?.description.contains("[release-signer]") == true)
        #expect(error?.description.contains(String(stranger.publicKey.keyID.prefix(16))) == true)
    }
}
