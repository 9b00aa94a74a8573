import Foundation
import Libvirt
import PatchLabModel

/// Runs a test plan against an up lab: cases on different machines in parallel, on one machine in
/// plan order; every case judged by its expected results; the run recorded in the run store.
public struct PlanRunner: Sendable {
    public let inspector: LabInspector
    public let store: RunStore?

    public init(inspector: LabInspector, store: RunStore?) {
        self.inspector = inspector
        self.store = store
    }

    public func run(
        _ plan: TestPlan, lab: Lab, options: PlanRunOptions = PlanRunOptions(),
        progress: @escaping PlanProgress = { _ in }
    ) async throws -> PlanRunResult {
        let problems = plan.check(against: lab)
        if !problems.isEmpty { throw ModelError(problems) }
        let runID = options.runID ?? RunStore.newRunID()
        let startedAt = Date()
        let digest = try FileDigest.sha256(ofFiles: plan.sourceFiles)
        let capture = options.recordFolder.map { RunRecordCapture(folder: $0, provisioner: inspector.provisioner) }
        if let capture {
            // Taken before any case runs: the files may change and the lab may go away afterwards.
            try capture.captureInputs(change: nil, lab: lab, plans: [plan])
            try await capture.captureLab(lab)
        }
        if options.recordsOwnRun {
            try store?.begin(
                RunRecord(
                    id: runID, kind: .plan, subject: plan.id, lab: lab.name, startedAt: startedAt,
                    operator: OperatorIdentity.current))
        }

        // Work per machine, in plan order; unselected cases are reported as skipped, with why.
        var queues: [String: [TestCase]] = [:]
        var skipped: [CaseResult] = []
        for testCase in plan.cases {
            let machines = testCase.machines(in: lab)
            if let reason = skipReason(testCase, options) {
                skipped += machines.map { CaseResult(skipping: testCase, on: $0.name, because: reason) }
                continue
            }
            for machine in machines { queues[machine.name, default: []].append(testCase) }
        }
        let executed = await withTaskGroup(of: [CaseResult].self) { group in
            for (machine, cases) in queues {
                group.addTask { await runQueue(cases, on: machine, lab: lab, options: options, progress: progress) }
            }
            var all: [CaseResult] = []
            for await results in group { all += results }
            return all
        }
        let ordered = Self.planOrder(executed + skipped, plan: plan, lab: lab)
        let verdict = Verdict.decide(results: ordered.map { ($0.severity, $0.state) })
        let result = PlanRunResult(
            runID: runID, planID: plan.id, planTitle: plan.title, planVersion: plan.version,
            planDigest: digest, lab: lab.name, phase: options.phase, startedAt: startedAt,
            endedAt: Date(), verdict: verdict, results: ordered)
        await capture?.captureConsoles(labName: lab.name)
        try store?.record(result)
        if options.recordsOwnRun {
            try store?.finish(runID: runID, status: .completed, verdict: verdict, endedAt: result.endedAt)
        }
        return result
    }

    private func skipReason(_ testCase: TestCase, _ options: PlanRunOptions) -> String? {
        if let only = options.onlyCases, !only.contains(testCase.id) { return "not selected by --only" }
        if options.criticalOnly && testCase.severity != .critical && !testCase.tags.contains("critical") {
            return "not critical: the emergency change ran a reduced plan"
        }
        if let tags = options.tags, tags.isDisjoint(with: testCase.tags) {
            return "not tagged \(tags.sorted().joined(separator: " or "))"
        }
        return nil
    }

    private func runQueue(
        _ cases: [TestCase], on machine: String, lab: Lab, options: PlanRunOptions,
        progress: PlanProgress
    ) async -> [CaseResult] {
        let channel: any GuestChannel
        do {
            channel = try await inspector.channel(lab: lab, machine: machine)
        } catch {
            // The machine cannot be reached: every case on it is an error of the lab, not a failure.
            return cases.map { testCase in
                let result = CaseResult(erroring: testCase, on: machine, because: "machine unreachable: \(error)")
                progress(.finished(result))
                return result
            }
        }
        var results: [CaseResult] = []
        for testCase in cases {
            progress(.started(caseID: testCase.id, machine: machine))
            let result = await CaseExecution(testCase: testCase, machine: machine, channel: channel, options: options).run()
            progress(.finished(result))
            results.append(result)
        }
        return results
    }

    /// Plan order of cases, and within a case the lab's order of machines.
    static func planOrder(_ results: [CaseResult], plan: TestPlan, lab: Lab) -> [CaseResult] {
        let caseIndex = Dictionary(plan.cases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let machineIndex = Dictionary(lab.machines.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        return results.sorted {
            (caseIndex[$0.caseID] ?? .max, machineIndex[$0.machine] ?? .max) < (
                caseIndex[$1.caseID] ?? .max, machineIndex[$1.machine] ?? .max
            )
        }
    }
}

extension CaseResult {
    init(skipping testCase: TestCase, on machine: String, because reason: String) {
        self.init(
            caseID: testCase.id, title: testCase.title, planID: testCase.planID, machine: machine,
            severity: testCase.severity, state: .skipped, message: reason, attempts: 0,
            functionality: testCase.functionality, tags: testCase.tags)
    }

    init(erroring testCase: TestCase, on machine: String, because reason: String) {
        self.init(
            caseID: testCase.id, title: testCase.title, planID: testCase.planID, machine: machine,
            severity: testCase.severity, state: .error, message: reason, attempts: 0,
            functionality: testCase.functionality, tags: testCase.tags)
    }
}
