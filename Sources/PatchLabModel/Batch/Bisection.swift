/// A failing batch narrowed down to its culprit: the patches bisected, grouped into units that
/// install together, every subset applied (each after a revert to the pre-patch snapshot, no fresh
/// boot), and the smallest set of patches that reproduces the failure. Recorded in the result and
/// the packet, and replayed by a verifier (``problems(in:)``).
public struct Bisection: Sendable, Codable {
    /// Patches that are only ever applied together, and why.
    public struct Unit: Sendable, Hashable, Codable {
        /// In batch order.
        public var patches: [String]
        /// Why they are together (`libssh2-1 (patch libssh2) depends on libssl3 (>= 3.0.22) (patch openssl)`);
        /// empty for a patch on its own.
        public var reasons: [String]

        public init(patches: [String], reasons: [String] = []) {
            self.patches = patches
            self.reasons = reasons
        }
    }

    public var failure: BatchFailure
    /// The units searched, in batch order: every patch that was applied in the batch's pass.
    public var units: [Unit]
    public var steps: [BisectionStep]
    /// The smallest set of patches found that reproduces the failure, in batch order; empty when the
    /// search did not finish.
    public var culprits: [String]
    /// False when the search stopped before its end (the operator interrupted it).
    public var complete: Bool
    /// What a reader should know: units formed by dependencies, installs that failed in a subset.
    public var notes: [String]

    public init(
        failure: BatchFailure, units: [Unit], steps: [BisectionStep] = [], culprits: [String] = [], complete: Bool = false,
        notes: [String] = []
    ) {
        self.failure = failure
        self.units = units
        self.steps = steps
        self.culprits = culprits
        self.complete = complete
        self.notes = notes
    }

    /// Machines reverted to the pre-patch snapshot over all steps.
    public var reverts: Int { steps.reduce(0) { $0 + $1.reverts } }

    /// The unit that holds `patch`.
    public func unit(of patch: String) -> Int? { units.firstIndex { $0.patches.contains(patch) } }

    /// The unit every reproducing set holds: the one whose install failed.
    public var requiredUnit: Int? {
        guard case let .install(patch, _) = failure else { return nil }
        return unit(of: patch)
    }

    /// The units a set of patches is made of, or nil when it splits a unit.
    public func units(of patches: [String]) -> [Int]? {
        let indices = Set(patches.compactMap(unit(of:)))
        let covered = indices.flatMap { units[$0].patches }
        guard indices.count > 0 || patches.isEmpty, Set(covered) == Set(patches), covered.count == patches.count else { return nil }
        return indices.sorted()
    }

    /// The patches of some units, in batch order.
    public func patches(of unitIndices: [Int]) -> [String] {
        unitIndices.sorted().flatMap { units[$0].patches }
    }

    /// What the planner asks next, given the steps so far.
    public func nextDecision() -> BisectionPlanner.Decision {
        var answers: [[Int]: Bool] = [:]
        for step in steps {
            if let key = units(of: step.patches) { answers[key] = step.outcome == .reproduced }
        }
        return BisectionPlanner.decide(units: units.count, required: requiredUnit, answers: answers)
    }

    /// `bisection: culprit patch nginx-broken-config (3 subset runs, 3 reverts)`: the line the
    /// verdict's reasons carry.
    public var summary: String {
        let runs = "\(steps.count) subset run\(steps.count == 1 ? "" : "s"), \(reverts) revert\(reverts == 1 ? "" : "s")"
        guard complete else { return "bisection stopped before it found the culprit (\(runs))" }
        let list = culprits.joined(separator: ", ")
        return (culprits.count == 1 ? "bisection: culprit patch \(list)" : "bisection: culprit patches \(list), together") + " (\(runs))"
    }
}
