import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// `packet verify` against every way a packet can be altered after it was signed.
@Suite struct PacketTamperTests {
    @Test func anIntactPacketVerifiesAsFolderAndArchive() throws {
        let packet = try SamplePacket()
        let folder = try packet.verify()
        #expect(folder.isIntact, "\(folder.problems)")
        #expect(folder.signer?.keyID == packet.key.publicKey.keyID)
        #expect(folder.checks.map(\.name) == ["manifest", "signature", "files", "attestations", "verdict", "approvals"])
        let archive = try packet.verify(packet.written.archive)
        #expect(archive.isIntact, "\(archive.problems)")
    }

    /// One byte of every file, each in turn: verify must fail and name that very file.
    @Test func changingAnyByteOfAnyFileIsCaughtAndNamed() throws {
        let packet = try SamplePacket()
        try EveryByteTamper.check(folder: packet.folder, minimumFiles: 30) { try packet.verify() }
    }

    @Test func anAddedFileIsCaught() throws {
        let packet = try SamplePacket()
        try SamplePacket.write("extra evidence\n", to: packet.path("logs/extra.log"))
        let verification = try packet.verify()
        #expect(verification.check("files")?.problems == ["logs/extra.log: not listed in the manifest (added after signing)"])
    }

    @Test func aRemovedFileIsCaught() throws {
        let packet = try SamplePacket()
        try FileManager.default.removeItem(atPath: packet.path("logs/harness.log"))
        let verification = try packet.verify()
        #expect(verification.check("files")?.problems == ["logs/harness.log: listed in the manifest but missing"])
    }

    @Test func swappedResultsAreCaught() throws {
        let packet = try SamplePacket()
        let (a, b) = (packet.path("results/baseline/results.json"), packet.path("results/post-patch/results.json"))
        try FileManager.default.moveItem(atPath: a, toPath: a + ".tmp")
        try FileManager.default.moveItem(atPath: b, toPath: a)
        try FileManager.default.moveItem(atPath: a + ".tmp", toPath: b)
        let problems = try packet.verify().problems
        #expect(problems.contains { $0.contains("results/baseline/results.json: content changed") })
        #expect(problems.contains { $0.contains("results/post-patch/results.json: content changed") })
    }

    @Test func aLinkInThePacketIsRefused() throws {
        let packet = try SamplePacket()
        try FileManager.default.createSymbolicLink(atPath: packet.path("logs/passwd"), withDestinationPath: "/etc/passwd")
        #expect(try packet.verify().check("files")?.problems.first?.hasPrefix("logs/passwd: not a regular file") == true)
    }

    @Test func aPacketSignedByAnUntrustedKeyFails() throws {
        let packet = try SamplePacket()
        let verification = try packet.verify(trusting: TrustedKeys([SigningKey.generate().publicKey]))
        #expect(!verification.isIntact)
        #expect(verification.check("signature")?.passed == false)
        #expect(verification.check("attestations")?.passed == false)
        #expect(verification.check("files")?.passed == true)
    }

    /// The files are made to match a rewritten manifest, but the trusted signature is over the old one.
    @Test func aRewrittenManifestUnderATrustedSignatureFails() throws {
        let packet = try SamplePacket()
        let log = packet.path("logs/harness.log")
        try SamplePacket.write("2026-01-01T10:00:00Z nothing to see here\n", to: log)
        var manifest = try PacketJSON.decoder.decode(
            PacketManifest.self, from: Data(contentsOf: URL(fileURLWithPath: packet.path("manifest.json"))))
        let digest = try StreamingDigest.sha256(ofFile: log)
        manifest.files = manifest.files.map {
            $0.path == "logs/harness.log" ? .init(path: $0.path, sha256: digest.sha256, size: digest.size) : $0
        }
        try PacketJSON.encoder.encode(manifest).write(to: URL(fileURLWithPath: packet.path("manifest.json")))
        let verification = try packet.verify()
        #expect(verification.check("files")?.passed == true)
        #expect(
            verification.check("signature")?.problems == [
                "manifest.json: not the manifest that was signed (it was rewritten after signing)"
            ])
        #expect(!verification.isIntact)
    }

    /// An attacker with their own key re-signs a rewritten manifest: still not a trusted signature.
    @Test func aManifestReSignedByAnotherKeyFails() throws {
        let packet = try SamplePacket()
        let manifest = try Data(contentsOf: URL(fileURLWithPath: packet.path("manifest.json")))
        let forged = try DSSEEnvelope.sign(payload: manifest, payloadType: PacketManifest.payloadType, with: .generate())
        try forged.encoded().write(to: URL(fileURLWithPath: packet.path("manifest.sig.json")))
        #expect(try packet.verify().check("signature")?.passed == false)
    }

    /// Signed by the trusted key, but stating GO over results that give NO-GO.
    @Test func aSummaryThatContradictsTheResultsFails() throws {
        let packet = try SamplePacket(SummaryFixtures.noGo(), stating: .go)
        let verification = try packet.verify()
        #expect(verification.check("signature")?.passed == true)
        #expect(verification.check("verdict")?.problems.first == "rehearsal.json: states GO but its results give NO-GO")
    }

    /// GO results from a run that lost a host: the verifier's own decision is NO-GO, so a packet
    /// stating GO for it fails, and one stating NO-GO verifies.
    @Test func aRunThatLostAHostCannotBeStatedGo() throws {
        var lost = SummaryFixtures.go()
        lost.result.lostHosts = ["rack-2"]
        lost.result.reasons = ["host rack-2 lost during post-patch"]
        #expect(SummaryFixtures.go().result.recomputedVerdict() == .go)
        #expect(lost.result.recomputedVerdict() == .noGo)
        let stated = try SamplePacket(lost, stating: .go).verify()
        #expect(stated.check("verdict")?.problems.first == "rehearsal.json: states GO but its results give NO-GO")
        #expect(try SamplePacket(lost, stating: .noGo).verify().check("verdict")?.passed == true)
    }

    @Test func aTamperedArchiveFails() throws {
        let packet = try SamplePacket()
        try SamplePacket.write("forged\n", to: packet.path("logs/consoles/web-01.log"))
        let archive = packet.scratch.path("evidence/tampered.tar.gz")
        try PacketArchive.create(folder: packet.folder, as: archive, topName: "tampered")
        let verification = try packet.verify(archive)
        #expect(verification.problems.contains { $0.contains("logs/consoles/web-01.log: content changed") })
    }

    @Test func aGoPacketVerifies() throws {
        let packet = try SamplePacket(SummaryFixtures.go())
        let verification = try packet.verify()
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.check("verdict")?.detail == "GO, as the results give")
    }
}
