import ArgumentParser
import Foundation
import PatchLabEvidence
import PatchLabModel

/// `patchlab packet show PACKET`: the summary of a packet on the terminal.
struct PacketShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a packet's summary (folder or .tar.gz).",
        discussion: "Showing does not verify: run `patchlab packet verify` before trusting what it says.")

    @Argument(help: "The packet folder (evidence/CHANGE/RUN or evidence/PLAN/RUN) or its .tar.gz.")
    var packet: String

    @Option(help: "The board's members file, to judge the decisions against (default: $PATCHLAB_HOME/board/members.yaml, if present).")
    var members: String?

    @OptionGroup var archive: ArchiveOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let overview: PacketOverview
            switch try PacketReader.contents(of: packet, limits: try archive.limits()) {
            case let .planRun(planRun):
                // A plan run is evidence, not a change: there is no board decision to show.
                if output.json { return try Console.json(planRun.evidence) }
                return Console.out(PlanPacketSummaryText.render(planRun))
            case let .rehearsal(rehearsal):
                overview = rehearsal
            }
            if output.json { return try Console.json(overview.result) }
            Console.out(PacketSummaryText.render(overview, colour: isatty(STDOUT_FILENO) == 1))
            let records = overview.files.filter { $0.hasPrefix(PacketLayout.approvals + "/") }
            guard !records.isEmpty else { return Console.out("board: no decision recorded yet") }
            guard let board = try BoardFiles.board(members) else {
                return Console.out("board: \(records.count) decision record(s) in approvals/ (give --members to judge and read them)")
            }
            // Judged here as verify judges them: a record counts only when it keeps every rule now.
            let judgement = try PacketReader.withFolder(of: packet) { ApprovalJudge(board: board).judge(packet: $0) }
            Console.out(
                DisplayText.terminal(
                    "approvals judged against members file \(judgement.membersFile) (sha256 \(judgement.membersFileSHA256))"))
            if let status = judgement.status { Console.out(DisplayText.terminal("board: \(status.state.rawValue) — \(status.summary)")) }
            for judged in judgement.records {
                guard let record = judged.record, judged.counts else {
                    Console.out(DisplayText.terminal("  not counted: \(judged.problem ?? judged.path)"))
                    continue
                }
                let note = [
                    record.conditions.map { "conditions: \($0)" }, record.comment,
                    record.postImplementationReviewDue.map { "review due \($0)" },
                ].compactMap { $0 }
                Console.out(
                    DisplayText.terminal(
                        "  \(record.decision.rawValue) by \(record.approver) (\(record.role)) at "
                            + "\(record.at.formatted(.iso8601))" + (note.isEmpty ? "" : ": " + note.joined(separator: "; "))))
            }
        }
    }
}
