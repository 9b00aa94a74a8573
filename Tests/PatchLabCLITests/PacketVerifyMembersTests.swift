import Foundation
import PatchLabEvidence
import PatchLabModel
import PatchLabTestSupport
import Testing

/// Which members file `packet verify` judges approvals against: the one given, or the one in
/// `$PATCHLAB_HOME` — never one found in the current folder — and it says which, with its sha256.
@Suite struct PacketVerifyMembersTests {
    struct Rig {
        let binary = PatchlabBinary()
        let packet: String
        let members: String

        init() throws {
            let signer = SigningKey.generate()
            try FileManager.default.createDirectory(
                atPath: binary.home + "/trusted-keys", withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755])
            _ = try binary.write("trusted-keys/lab-signer.pub", signer.publicKey.pem)
            var overview = SummaryFixtures.go()
            overview.result.runDirectory = binary.home + "/run"
            try SampleRunDirectory.layOut(overview.result)
            packet = try PacketWriter(
                result: overview.result, lab: overview.lab, signingKey: signer, toolVersion: "test",
                createdAt: SummaryFixtures.start
            ).write(into: binary.home + "/evidence").folder
            let alice = SigningKey.generate()
            _ = try alice.write(to: binary.home + "/alice.key")
            members = try binary.write(
                "members.yaml",
                """
                board: The real board
                members:
                  - {id: alice, name: Alice, roles: [approver], public_key: \(binary.home)/alice.pub}
                """)
            let approved = try binary.run([
                "approve", packet, "--as", "alice", "--key", binary.home + "/alice.key",
                "--decision", "approve", "--members", members,
            ])
            #expect(approved.status == 0, "\(approved.stderr)")
        }
    }

    @Test func aMembersFileInTheCurrentFolderIsNeverPickedUp() throws {
        let rig = try Rig()
        defer { rig.binary.cleanUp() }
        // A folder with its own "board", where a planted members file would approve anything.
        let cwd = rig.binary.home + "/unpacked"
        try FileManager.default.createDirectory(atPath: cwd + "/board", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: rig.members, toPath: cwd + "/board/members.yaml")
        let result = try rig.binary.run(["packet", "verify", rig.packet], in: cwd)
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 approval record(s) cannot be checked without the board's members file"), "\(result.stdout)")
        #expect(result.stdout.contains("approvals not judged: no members file"))
    }

    @Test func verifyNamesTheMembersFileAndItsDigest() throws {
        let rig = try Rig()
        defer { rig.binary.cleanUp() }
        let digest = StreamingDigest.sha256(of: try Data(contentsOf: URL(fileURLWithPath: rig.members)))
        let given = try rig.binary.run(["packet", "verify", rig.packet, "--members", rig.members])
        #expect(given.status == 0, "\(given.stdout)\(given.stderr)")
        #expect(given.stdout.contains("approvals judged against members file \(rig.members) (sha256 \(digest))"), "\(given.stdout)")
        #expect(given.stdout.contains("board: approved"))
        // The one in $PATCHLAB_HOME is the default.
        let home = rig.binary.home + "/board/members.yaml"
        try FileManager.default.createDirectory(atPath: rig.binary.home + "/board", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: rig.members, toPath: home)
        let defaulted = try rig.binary.run(["packet", "verify", rig.packet])
        #expect(defaulted.status == 0, "\(defaulted.stdout)")
        #expect(defaulted.stdout.contains("approvals judged against members file \(home) (sha256 \(digest))"), "\(defaulted.stdout)")
    }
}
