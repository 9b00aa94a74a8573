import Foundation
import PatchLabModel

extension PacketVerifier {
    /// A rehearsal's bisection replayed from its own recorded results (``RehearsalResult/bisectionProblems()``):
    /// each step's outcome from its installs and plans, each step the one the search asks for next,
    /// the culprit where the steps lead. Each step's results and signed attestation are checked with
    /// the phases'. Nil for a packet without a bisection, so other packets list the checks they always did.
    func checkBisection(_ packet: PacketContents, kind: PacketManifest.Kind) -> PacketVerification.Check? {
        guard kind == .rehearsal, case let .success(result) = packet.rehearsal(), let bisection = result.batch?.bisection else {
            return nil
        }
        let problems = result.bisectionProblems().map { "\(PacketLayout.rehearsal): bisection: \($0)" }
        return .init(
            name: "bisection", problems: problems,
            detail: "\(bisection.steps.count) subset runs replayed; " + bisection.summary)
    }
}
