import Foundation
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct SigningKeyTests {
    /// RFC 8410 section 10.3's private key, and the public key of section 10.1 that belongs to it.
    static let rfcPrivate = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        -----END PRIVATE KEY-----
        """
    static let rfcPublic = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PUBLIC KEY-----

        """

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    func der(_ pem: String) -> Data {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Data(base64Encoded: body) ?? Data()
    }

    @Test func readsTheRFCKeyPair() throws {
        let key = try SigningKey(pem: Self.rfcPrivate)
        #expect(key.publicKey.pem == Self.rfcPublic)
        #expect(
            key.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
                == "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1")
        // sha256 of those 32 bytes, computed with Python's hashlib.
        #expect(key.publicKey.keyID == "e744c0791320c3285460eddb523f14c88d857ada46b97a5690d88cf978b9191f")
        #expect(key.pem == Self.rfcPrivate + "\n")
    }

    @Test func readsTheRFCOneAsymmetricKeyForm() throws {
        // RFC 8410 section 10.3's second example: version 1, with attributes and the public key attached.
        let pem = """
            -----BEGIN PRIVATE KEY-----
            MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
            oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
            Z9w7lshQhqowtrbLDFw4rXAxZuE=
            -----END PRIVATE KEY-----
            """
        #expect(try SigningKey(pem: pem).publicKey.pem == Self.rfcPublic)
    }

    @Test func pemRoundTripsInTheFixedDERForms() throws {
        let key = SigningKey.generate()
        #expect(key.pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(key.pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        let privateDER = der(key.pem)
        #expect(privateDER.count == 48)
        #expect(
            privateDER.prefix(16)
                == Data([
                    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                    0x04, 0x22, 0x04, 0x20,
                ]))
        let publicDER = der(key.publicKey.pem)
        #expect(
            publicDER == Data([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00])
                + key.publicKey.rawRepresentation)

        let reread = try SigningKey(pem: key.pem)
        #expect(reread.publicKey == key.publicKey)
        #expect(reread.pem == key.pem)
        #expect(try VerifyingKey(pem: key.publicKey.pem) == key.publicKey)
        // A signature by the reread key verifies under the original public key.
        let data = Data("evidence".utf8)
        #expect(key.publicKey.isValidSignature(try reread.sign(data), for: data))
        #expect(!key.publicKey.isValidSignature(try reread.sign(data), for: Data("evidencE".utf8)))
    }

    @Test func writesAPrivateFileOnlyItsOwnerCanReadAndNeverOverwrites() throws {
        let directory = try TemporaryDirectory()
        let key = SigningKey.generate()
        let privatePath = directory.path("signer.key")
        let publicPath = try key.write(to: privatePath)
        #expect(publicPath == directory.path("signer.pub"))

        let attributes = try FileManager.default.attributesOfItem(atPath: privatePath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let publicAttributes = try FileManager.default.attributesOfItem(atPath: publicPath)
        #expect((publicAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        #expect(try SigningKey(contentsOfFile: privatePath).publicKey == key.publicKey)
        let loaded = try VerifyingKey(contentsOfFile: publicPath)
        #expect(loaded == key.publicKey)
        #expect(loaded.name == "signer")

        let other = SigningKey.generate()
        #expect(message { try other.write(to: privatePath) }.contains("\(privatePath) already exists"))
        // Refused before anything was written: neither a new public key nor a replaced private one.
        try FileManager.default.removeItem(atPath: publicPath)
        #expect(message { try other.write(to: privatePath) }.contains("already exists"))
        #expect(!FileManager.default.fileExists(atPath: publicPath))
        #expect(try SigningKey(contentsOfFile: privatePath).publicKey == key.publicKey)
    }

    @Test func placesThePublicKeyNextToThePrivateOne() {
        #expect(SigningKey.publicKeyPath(for: "/k/signer.key") == "/k/signer.pub")
        #expect(SigningKey.publicKeyPath(for: "/k/signer.pem") == "/k/signer.pub")
        #expect(SigningKey.publicKeyPath(for: "/k/id_patchlab") == "/k/id_patchlab.pub")
        #expect(SigningKey.publicKeyPath(for: "/k.d/signer") == "/k.d/signer.pub")
    }

    /// A FIFO or device named as a key is refused at once: reading one would block for ever or never end.
    @Test(.timeLimit(.minutes(1))) func aFIFOOrDeviceNamedAsAKeyIsRefusedWithoutReadingIt() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path("signer.key")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(message { _ = try SigningKey(contentsOfFile: fifo) } == "\(fifo): is a FIFO, expected a PEM file")
        #expect(message { _ = try VerifyingKey(contentsOfFile: "/dev/zero") } == "/dev/zero: is a character device, expected a PEM file")
    }

    @Test func errorsNameTheFileAndWhatIsWrong() throws {
        let directory = try TemporaryDirectory()
        let key = SigningKey.generate()
        let garbage = try directory.write("hello\n", to: "garbage.key")
        let publicFile = try directory.write(key.publicKey.pem, to: "signer.pub")
        let privateFile = try directory.write(key.pem, to: "signer.key")
        let missing = directory.path("missing.key")

        #expect(
            message { _ = try SigningKey(contentsOfFile: garbage) }
                == "\(garbage): no PEM block found; expected '-----BEGIN PRIVATE KEY-----'")
        #expect(message { _ = try SigningKey(contentsOfFile: missing) } == "\(missing): no such file")
        #expect(message { _ = try SigningKey(contentsOfFile: directory.url.path) }.hasPrefix("\(directory.url.path): is a directory"))
        #expect(
            message { _ = try SigningKey(contentsOfFile: publicFile) }
                .contains("\(publicFile): found a 'PUBLIC KEY' PEM block where a 'PRIVATE KEY' belongs (this is a public key"))
        #expect(
            message { _ = try VerifyingKey(contentsOfFile: privateFile) }
                .contains("\(privateFile): found a 'PRIVATE KEY' PEM block where a 'PUBLIC KEY' belongs (this is a private key"))
        #expect(message { _ = try VerifyingKey(contentsOfFile: garbage) }.hasPrefix("\(garbage): no PEM block found"))
    }

    @Test func explainsKeysItCannotUse() {
        let ecPublic = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE5qKa7KF4MkH/4lJlGpZfbbV6HnJP
            NpCilHOn7oQc4/uGbbrhwn0PnxLcov6ok1DZ0zuvw+JR/8wwOlXglvpFpA==
            -----END PUBLIC KEY-----
            """
        #expect(
            message { _ = try VerifyingKey(pem: ecPublic) }.hasPrefix(
                "the key's algorithm is EC (ECDSA), but PatchLab signs with Ed25519 only"))

        let encrypted = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhr94SJ9tFaBgICCAAw
            -----END ENCRYPTED PRIVATE KEY-----
            """
        #expect(message { _ = try SigningKey(pem: encrypted) }.contains("encrypted keys are not supported"))
        let legacyEncrypted = """
            -----BEGIN PRIVATE KEY-----
            Proc-Type: 4,ENCRYPTED
            DEK-Info: AES-128-CBC,1234

            MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
            -----END PRIVATE KEY-----
            """
        #expect(message { _ = try SigningKey(pem: legacyEncrypted) }.hasPrefix("the private key is encrypted"))

        #expect(
            message { _ = try SigningKey(pem: "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n") }
                == "the 'PRIVATE KEY' PEM block is not valid base64")
        #expect(
            message { _ = try SigningKey(pem: "-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n-----END PRIVATE KEY-----\n") }
                .hasPrefix("not an Ed25519 key in the expected DER form"))
        #expect(
            message { _ = try SigningKey(pem: "-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n") }
                == "malformed PEM: block 'PRIVATE KEY' has no END line")
        #expect(
            message { _ = try VerifyingKey(pem: Self.rfcPublic + Self.rfcPublic) }
                == "holds 2 'PUBLIC KEY' blocks where one belongs")
    }
}
