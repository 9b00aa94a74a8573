import Foundation
import PatchLabModel

/// What the summaries say about a batch: each patch with its verdict and what it alone changed, and
/// the bisection of a failed batch step by step.
extension PacketFacts {
    /// One patch of the batch as the summaries list it.
    struct BatchPatchRow {
        var verdict: PatchVerdict
        var description: String
        var files: [String]
        /// Its own install on each machine, with what it alone changed.
        var installs: [PatchInstall]
    }

    var batchRows: [BatchPatchRow] {
        let installs = result.batch?.installs ?? []
        return result.patchVerdicts.map { verdict in
            let patch = change.patch(id: verdict.patch)
            return BatchPatchRow(
                verdict: verdict, description: patch?.description ?? "", files: patch?.files.map(\.fileName) ?? [],
                installs: installs.filter { $0.patch == verdict.patch })
        }
    }

    var bisection: Bisection? { result.batch?.bisection }

    /// The patches judged safe, in batch order.
    var safePatches: [String] { result.patchVerdicts.filter { $0.state == .safe }.map(\.patch) }

    /// The command that makes the follow-up change holding every patch but the culprit.
    var followUpCommand: String? {
        guard let bisection, bisection.complete, !bisection.culprits.isEmpty else { return nil }
        return "patchlab change new --from-run \(result.runID) --without \(bisection.culprits.joined(separator: ","))"
    }

    /// The facts of the bisection, for a definition list or a table.
    func bisectionFacts(_ bisection: Bisection) -> [(String, String)] {
        [
            ("Searched for", "\(bisection.failure)"),
            ("Culprit", bisection.complete ? bisection.culprits.joined(separator: ", ") : "not found: the bisection stopped early"),
            ("Subset runs", "\(bisection.steps.count)"),
            ("Reverts to the pre-patch snapshot", "\(bisection.reverts) (no machine booted again)"),
            ("Units", bisection.units.map { $0.patches.joined(separator: " + ") }.joined(separator: ", ")),
        ]
    }

    /// A step's outcome as the summaries print it.
    static func stepOutcome(_ step: BisectionStep) -> String {
        switch step.outcome {
        case .reproduced: "REPRODUCED the failure"
        case .passed: "passed"
        case .installFailed:
            "install failed: " + step.installs.filter { !$0.succeeded }.map { "\($0.patch) on \($0.machine)" }.joined(separator: ", ")
        }
    }

    /// The packet's files of one bisection step (its reports and attestation).
    func stepFiles(_ step: BisectionStep) -> [String] {
        let prefixes = [PacketLayout.results(step.evidenceName, ""), PacketLayout.attestation(step.evidenceName)]
        return overview.files.filter { file in prefixes.contains { file.hasPrefix($0) } }.sorted()
    }
}
