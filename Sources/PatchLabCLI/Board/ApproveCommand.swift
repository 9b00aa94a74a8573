import ArgumentParser
import Foundation
import PatchLabEvidence
import PatchLabModel

/// `patchlab approve PACKET --as MEMBER --key KEY --decision D`: a board member's signed decision.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Record a board member's signed decision on an evidence packet.",
        discussion: """
            Checks the packet verifies, the member and key are the board's, the one who ran the rehearsal is not \
            approving it, and the change's rules (a NO-GO only as an emergency with --justification and --incident; \
            no second decision by the same member; nothing after a rejection). Only then writes an in-toto \
            Statement signed with the member's Ed25519 key under the packet's approvals/. A refusal writes nothing \
            and exits 1.
            """)

    @Argument(help: "The packet folder (evidence/CHANGE/RUN).")
    var packet: String

    @Option(name: .customLong("as"), help: "Your member id in the members file.")
    var member: String

    @Option(help: "Your private key (PEM, from `patchlab keys generate`).")
    var key: String

    @Option(help: "approve, approve-with-conditions, reject or defer.")
    var decision: ApprovalDecision

    @Option(help: "The conditions of an approval (e.g. \"deploy in window 3\"); implies approve-with-conditions.")
    var conditions: String?

    @Option(help: "Why: required to reject or defer.")
    var comment: String?

    @Option(help: "Emergency approval of a NO-GO: the written justification.")
    var justification: String?

    @Option(help: "Emergency approval of a NO-GO: the incident reference.")
    var incident: String?

    @Option(help: "The board's members file (default: $PATCHLAB_BOARD_MEMBERS or board/members.yaml).")
    var members: String?

    @Option(help: "Trusted packet signers (default: $PATCHLAB_HOME/trusted-keys).")
    var trustedKeys: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (justification == nil) != (incident == nil) {
            throw ValidationError("an emergency approval needs both --justification and --incident")
        }
        if packet.hasSuffix(".tar.gz") || packet.hasSuffix(".tgz") {
            throw ValidationError("approve the packet folder (evidence/CHANGE/RUN), not its archive: the record is stored inside it")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let board = try BoardConfiguration.load(contentsOf: BoardFiles.membersPath(members))
            let ring = KeyRing(environment: try CLIContext.environment())
            let desk = ApprovalDesk(board: board, trustedKeys: try ring.trustedKeys(override: trustedKeys))
            let chosen = decision == .approve && conditions != nil ? .approveWithConditions : decision
            let emergency = justification.map { EmergencyDetails(justification: $0, incident: incident ?? "") }
            let record = try desk.decide(ApprovalRequest(packet: packet, memberID: member, signingKey: try SigningKey(contentsOfFile: key),
                                                         decision: chosen, conditions: conditions, comment: comment, emergency: emergency))
            let status = try desk.status(of: packet)
            if output.json {
                return try Console.json(["record": record.path, "decision": record.decision.rawValue, "state": status.state.rawValue,
                                         "summary": status.summary])
            }
            Console.out("recorded \(record.decision.rawValue) by \(record.approver) (\(record.role)): \(packet)/\(record.path)")
            if let due = record.postImplementationReviewDue { Console.out("post-implementation review due \(due)") }
            Console.out("change \(record.change): \(status.state.rawValue) — \(status.summary)")
        }
    }
}

extension ApprovalDecision: ExpressibleByArgument {}
