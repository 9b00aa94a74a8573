import Foundation

import PatchLabBoard
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

/// An evidence folder with real signed packets and a board to decide them:
///
/// * `go`: CHG-0042, a normal change rehearsed GO;
/// * `noGo`: CHG-0043, a normal change rehearsed NO-GO (only an emergency approval can pass it);
/// * `emergency`: CHG-0044, an emergency change rehearsed GO.
///
/// Members: alice (approver, emergency authority), dave (approver), olivia (observer), each with
/// a key pair and the board secret "<id>-secret" (bcrypt at the lowest cost, to keep tests quick);
/// nora has a key but no secret, so cannot sign in. The rehearsals were run by bob.
final class BoardFixture: @unchecked Sendable {
    struct Packet {
        var change: String
        var run: String
        var folder: String
        var page: String { "/packets/\(change)/\(run)" }
        var api: String { "/api/packets/\(change)/\(run)" }
    }

    let scratch: TemporaryDirectory
    let signer = SigningKey.generate()
    let keys: [String: SigningKey]
    let board: BoardConfiguration
    let go: Packet
    let noGo: Packet
    let emergency: Packet
    let clock = TestClock(SummaryFixtures.start.addingTimeInterval(3 * 3600))

    var evidence: String { scratch.path("evidence") }
    var trusted: TrustedKeys { TrustedKeys([signer.publicKey]) }

    static func secret(_ member: String) -> String { "\(member)-secret" }

    init() throws {
        scratch = try TemporaryDirectory("board")
        var keys: [String: SigningKey] = [:]
        for member in ["alice", "dave", "olivia", "nora"] { keys[member] = SigningKey.generate() }
        self.keys = keys
        go = try Self.packet(
            SummaryFixtures.goWithFidelity(), change: "CHG-0042", run: "run-20260101-100000-go01", type: .normal,
            createdAt: SummaryFixtures.start, signer: signer, into: scratch)
        noGo = try Self.packet(
            SummaryFixtures.noGo(), change: "CHG-0043", run: "run-20260101-110000-ng02", type: .normal,
            createdAt: SummaryFixtures.start.addingTimeInterval(600), signer: signer, into: scratch)
        emergency = try Self.packet(
            SummaryFixtures.go(), change: "CHG-0044", run: "run-20260101-120000-em03", type: .emergency,
            createdAt: SummaryFixtures.start.addingTimeInterval(1200), signer: signer, into: scratch)
        let keyFolder = scratch.path("board/keys")
        try FileManager.default.createDirectory(atPath: keyFolder, withIntermediateDirectories: true)
        for (member, key) in keys { try key.publicKey.pem.write(toFile: "\(keyFolder)/\(member).pub", atomically: true, encoding: .utf8) }
        func secret(_ member: String) -> String { "    secret: \"\(SecretCheck.hash(Self.secret(member), cost: 4))\"\n" }
        let yaml = """
            board: Change Advisory Board <b>Test</b>
            members:
              - id: alice
                name: Alice Example
                roles: [approver, emergency-authority]
                public_key: keys/alice.pub
            \(secret("alice"))  - id: dave
                name: Dave Example
                roles: [approver]
                public_key: keys/dave.pub
            \(secret("dave"))  - id: olivia
                name: Olivia Observer
                roles: [observer]
                public_key: keys/olivia.pub
            \(secret("olivia"))  - id: nora
                name: Nora No-Secret
                roles: [approver]
                public_key: keys/nora.pub
            """
        let membersFile = scratch.path("board/members.yaml")
        try yaml.write(toFile: membersFile, atomically: true, encoding: .utf8)
        board = try BoardConfiguration.load(contentsOf: membersFile)
    }

    var membersFile: String { scratch.path("board/members.yaml") }

    /// CHG-0045: a batch of four patches rehearsed NO-GO and bisected to its culprit, added on demand
    /// (the other suites count three packets).
    func addBatch() throws -> Packet {
        try Self.packet(
            BatchFixtures.noGo(), change: "CHG-0045", run: "run-20260101-130000-bt04", type: .normal,
            createdAt: SummaryFixtures.start.addingTimeInterval(1800), signer: signer, into: scratch)
    }

    /// The board on the fixture's clock; `realClock` for a board that a separate process (which
    /// reads this machine's clock, as `patchlab approve --board` does) checks the drafts of.
    func settings(lifetime: Duration = BoardSettings.defaultSessionLifetime, realClock: Bool = false) -> BoardSettings {
        let clock = self.clock
        var now: @Sendable () -> Date = { clock.now }
        if realClock { now = { Date() } }
        return BoardSettings(
            evidence: evidence, board: board, trustedKeys: trusted, host: "127.0.0.1", port: 0,
            sessionLifetime: lifetime, now: now)
    }

    /// The files under a packet's approvals/ (none until a decision is recorded).
    func approvals(_ packet: Packet) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(packet.folder)/\(PacketLayout.approvals)")) ?? []).sorted()
    }

    /// Every file of the evidence folder with its bytes, to prove a refused request wrote nothing.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: evidence)
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return files }
        for case let relative as String in walker {
            let path = root.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// Writes a signed packet of `overview` into the evidence folder, as `change` rehearsed in `run`.
    static func packet(
        _ overview: PacketOverview, change: String, run: String, type: ChangeType, createdAt: Date,
        signer: SigningKey, into scratch: TemporaryDirectory
    ) throws -> Packet {
        var result = overview.result
        result.runID = run
        result.change.id = change
        result.change.type = type
        result.change.title = "\(overview.result.change.title) (\(change))"
        result.runDirectory = scratch.path("runs/\(run)")
        try SampleRunDirectory.layOut(result)
        let written = try PacketWriter(
            result: result, lab: overview.lab, signingKey: signer, toolVersion: "test",
            createdAt: createdAt
        ).write(into: scratch.path("evidence"), archive: false)
        return Packet(change: change, run: run, folder: written.folder)
    }
}
