import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// The plan runner on libvirt's test driver, with a scripted guest side.
@Suite struct PlanRunnerTests {
    static let plan = """
        plan: RUNNER
        title: Runner test plan
        version: "1"
        owner: qa@example.com
        applications:
          - {name: nginx, description: web server}
        defaults: {on: "role:web", timeout: 5s}
        cases:
          - id: R-001
            title: nginx answers
            functionality: Serving HTTP
            severity: critical
            tags: [smoke]
            run: [systemctl, is-active, nginx]
            expect: {exit: 0, stdout: {equals: active}}
          - id: R-002
            title: version file
            functionality: Versioning
            severity: minor
            on: web-02
            run: "cat /srv/version"
            expect: {stdout: {contains: "2.0"}}
          - id: R-003
            title: flaky service settles
            functionality: Resilience
            retries: 2
            retry_delay: 10ms
            run: [flaky]
            expect: {exit: 0}
          - id: R-004
            title: slow check
            functionality: Timeouts
            severity: major
            timeout: 1s
            on: web-01
            run: [slow]
            expect: {exit: 0}
          - id: R-005
            title: known broken, waived
            functionality: Waivers
            on: web-01
            run: [broken]
            expect: {exit: 0}
            waiver: {justification: "INC-42 known", expires: 2999-12-31}
          - id: R-006
            title: service via probe
            functionality: Services
            on: web-01
            expect: {service: {name: nginx, state: active}}
        """

    /// A scripted guest: nginx active, web-02 has version 1.0 (so R-002 fails there), `flaky`
    /// fails twice per machine then passes, `slow` takes longer than its timeout, `broken` fails.
    final class Guest: @unchecked Sendable {
        private let lock = NSLock()
        private var flakyCalls: [String: Int] = [:]
        private(set) var order: [String] = []

        func respond(_ machine: String, _ argv: [String]) async -> GuestExecResult {
            lock.withLock { order.append("\(machine) \(argv.joined(separator: " "))") }
            let command = argv.joined(separator: " ")
            if argv == ["systemctl", "is-active", "nginx"] { return GuestExecResult(exitCode: 0, stdout: Data("active\n".utf8)) }
            if command.contains("cat /srv/version") { return GuestExecResult(exitCode: 0, stdout: Data("1.0\n".utf8)) }
            if argv == ["flaky"] {
                let calls = lock.withLock { () -> Int in
                    flakyCalls[machine, default: 0] += 1; return flakyCalls[machine]!
                }
                return GuestExecResult(exitCode: calls < 3 ? 1 : 0)
            }
            if argv == ["slow"] { return GuestExecResult(exitCode: 0, duration: .seconds(60)) }
            if argv == ["broken"] { return GuestExecResult(exitCode: 2) }
            if command.contains("systemctl") && command.contains("is-enabled") {
                return GuestExecResult(exitCode: 0, stdout: Data("active=active\nenabled=enabled\n".utf8))
            }
            return GuestExecResult(exitCode: 0)
        }
    }

    func setUp(_ guest: Guest) async throws -> (TestLab, LabProvisioner, Lab, TestPlan, RunStore) {
        let t = try TestLab()
        let provisioner = LabProvisioner(
            environment: t.environment,
            guestChannel: FakeGuestChannel.factory(responder: { await guest.respond($0, $1) }))
        let lab = try t.lab()
        try await provisioner.up(lab)
        let planPath = t.home + "/runner.yaml"
        try Self.plan.write(toFile: planPath, atomically: true, encoding: .utf8)
        let plan = try TestPlan.load(contentsOf: planPath)
        return (t, provisioner, lab, plan, try RunStore(environment: t.environment))
    }

    @Test func runsEveryCaseOnItsMachinesAndJudgesExpectedResults() async throws {
        let guest = Guest()
        let (t, provisioner, lab, plan, store) = try await setUp(guest)
        defer { t.cleanUp() }
        let runner = PlanRunner(inspector: LabInspector(provisioner: provisioner), store: store)
        let reportDirectory = t.home + "/report"
        let result = try await runner.run(plan, lab: lab, options: PlanRunOptions(reportDirectory: reportDirectory))
        try await provisioner.down(labNamed: lab.name)

        func state(_ id: String, _ machine: String) -> ResultState? {
            result.results.first { $0.caseID == id && $0.machine == machine }?.state
        }
        #expect(state("R-001", "web-01") == .passed)
        #expect(state("R-001", "web-02") == .passed)
        #expect(state("R-002", "web-02") == .failed)
        #expect(state("R-002", "web-01") == nil, "on: web-02 runs only there")
        #expect(state("R-003", "web-01") == .passed, "retries let a flaky check settle")
        #expect(result.results.first { $0.caseID == "R-003" }?.attempts == 3)
        #expect(state("R-004", "web-01") == .timedOut)
        #expect(state("R-005", "web-01") == .waived)
        #expect(state("R-006", "web-01") == .passed, "a service expectation is judged from its probe")
        #expect(result.results.first { $0.caseID == "R-006" }?.exitCode == nil, "a case of probes only runs no command of its own")
        #expect(
            guest.order.filter { $0.hasPrefix("web-01 ") && $0.contains("nginx") && !$0.contains("is-active nginx") }.count == 1,
            "R-006 ran exactly its service probe")

