/// Decides the next subset a bisection applies, from the answers so far: a pure function, so the
/// engine drives it step by step and a verifier replays it from a packet's recorded steps.
///
/// The search works on *units* (a patch, or patches that only install together), numbered in batch
/// order. It looks for the smallest set of units that reproduces the failure, splitting the
/// candidates in halves (first half tested; the second assumed guilty when the first passes, and
/// that assumption confirmed only at the end), so one culprit among `n` units costs at most
/// ⌈log2 n⌉ + 1 steps. When an assumption proves wrong (the failure needs units from both halves),
/// it falls back to testing the halves with the other half applied: a pair that only fails
/// together is found too. Answers are kept by subset, so no subset is applied twice.
///
/// | first half | second half | next |
/// | --- | --- | --- |
/// | reproduces | – | search the first half |
/// | passes | (assumed to reproduce) | search the second half; its last unit is confirmed alone |
/// | passes | passes (tested once the assumption broke) | search each half with the other applied |
public enum BisectionPlanner {
    /// More steps than the search can ask for `units` units: a search past it is broken, and a record
    /// holding more is not replayed (each replayed step re-runs the search from the start). A pair
    /// that only fails together among 16 units takes 9 steps; one culprit among 64, 7.
    public static func stepLimit(units: Int) -> Int { 8 * units + 8 }

    /// The most units a recorded bisection is replayed for.
    public static let unitLimit = 1_000

    public enum Decision: Sendable, Hashable {
        /// Apply these units (sorted) next.
        case test([Int])
        /// The search is over: the smallest set of units found that reproduces the failure.
        case done([Int])
    }

    /// - Parameters:
    ///   - units: how many units the batch has (`0..<units`); the whole batch is known to fail.
    ///   - required: the unit every reproducing set must hold (the one whose install failed), which
    ///     is tried alone first; nil for a failure of the plans.
    ///   - answers: every subset tested so far (sorted unit indices) and whether it reproduced the failure.
    public static func decide(units: Int, required: Int? = nil, answers: [[Int]: Bool]) -> Decision {
        guard units > 1 else { return .done(units == 1 ? [0] : []) }
        var known = answers
        known[Array(0..<units)] = true
        let search = Search(answers: known)
        do {
            let all = Array(0..<units)
            guard let required else { return .done(try search.minimize(all, base: [], known: true).sorted()) }
            if try search.fails([required]) { return .done([required]) }
            let rest = try search.minimize(all.filter { $0 != required }, base: [required], known: true)
            return .done((rest + [required]).sorted())
        } catch let .need(subset) {
            return .test(subset)
        } catch {
            // Only reachable if an assumption broke at the top, which is never assumed.
            return .done(Array(0..<units))
        }
    }

    enum Stop: Error {
        /// The answer for this subset is not known yet: test it.
        case need([Int])
        /// A subset assumed to reproduce the failure did not.
        case broken
    }

    struct Search {
        let answers: [[Int]: Bool]

        func fails(_ units: [Int]) throws(Stop) -> Bool {
            let key = units.sorted()
            guard let answer = answers[key] else { throw .need(key) }
            return answer
        }

        /// The smallest `m ⊆ candidates` with `base ∪ m` reproducing the failure. `known`: whether
        /// `base ∪ candidates` was seen to reproduce it, or is only assumed to.
        func minimize(_ candidates: [Int], base: [Int], known: Bool) throws(Stop) -> [Int] {
            if candidates.count <= 1 {
                if !known, !(try fails(base + candidates)) { throw .broken }
                return candidates
            }
            let half = (candidates.count + 1) / 2
            let first = Array(candidates.prefix(half)), second = Array(candidates.dropFirst(half))
            if try fails(base + first) { return try minimize(first, base: base, known: true) }
            guard known else { return try minimize(second, base: base, known: false) }
            do {
                return try minimize(second, base: base, known: false)
            } catch .broken {
                // The failure needs more than the second half: see whether it holds without the first.
            }
            if try fails(base + second) { return try minimize(second, base: base, known: true) }
            let fromFirst = try minimize(first, base: base + second, known: true)
            let fromSecond = try minimize(second, base: base + fromFirst, known: true)
            return fromFirst + fromSecond
        }
    }
}
