import Testing
@testable import PatchLabModel

/// The bisection's search on made-up batches: `failing(set)` plays the lab. Each test counts the
/// subsets applied, as the engine would run them.
@Suite struct BisectionPlannerTests {
    /// Drives the planner to its end; returns the culprit units and the subsets applied, in order.
    static func bisect(units: Int, required: Int? = nil, failing: ([Int]) -> Bool) -> (culprits: [Int], steps: [[Int]]) {
        var answers: [[Int]: Bool] = [:]
        var steps: [[Int]] = []
        while true {
            switch BisectionPlanner.decide(units: units, required: required, answers: answers) {
            case let .done(culprits): return (culprits, steps)
            case let .test(subset):
                #expect(answers[subset] == nil, "never the same subset twice")
                #expect(steps.count < BisectionPlanner.stepLimit(units: units), "the search ends within its limit")
                if steps.count >= BisectionPlanner.stepLimit(units: units) { return ([], steps) }
                steps.append(subset)
                answers[subset] = failing(subset)
            }
        }
    }

    static func log2Ceil(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }

    @Test(arguments: [2, 3, 4, 5, 8, 16, 64])
    func oneCulpritAnywhereTakesAtMostLog2PlusOneSteps(n: Int) {
        for culprit in 0..<n {
            let (found, steps) = Self.bisect(units: n) { $0.contains(culprit) }
            #expect(found == [culprit], "n=\(n) culprit \(culprit)")
            #expect(steps.count <= Self.log2Ceil(n) + 1, "n=\(n) culprit \(culprit): \(steps)")
            #expect(steps.contains([culprit]), "the culprit is seen failing on its own")
        }
    }

    @Test func fourPatchesWithTheCulpritLastTakeThreeSteps() {
        let (found, steps) = Self.bisect(units: 4) { $0.contains(3) }
        #expect(found == [3])
        #expect(steps == [[0, 1], [2], [3]])
    }

    /// Two patches that only break together (each alone passes): both are named.
    @Test func twoCulpritsThatOnlyFailTogetherAreBothNamed() {
        for n in [4, 7, 16] {
            for a in 0..<n {
                for b in (a + 1)..<n {
                    let (found, _) = Self.bisect(units: n) { $0.contains(a) && $0.contains(b) }
                    #expect(found == [a, b], "n=\(n) pair \(a),\(b)")
                }
            }
        }
    }

    /// Two patches that each break on their own: the smallest set that reproduces the failure is one
    /// of them, the first found; the other is never shown to pass.
    @Test func ofTwoIndependentCulpritsOneIsTheSmallestFailingSet() {
        let (found, steps) = Self.bisect(units: 4) { $0.contains(0) || $0.contains(2) }
        #expect(found == [0])
        #expect(!steps.contains { $0.contains(2) && !$0.contains(0) }, "2 is never cleared by a passing step")
    }

    /// An install failure of unit 2 in the batch: tried alone first.
    @Test func aFailedInstallIsTriedAloneFirst() {
        let alone = Self.bisect(units: 5, required: 2) { $0.contains(2) }
        #expect(alone.culprits == [2])
        #expect(alone.steps == [[2]])
        // It fails only after unit 0 (it needs what 0 installs to break): both are named.
        let needsZero = Self.bisect(units: 5, required: 2) { $0.contains(2) && $0.contains(0) }
        #expect(needsZero.culprits == [0, 2])
    }

    @Test func aBatchOfOneUnitNeedsNoStep() {
        #expect(BisectionPlanner.decide(units: 1, answers: [:]) == .done([0]))
    }
}
