import Foundation
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

/// A change board of four: alice (approver and emergency authority), bob and erin (approvers),
/// carol (observer); each with a key pair written next to the members file.
struct SampleBoard {
    let scratch: TemporaryDirectory
    let keys: [String: SigningKey]
    let board: BoardConfiguration

    /// - Parameters:
    ///   - roles: a member's roles in place of the defaults (e.g. `["alice": "[approver]"]`).
    ///   - signerKeys: packet-signer public keys a member owns, written next to the members file.
    init(
        quorum: String = "", templates: [String] = [], roles: [String: String] = [:],
        signerKeys: [String: VerifyingKey] = [:]
    ) throws {
        scratch = try TemporaryDirectory("board")
        var keys: [String: SigningKey] = [:]
        for id in ["alice", "bob", "carol", "erin"] {
            let key = SigningKey.generate()
            _ = try key.write(to: scratch.path("\(id).key"))
            keys[id] = key
        }
        self.keys = keys
        let templateLines =
            templates.isEmpty
            ? ""
            : "standard_templates:\n"
                + templates.enumerated()
                .map { "  - {id: STD-\($0.offset + 1), change_sha256: \($0.element)}\n" }.joined()
        var extras: [String: String] = [:]
        for (id, key) in signerKeys {
            try scratch.write(key.pem, to: "\(id)-signer.pub")
            extras[id] = ", packet_signer_keys: [\(id)-signer.pub]"
        }
        func member(_ id: String, _ name: String, _ defaultRoles: String) -> String {
            "  - {id: \(id), name: \(name), roles: \(roles[id] ?? defaultRoles), public_key: \(id).pub\(extras[id] ?? "")}"
        }
        let yaml = """
            board: Change Advisory Board
            members:
            \(member("alice", "Alice Example", "[approver, emergency-authority]"))
            \(member("bob", "Bob Builder", "[approver]"))
            \(member("carol", "Carol Watcher", "[observer]"))
            \(member("erin", "Erin Second", "[approver]"))
            \(quorum)
            \(templateLines)
            """
        try scratch.write(yaml, to: "members.yaml")
        board = try BoardConfiguration.load(contentsOf: scratch.path("members.yaml"))
    }

    /// The desk, its clock at the fixtures' time (the requests are dated then).
    func desk(for packet: SamplePacket) -> ApprovalDesk {
        ApprovalDesk(board: board, trustedKeys: packet.trusted, now: { SummaryFixtures.start })
    }

    func request(
        _ packet: SamplePacket, _ member: String, _ decision: ApprovalDecision, comment: String? = nil,
        conditions: String? = nil, emergency: EmergencyDetails? = nil, key: SigningKey? = nil
    ) -> ApprovalRequest {
        ApprovalRequest(
            packet: packet.folder, memberID: member, signingKey: key ?? keys[member] ?? .generate(), decision: decision,
            conditions: conditions, comment: comment, emergency: emergency, at: SummaryFixtures.start)
    }
}

extension SamplePacket {
    /// The approval records in the packet, by file name.
    var approvalFiles: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path("approvals")).sorted()) ?? []
    }

    /// A packet of the fixtures' change, with its type, verdict and runner set.
    static func of(_ verdict: Verdict, type: ChangeType = .normal, ranBy: String = "bob@lab-host") throws -> SamplePacket {
        var overview = verdict == .noGo ? SummaryFixtures.noGo() : SummaryFixtures.go()
        overview.result.change.type = type
        overview.result.ranBy = ranBy
        return try SamplePacket(overview)
    }
}
