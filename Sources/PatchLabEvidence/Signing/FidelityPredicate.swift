import Foundation
import PatchLabModel

/// The predicate of a rehearsal packet's `attestations/fidelity.intoto.json` (and the content of its
/// `fidelity.json`): how closely each target mirrored the production host it names, with every
/// difference and where each patched package started, what the change demanded, and what that
/// made of the verdict. Signed like the test results, about the same patch files.
public struct FidelityPredicate: Codable, Sendable, Equatable {
    public static let predicateType = "https://patchlab.dev/attestation/fidelity/v1"

    /// What the change demanded (`fidelity:` in the change file).
    public struct Demand: Codable, Sendable, Equatable {
        public var min: Double?
        public var sameStartVersions: Bool
    }

    /// True when at least one target was compared with a production capture.
    public var measured: Bool
    public var demand: Demand?
    public var machines: [MachineFidelity]
    /// What fidelity made NO-GO ("the lab does not mirror production: …").
    public var blockers: [String]
    /// What it warned of (a patched package starting from another version than production's).
    public var warnings: [String]

    public init(report: FidelityReport, demand: FidelityDemand?) {
        measured = report.isMeasured
        self.demand = demand.map { Demand(min: $0.min, sameStartVersions: $0.sameStartVersions) }
        machines = report.machines
        let judgement = FidelityJudgement(report: report, demand: demand)
        blockers = judgement.blockers
        warnings = judgement.warnings
    }
}