        let failed = try #require(result.results.first { $0.caseID == "R-002" })
        #expect(failed.outcomes.first?.expected.contains("2.0") == true)
        #expect(failed.outcomes.first?.actual.contains("1.0") == true)
        #expect(
            failed.stdoutLog.map { FileManager.default.fileExists(atPath: reportDirectory + "/" + $0) } == true,
            "the full output is in a log file")
        // R-002 is minor and R-004 major: the major timeout makes it NO-GO.
        #expect(result.verdict == .noGo)
        #expect(
            result.results.map(\.caseID) == ["R-001", "R-001", "R-002", "R-003", "R-003", "R-004", "R-005", "R-006"],
            "results come in plan order, then lab order")

        let stored = try store.planRuns(runID: result.runID)
        #expect(stored == [result], "the run store gives back exactly what ran")
        #expect(try store.run(id: result.runID)?.verdict == .noGo)
    }

    @Test func casesOnOneMachineRunInPlanOrder() async throws {
        let guest = Guest()
        let (t, provisioner, lab, plan, _) = try await setUp(guest)
        defer { t.cleanUp() }
        _ = try await PlanRunner(inspector: LabInspector(provisioner: provisioner), store: nil).run(plan, lab: lab)
        try await provisioner.down(labNamed: lab.name)
        let onWeb01 = guest.order.filter { $0.hasPrefix("web-01 ") && !$0.contains("hostname") && !$0.contains("/bin/sh -c p=") }
        let firstOf = { (needle: String) in onWeb01.firstIndex { $0.contains(needle) } ?? -1 }
        #expect(firstOf("is-active nginx") < firstOf("flaky"))
        #expect(firstOf("flaky") < firstOf("slow"))
        #expect(firstOf("slow") < firstOf("broken"))
    }

    @Test func onlyAndTagSelectCasesAndSkipTheRestWithWhy() async throws {
        let guest = Guest()
        let (t, provisioner, lab, plan, _) = try await setUp(guest)
        defer { t.cleanUp() }
        let runner = PlanRunner(inspector: LabInspector(provisioner: provisioner), store: nil)
        let only = try await runner.run(plan, lab: lab, options: PlanRunOptions(onlyCases: ["R-001"]))
        #expect(only.results.filter { $0.state != .skipped }.map(\.caseID) == ["R-001", "R-001"])
        #expect(only.results.first { $0.caseID == "R-002" }?.message == "not selected by --only")
        #expect(only.verdict == .go)
        let tagged = try await runner.run(plan, lab: lab, options: PlanRunOptions(tags: ["smoke"]))
        #expect(Set(tagged.results.filter { $0.state != .skipped }.map(\.caseID)) == ["R-001"])
        try await provisioner.down(labNamed: lab.name)
    }

    /// An emergency change's reduced plan: only critical cases run, the rest say why they did not.
    @Test func aReducedPlanRunsOnlyCriticalCases() async throws {
        let guest = Guest()
        let (t, provisioner, lab, plan, _) = try await setUp(guest)
        defer { t.cleanUp() }
        var options = PlanRunOptions()
        options.criticalOnly = true
        let reduced = try await PlanRunner(inspector: LabInspector(provisioner: provisioner), store: nil).run(
            plan, lab: lab, options: options)
        #expect(Set(reduced.results.filter { $0.state != .skipped }.map(\.caseID)) == ["R-001"])
        #expect(reduced.results.first { $0.caseID == "R-004" }?.message == "not critical: the emergency change ran a reduced plan")
        try await provisioner.down(labNamed: lab.name)
    }

    @Test func anUnreachableMachineIsAnErrorNotAFailure() async throws {
        let guest = Guest()
        let (t, provisioner, lab, plan, _) = try await setUp(guest)
        defer { t.cleanUp() }
        let state = try #require(try provisioner.state(of: lab.name))
        let connection = try await Connection.open("test:///default")
        try await connection.domain(named: state.machines.first { $0.name == "web-02" }!.domain).destroy()
        let result = try await PlanRunner(inspector: LabInspector(provisioner: provisioner), store: nil)
            .run(plan, lab: lab, options: PlanRunOptions(onlyCases: ["R-001", "R-002"]))
        try await provisioner.down(labNamed: lab.name)
        let onWeb02 = result.results.filter { $0.machine == "web-02" && $0.state != .skipped }
        #expect(!onWeb02.isEmpty)
        #expect(onWeb02.allSatisfy { $0.state == .error })
        #expect(onWeb02.first?.message?.contains("machine unreachable") == true)
        #expect(result.results.first { $0.machine == "web-01" && $0.caseID == "R-001" }?.state == .passed)
    }

    @Test func comparisonListsCasesThatChangedState() async throws {
        let guest = Guest()
        let (t, provisioner, lab, plan, store) = try await setUp(guest)
        defer { t.cleanUp() }
        let runner = PlanRunner(inspector: LabInspector(provisioner: provisioner), store: store)
        let first = try await runner.run(plan, lab: lab, options: PlanRunOptions(onlyCases: ["R-001", "R-003"]))
        let second = try await runner.run(plan, lab: lab, options: PlanRunOptions(onlyCases: ["R-001"]))
        try await provisioner.down(labNamed: lab.name)
        let comparison = RunComparison.compare(
            try store.caseResults(runID: first.runID), try store.caseResults(runID: second.runID),
            beforeID: first.runID, afterID: second.runID)
        #expect(comparison.changes.map(\.key).sorted() == ["R-003@web-01", "R-003@web-02"])
        #expect(comparison.changes.allSatisfy { $0.before == .passed && $0.after == .skipped })
        #expect(!comparison.isSame)
    }
}
