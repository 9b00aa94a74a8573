import Foundation
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct TrustedKeysTests {
    let alice = SigningKey.generate()
    let bob = SigningKey.generate()

    func message(_ path: String) -> String {
        do {
            _ = try TrustedKeys.load(from: path)
            return "loaded"
        } catch {
            return String(describing: error)
        }
    }

    @Test func loadsEveryPubFileOfADirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write(bob.publicKey.pem, to: "bob.pub")
        try directory.write(alice.publicKey.pem, to: "alice.pub")
        // Not public keys, so not read: a private key and a note.
        try directory.write(alice.pem, to: "alice.key")
        try directory.write("the release signers\n", to: "README")

        let trusted = try TrustedKeys.load(from: directory.url.path)
        #expect(trusted.keys == [alice.publicKey, bob.publicKey])
        #expect(trusted.keys.map(\.name) == ["alice", "bob"])

        let envelope = try DSSEEnvelope.sign(payload: Data("x".utf8), payloadType: "t", with: bob)
        #expect(try envelope.verify(with: trusted).name == "bob")
    }

    @Test func loadsEveryKeyOfOneFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("release signers\n" + alice.publicKey.pem + "\n" + bob.publicKey.pem, to: "signers.pem")

        let trusted = try TrustedKeys.load(from: path)
        #expect(trusted.keys == [alice.publicKey, bob.publicKey])
        #expect(trusted.keys.map(\.name) == ["signers#1", "signers#2"])
        let single = try TrustedKeys.load(from: directory.write(alice.publicKey.pem, to: "alice.pub"))
        #expect(single.keys.map(\.name) == ["alice"])
    }

    @Test func dropsDuplicates() {
        let copy = VerifyingKey(alice.publicKey.key, name: "another name")
        #expect(TrustedKeys([alice.publicKey, bob.publicKey, copy]).keys == [alice.publicKey, bob.publicKey])
    }

    @Test func errorsNameTheFile() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path("nowhere")
        #expect(message(missing) == "\(missing): no such file or directory of trusted public keys")
        #expect(message(directory.url.path) == "\(directory.url.path): no '*.pub' public key files in this directory")

        try directory.write(alice.publicKey.pem, to: "alice.pub")
        let bad = try directory.write("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n", to: "broken.pub")
        #expect(message(directory.url.path) == "\(bad): the 'PUBLIC KEY' PEM block is not valid base64")

        let mixed = try directory.write(alice.publicKey.pem + bob.pem, to: "mixed.pem")
        #expect(message(mixed).hasPrefix("\(mixed): found a 'PRIVATE KEY' PEM block where a 'PUBLIC KEY' belongs"))
        let empty = try directory.write("", to: "empty.pem")
        #expect(message(empty) == "\(empty): no PEM block found; expected '-----BEGIN PUBLIC KEY-----'")
    }

    // MARK: who may change them

    @Test func aFolderOthersCanWriteToIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.path
        try directory.write(alice.publicKey.pem, to: "alice.pub")
        for mode in [0o777, 0o775, 0o757, 0o1777] as [mode_t] {
            try #require(chmod(path, mode) == 0)
            let text = message(path)
            #expect(
                text.hasPrefix(
                    "\(path): refusing this trusted-keys folder, mode \(String(format: "%04o", mode)), owner root (uid 0): "
                        + "it is writable by its group or by everyone"), "\(text)")
            #expect(text.hasSuffix("Fix it with: chmod go-w \(path)"), "\(text)")
        }
        try #require(chmod(path, 0o755) == 0)
        #expect(message(path) == "loaded")
    }

    /// Tests run as root: uid 65534 (nobody) is another user.
    @Test func aFolderOwnedByAnotherUserIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.path
        try directory.write(alice.publicKey.pem, to: "alice.pub")
        try #require(geteuid() == 0, "the tests run as root")
        try #require(chown(path, 65534, 65534) == 0)
        let text = message(path)
        #expect(text.hasPrefix("\(path): refusing this trusted-keys folder, mode 0755, owner "), "\(text)")
        #expect(text.contains("(uid 65534): it is not owned by root (uid 0), who runs patchlab"), "\(text)")
        #expect(text.hasSuffix("Fix it with: chown root \(path)"), "\(text)")
        try #require(chmod(path, 0o777) == 0)
        #expect(message(path).hasSuffix("Fix it with: chown root \(path) && chmod go-w \(path)"))
        try #require(chown(path, 0, 0) == 0 && chmod(path, 0o700) == 0)
        #expect(message(path) == "loaded")
    }

    @Test func aKeyFileOthersCanWriteOrOwnIsRefused() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(alice.publicKey.pem, to: "alice.pub")
        try directory.write(bob.publicKey.pem, to: "bob.pub")
        try #require(chmod(file, 0o664) == 0)
        for path in [directory.url.path, file] {
            let text = message(path)
            #expect(
                text.hasPrefix("\(file): refusing this trusted key file, mode 0664, owner root (uid 0): it is writable by its group"),
                "\(text)")
        }
        try #require(chmod(file, 0o644) == 0 && chown(file, 65534, 65534) == 0)
        for path in [directory.url.path, file] {
            let text = message(path)
            #expect(text.hasPrefix("\(file): refusing this trusted key file, mode 0644, owner "), "\(text)")
            #expect(text.hasSuffix("Fix it with: chown root \(file)"), "\(text)")
        }
        try #require(chown(file, 0, 0) == 0)
        #expect(message(directory.url.path) == "loaded")
    }
}
