extension RehearsalResult {
    /// What does not hold in the recorded bisection, replayed from the results it records: the
    /// failure it searched for is the one the batch's results give, its units are the patches the
    /// batch applied, each step's outcome is the one its own installs and plan results give, each
    /// step is the subset the search asks for after the steps before it, and the culprits are where
    /// those answers lead. Empty when all holds (or there is no bisection), so a verifier can say a
    /// bisection is evidence and not a claim.
    public func bisectionProblems() -> [String] {
        guard let batch, let bisection = batch.bisection else { return [] }
        guard bisection.units.count <= BisectionPlanner.unitLimit,
            bisection.steps.count <= BisectionPlanner.stepLimit(units: bisection.units.count)
        else {
            return [
                "it records \(bisection.steps.count) steps over \(bisection.units.count) units, more than a bisection takes; "
                    + "not replayed"
            ]
        }
        var problems: [String] = []
        let postPatch = planRuns[.postPatch].map(BisectionStep.plansVerdict)
        let failure = BatchFailure.of(installs: batch.installs, postPatchVerdict: postPatch)
        if failure != bisection.failure {
            problems.append(
                "it searched for '\(bisection.failure)', but the batch's results give "
                    + (failure.map { "'\($0)'" } ?? "no failure"))
        }
        let unitPatches = bisection.units.flatMap(\.patches)
        let applied = batch.applied(in: change)
        if unitPatches.sorted() != applied.sorted() || Set(unitPatches).count != unitPatches.count {
            problems.append(
                "its units (\(unitPatches.joined(separator: ", "))) are not the patches the batch applied "
                    + "(\(applied.joined(separator: ", "))), each once")
        }

        var replay = Bisection(failure: bisection.failure, units: bisection.units)
        for step in bisection.steps {
            let name = "step \(step.number)"
            guard step.number == replay.steps.count + 1 else {
                problems.append("\(name) is numbered out of order (expected step \(replay.steps.count + 1))")
                break
            }
            guard let units = replay.units(of: step.patches), replay.patches(of: units) == step.patches else {
                problems.append("\(name) applies \(step.patches.joined(separator: ", ")), which is not a set of whole units in batch order")
                break
            }
            if let stray = step.installs.first(where: { !step.patches.contains($0.patch) }) {
                problems.append("\(name) records an install of \(stray.patch), which it does not apply")
            }
            let outcome = BisectionStep.outcome(installs: step.installs, planRuns: step.planRuns, failure: bisection.failure)
            if outcome != step.outcome {
                problems.append("\(name) says \(step.outcome.rawValue), but its installs and plan results give \(outcome.rawValue)")
            }
            if case let .test(asked) = replay.nextDecision(), asked != units {
                problems.append(
                    "\(name) applies \(step.patches.joined(separator: ", ")), but after the steps before it the "
                        + "bisection asks for \(replay.patches(of: asked).joined(separator: ", "))")
                break
            } else if case .done = replay.nextDecision() {
                problems.append("\(name) runs after the bisection had already found its culprit")
                break
            }
            var replayed = step
            replayed.outcome = outcome
            replay.steps.append(replayed)
        }
        guard problems.isEmpty else { return problems }

        switch replay.nextDecision() {
        case let .done(units):
            let culprits = replay.patches(of: units)
            if !bisection.complete {
                problems.append("it is marked unfinished, but its steps lead to the culprit \(culprits.joined(separator: ", "))")
            } else if culprits != bisection.culprits {
                problems.append(
                    "it names \(bisection.culprits.joined(separator: ", ")) as the culprit, but its steps lead to "
                        + culprits.joined(separator: ", "))
            }
        case .test:
            if bisection.complete || !bisection.culprits.isEmpty {
                problems.append("it names a culprit (\(bisection.culprits.joined(separator: ", "))) its steps do not lead to")
            }
        }
        return problems
    }
}
