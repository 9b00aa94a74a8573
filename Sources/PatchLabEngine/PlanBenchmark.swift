import Foundation
import Libvirt
import PatchLabModel

/// Measures the plan runner's per-case cost against the raw guest-agent floor on a real guest, in
/// the same run: N trivial cases (`true`, expect exit 0) vs N bare `guest-exec` + status polls of `true`.
public struct PlanBenchmark: Sendable {
    public struct Figures: Sendable, Codable {
        public var cases: Int
        public var rawSecondsPerCommand: Double
        public var runnerSecondsPerCase: Double
        public var ratio: Double { runnerSecondsPerCase / rawSecondsPerCommand }
    }

    public let provisioner: LabProvisioner
    public let image: String

    public init(provisioner: LabProvisioner, image: String = "debian-12") {
        self.provisioner = provisioner
        self.image = image
    }

    public func run(cases: Int, progress: @escaping @Sendable (String) -> Void) async throws -> Figures {
        let lab = try LabBenchmark(provisioner: provisioner, image: image).benchLab(machines: 1)
        progress("bringing up one machine…")
        try await provisioner.up(lab)
        do {
            let figures = try await measure(lab, cases: cases, progress: progress)
            try await provisioner.down(labNamed: lab.name)
            return figures
        } catch {
            _ = try? await provisioner.down(labNamed: lab.name)
            throw error
        }
    }

    private func measure(_ lab: Lab, cases count: Int, progress: @escaping @Sendable (String) -> Void) async throws -> Figures {
        let inspector = LabInspector(provisioner: provisioner)
        let domain = try await inspector.domain(lab: lab, machine: "m1")
        let agent = GuestAgent(domain: domain)
        // Warm both paths once so neither pays first-use costs in the measurement.
        _ = try await agent.exec(GuestCommand(path: "true"))
        progress("raw floor: \(count) × guest-exec true…")
        let rawStart = ContinuousClock.now
        for _ in 0..<count { _ = try await agent.exec(GuestCommand(path: "true")) }
        let raw = (ContinuousClock.now - rawStart).seconds / Double(count)

        let cases = (1...count).map { i in
            "  - {id: B-\(i), title: trivial \(i), functionality: bench, on: m1, run: [\"true\"], expect: {exit: 0}}"
        }.joined(separator: "\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-bench-\(UUID().uuidString).yaml").path
        try """
            plan: BENCH
            title: trivial cases
            version: "1"
            owner: bench
            applications: [bench]
            cases:
            \(cases)
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let plan = try TestPlan.load(contentsOf: file)
        progress("runner: a plan of \(count) trivial cases…")
        let runnerStart = ContinuousClock.now
        let result = try await PlanRunner(inspector: inspector, store: nil).run(plan, lab: lab)
        let perCase = (ContinuousClock.now - runnerStart).seconds / Double(count)
        guard result.results.allSatisfy({ $0.state == .passed }) else {
            throw EngineError.guestStepFailed(machine: "m1", step: "bench plan", detail: "not every trivial case passed")
        }
        return Figures(cases: count, rawSecondsPerCommand: raw, runnerSecondsPerCase: perCase)
    }
}
