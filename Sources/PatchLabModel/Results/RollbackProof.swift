/// Whether a rehearsed rollback put every machine back where it was, with every difference that says
/// it did not.
///
/// The rollback is **proven** only if each machine's post-rollback fingerprint equals its baseline
/// fingerprint (their diff is empty) and each case's state on each machine equals its baseline
/// state. A machine fingerprinted on one side only, a case run on one side only, and a side with
/// nothing at all to compare are differences too: a proof needs evidence.
public struct RollbackProof: Sendable, Hashable, Codable {
    public var proven: Bool
    /// Every difference, one per line, machine by machine and field by field, e.g.
    /// `web-01: package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11` or
    /// `WEB-001 on web-02: passed at baseline, failed after rollback`. Empty when proven.
    public var reasons: [String]
    /// The non-empty baseline → post-rollback diffs, one per machine, in baseline order.
    public var fingerprintDiffs: [FingerprintDiff]
    /// The machines compared, in baseline order then any seen only after the rollback.
    public var machines: [String]

    public init(proven: Bool, reasons: [String], fingerprintDiffs: [FingerprintDiff] = [], machines: [String] = []) {
        self.proven = proven
        self.reasons = reasons
        self.fingerprintDiffs = fingerprintDiffs
        self.machines = machines
    }

    /// Compares the baseline with the state after the rollback.
    ///
    /// - Parameters:
    ///   - baselineResults: the change's plans' results at the baseline.
    ///   - rollbackResults: the same plans' results after the rollback (not those of `verify_plans`,
    ///     which have no baseline).
    ///   - verificationResults: the results of the change's `verify_plans`, run after the rollback;
    ///     each must not be a problem (failed, error, timed out), whatever its severity, because
    ///     they are what the change says must hold after a rollback.
    public static func evaluate(
        baselineFingerprints: [Fingerprint], rollbackFingerprints: [Fingerprint],
        baselineResults: [CaseResult], rollbackResults: [CaseResult],
        verificationResults: [CaseResult] = []
    ) -> RollbackProof {
        var reasons: [String] = []
        var diffs: [FingerprintDiff] = []

        let machines = ordered(baselineFingerprints.map(\.machine) + rollbackFingerprints.map(\.machine))
        if machines.isEmpty {
            reasons.append("no machine was fingerprinted; expected a baseline and a post-rollback fingerprint of each machine")
        }
        for machine in machines {
            let before = baselineFingerprints.filter { $0.machine == machine }
            let after = rollbackFingerprints.filter { $0.machine == machine }
            switch (before.count, after.count) {
            case (1, 1):
                let diff = Fingerprint.diff(from: before[0], to: after[0])
                if !diff.isEmpty {
                    diffs.append(diff)
                    reasons += diff.lines.map { "\(machine): \($0)" }
                }
            case (0, _):
                reasons.append("\(machine): fingerprinted after rollback but not at baseline")
            case (_, 0):
                reasons.append("\(machine): no fingerprint after rollback")
            default:
                // Two fingerprints of one machine on one side: which one the proof should use is unknown.
                reasons.append(
                    "\(machine): \(before.count) baseline and \(after.count) post-rollback fingerprints; "
                        + "expected one of each")
            }
        }

        if baselineResults.isEmpty && rollbackResults.isEmpty {
            reasons.append("no test results; expected the plans' results at baseline and after rollback")
        }
        let keys = ordered(baselineResults.map(caseKey) + rollbackResults.map(caseKey))
        for key in keys {
            // A case can run more than once on a machine (two plans including the same plan): compare
            // all its states, order aside.
            let before = baselineResults.filter { caseKey($0) == key }.map(\.state.rawValue).sorted()
            let after = rollbackResults.filter { caseKey($0) == key }.map(\.state.rawValue).sorted()
            guard before != after else { continue }
            reasons.append(
                "\(key.caseID) on \(key.machine): \(describe(before)) at baseline, "
                    + "\(describe(after)) after rollback")
        }

        for result in verificationResults where result.state.isProblem {
            reasons.append(
                "\(result.caseID) on \(result.machine): \(result.state.rawValue) in rollback verification"
                    + (result.message.map { " (\($0))" } ?? ""))
        }

        return RollbackProof(proven: reasons.isEmpty, reasons: reasons, fingerprintDiffs: diffs, machines: machines)
    }

    private struct CaseKey: Hashable {
        var caseID: String
        var machine: String
    }

    private static func caseKey(_ result: CaseResult) -> CaseKey {
        CaseKey(caseID: result.caseID, machine: result.machine)
    }

    private static func describe(_ states: [String]) -> String {
        switch states.count {
        case 0: return "not run"
        case 1: return states[0]
        default: return "[" + states.joined(separator: ", ") + "]"
        }
    }

    /// Each element once, in order of first appearance.
    private static func ordered<T: Hashable>(_ items: [T]) -> [T] {
        var seen: Set<T> = []
        return items.filter { seen.insert($0).inserted }
    }
}
