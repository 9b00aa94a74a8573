import ArgumentParser
import Foundation
import PatchLabEvidence
import PatchLabModel

/// `patchlab packet verify PACKET`: exit 0 when intact and signed by a trusted key, 1 otherwise.
struct PacketVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify a packet: digests, signatures, attestations, verdict.",
        discussion: """
            Checks every file against the signed manifest (none changed, missing or added), the manifest's \
            signature by a trusted key, each attestation's signature, subjects and configuration, and that the \
            verdict the summaries state is the one the results give. A .tar.gz is read without trusting it: one top \
            folder of regular files and folders within --max-unpacked-size, or it is refused, naming the entry and \
            the rule. Exits 0 when every check passes, 1 otherwise, naming each problem.
            """)

    @Argument(help: "The packet folder (evidence/CHANGE/RUN) or its .tar.gz.")
    var packet: String

    @Option(help: "A folder of trusted public keys (*.pub) or one PEM file (default: $PATCHLAB_HOME/trusted-keys).")
    var trustedKeys: String?

    @Option(help: "The board's members file, to judge approval records against (default: $PATCHLAB_HOME/board/members.yaml, if present).")
    var members: String?

    @OptionGroup var archive: ArchiveOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var intact = false
        try await reportingErrors {
            let ring = KeyRing(environment: try CLIContext.environment())
            let verification = try PacketVerifier(
                trustedKeys: try ring.trustedKeys(override: trustedKeys),
                board: try BoardFiles.board(members), archiveLimits: try archive.limits()
            ).verify(packet)
            intact = verification.isIntact
            if output.json {
                return try Console.json(VerificationDocument(verification))
            }
            for check in verification.checks {
                Console.out(DisplayText.terminal(check.passed ? "ok   \(check.name): \(check.detail ?? "")" : "FAIL \(check.name)"))
                for problem in check.problems { Console.out(DisplayText.terminal("     \(problem)")) }
            }
            if let judgement = verification.approvals {
                Console.out(
                    DisplayText.terminal(
                        "approvals judged against members file \(judgement.membersFile) (sha256 \(judgement.membersFileSHA256))"))
                if let status = judgement.status {
                    Console.out(DisplayText.terminal("board: \(status.state.rawValue) — \(status.summary)"))
                }
            } else {
                Console.out("approvals not judged: no members file (give --members, or put one at $PATCHLAB_HOME/board/members.yaml)")
            }
            Console.out(
                DisplayText.terminal(
                    intact ? "packet \(packet) is intact and signed by a trusted key" : "packet \(packet) FAILED verification"))
        }
        if !intact { throw ExitCode(1) }
    }
}

/// `packet verify --json`.
private struct VerificationDocument: Encodable {
    struct Check: Encodable { var name: String; var passed: Bool; var problems: [String]; var detail: String? }
    struct Record: Encodable { var path: String; var counts: Bool; var approver: String?; var decision: String?; var broken: [String] }
    struct Approvals: Encodable {
        var membersFile: String
        var membersFileSHA256: String
        var state: String?
        var summary: String?
        var records: [Record]
    }
    var packet: String
    var intact: Bool
    var signer: String?
    var checks: [Check]
    var approvals: Approvals?

    init(_ verification: PacketVerification) {
        packet = verification.packet
        intact = verification.isIntact
        signer = verification.signer?.keyID
        checks = verification.checks.map { Check(name: $0.name, passed: $0.passed, problems: $0.problems, detail: $0.detail) }
        approvals = verification.approvals.map { judgement in
            Approvals(
                membersFile: judgement.membersFile, membersFileSHA256: judgement.membersFileSHA256,
                state: judgement.status?.state.rawValue, summary: judgement.status?.summary,
                records: judgement.records.map {
                    Record(
                        path: $0.path, counts: $0.counts, approver: $0.record?.approver, decision: $0.record?.decision.rawValue,
                        broken: $0.breaches.map(\.rule.rawValue))
                })
        }
    }
}
