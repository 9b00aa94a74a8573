import Foundation
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// Envelopes and key files checked by an independent implementation (Python `cryptography`), both ways.
@Suite struct PythonInteropTests {
    /// Exit 0: a signature verified; 10: none did. Anything else is a broken script (traceback printed).
    static let verifier = """
        public_key = serialization.load_pem_public_key(open(sys.argv[1], "rb").read())
        assert isinstance(public_key, ed25519.Ed25519PublicKey), type(public_key)
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        envelope = json.load(open(sys.argv[2]))
        assert set(envelope) == {"payload", "payloadType", "signatures"}, sorted(envelope)
        body = base64.b64decode(envelope["payload"], validate=True)
        message = pae(envelope["payloadType"].encode("utf-8"), body)
        for signature in envelope["signatures"]:
            assert set(signature) == {"keyid", "sig"}, sorted(signature)
            # The key id is only a hint, but ours must be what we say it is: sha256 of the raw key.
            assert signature["keyid"] == hashlib.sha256(raw).hexdigest(), signature["keyid"]
            try:
                public_key.verify(base64.b64decode(signature["sig"], validate=True), message)
            except InvalidSignature:
                continue
            print("verified")
            sys.exit(0)
        print("no valid signature")
        sys.exit(10)
        """

    /// Writes the envelope and public key and runs ``verifier`` on them.
    func pythonVerify(_ envelope: DSSEEnvelope, key: VerifyingKey) throws -> PythonCryptography.Outcome {
        let directory = try TemporaryDirectory("interop")
        let keyPath = try directory.write(key.pem, to: "signer.pub")
        let envelopePath = directory.path("evidence.dsse.json")
        try envelope.encoded().write(to: URL(fileURLWithPath: envelopePath))
        return try PythonCryptography.run(Self.verifier, [keyPath, envelopePath])
    }

    let payload = Data(#"{"result":"PASSED","note":"zürich ✓ http://x/y"}"#.utf8)

    @Test func pythonVerifiesAnEnvelopeWeSigned() throws {
        let key = SigningKey.generate()
        let envelope = try DSSEEnvelope.sign(payload: payload, payloadType: "application/vnd.in-toto+json", with: key)
        let outcome = try pythonVerify(envelope, key: key.publicKey)
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func pythonRejectsATamperedEnvelope() throws {
        let key = SigningKey.generate()
        let envelope = try DSSEEnvelope.sign(payload: payload, payloadType: "application/vnd.in-toto+json", with: key)

        var changedPayload = envelope
        changedPayload.payload[changedPayload.payload.startIndex + 12] ^= 0x01
        var changedType = envelope
        changedType.payloadType = "application/vnd.in-toto+jsom"
        var changedSignature = envelope
        changedSignature.signatures[0].sig[changedSignature.signatures[0].sig.startIndex + 5] ^= 0x80

        for tampered in [changedPayload, changedType, changedSignature] {
            let outcome = try pythonVerify(tampered, key: key.publicKey)
            #expect(outcome.status == 10, "\(outcome.output)")
        }
    }

    @Test func pythonReadsOurPrivateKeyFile() throws {
        let directory = try TemporaryDirectory("interop")
        let key = SigningKey.generate()
        let publicPath = try key.write(to: directory.path("signer.key"))
        let script = """
            private_key = serialization.load_pem_private_key(open(sys.argv[1], "rb").read(), password=None)
            public_key = serialization.load_pem_public_key(open(sys.argv[2], "rb").read())
            raw = lambda key: key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            assert raw(private_key.public_key()) == raw(public_key)
            # Byte for byte what cryptography itself writes, so either side can rewrite the other's files.
            written = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption())
            assert written == open(sys.argv[1], "rb").read(), written
            public_written = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            assert public_written == open(sys.argv[2], "rb").read(), public_written
            """
        let outcome = try PythonCryptography.run(script, [directory.path("signer.key"), publicPath])
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func weVerifyAnEnvelopePythonSigned() throws {
        let directory = try TemporaryDirectory("interop")
        let script = """
            directory = sys.argv[1]
            private_key = ed25519.Ed25519PrivateKey.generate()
            open(directory + "/python.key", "wb").write(private_key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
            open(directory + "/python.pub", "wb").write(private_key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
            payload_type = "application/vnd.in-toto+json"
            body = '{"_type":"https://in-toto.io/Statement/v1","note":"größe ✓"}'.encode("utf-8")
            sig = private_key.sign(pae(payload_type.encode("utf-8"), body))
            standard = {"payload": base64.b64encode(body).decode(), "payloadType": payload_type,
                        "signatures": [{"keyid": "python-made", "sig": base64.b64encode(sig).decode()}]}
            json.dump(standard, open(directory + "/standard.json", "w"))
            # DSSE verifiers must accept URL-safe base64 too; unpadded, and without a keyid.
            urlsafe = lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")
            json.dump({"payload": urlsafe(body), "payloadType": payload_type, "signatures": [{"sig": urlsafe(sig)}]},
                      open(directory + "/urlsafe.json", "w"))
            tampered = dict(standard, payload=base64.b64encode(body.replace(b"Statement/v1", b"Statement/v2")).decode())
            json.dump(tampered, open(directory + "/tampered.json", "w"))
            """
        let outcome = try PythonCryptography.run(script, [directory.url.path])
        try #require(outcome.status == 0, "\(outcome.output)")

        let trusted = try TrustedKeys.load(from: directory.path("python.pub"))
        let signingKey = try SigningKey(contentsOfFile: directory.path("python.key"))
        #expect(signingKey.publicKey == trusted.keys.first)

        for name in ["standard.json", "urlsafe.json"] {
            let envelope = try DSSEEnvelope.decode(Data(contentsOf: directory.url.appendingPathComponent(name)))
            #expect(String(decoding: envelope.payload, as: UTF8.self).contains("größe ✓"))
            let verified = try envelope.verify(with: trusted)
            #expect(verified.name == "python", "\(name)")
        }
        let tampered = try DSSEEnvelope.decode(Data(contentsOf: directory.url.appendingPathComponent("tampered.json")))
        #expect(throws: SignatureError.self) { try tampered.verify(with: trusted) }
    }

    /// The spec's own test vector (protocol.md): its P-256 signature covers exactly the PAE we compute.
    @Test func specTestVectorSignatureCoversOurPAE() throws {
        let directory = try TemporaryDirectory("interop")
        let paePath = directory.path("pae.bin")
        try DSSEEnvelope.pae(payloadType: "http://example.com/HelloWorld", payload: Data("hello world".utf8))
            .write(to: URL(fileURLWithPath: paePath))
        let script = """
            x = 46950820868899156662930047687818585632848591499744589407958293238635476079160
            y = 5640078356564379163099075877009565129882514886557779369047442380624545832820
            public_key = ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
            raw = base64.b64decode("A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==")
            signature = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
            try:
                public_key.verify(signature, open(sys.argv[1], "rb").read(), ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                print("the spec's signature does not cover our PAE")
                sys.exit(10)
            """
        let outcome = try PythonCryptography.run(script, [paePath])
        #expect(outcome.status == 0, "\(outcome.output)")
    }
}
