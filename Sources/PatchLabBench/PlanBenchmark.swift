import Foundation
import Libvirt
import PatchLabModel
import PatchLabEngine
import PatchLabEvidence

/// Measures the plan runner's per-case cost against the raw guest-agent floor on a real guest, in
/// the same run: N trivial cases (`true`, expect exit 0) vs N bare `guest-exec` + status polls of
/// `true`, in alternating rounds, each side's median round.
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
        // The plan files stay until the end: the runner reads and digests them on every run.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try Self.trivialPlan(cases: count, in: folder)
        let runner = PlanRunner(inspector: inspector, store: nil)
        _ = try await runner.run(try Self.trivialPlan(cases: 1, in: folder), lab: lab)

        // Under TCG one run's figures swing by a third (a guest's background work, where a command's
        // end falls between two status polls), so the same work is measured in alternating rounds,
        // raw then runner, and each side's median round is taken.
        var rawRounds: [Double] = [], runnerRounds: [Double] = []
        for round in 1...Self.rounds {
            progress("round \(round) of \(Self.rounds): \(count) × guest-exec true, then a plan of \(count) trivial cases…")
            let rawStart = ContinuousClock.now
            for _ in 0..<count { _ = try await agent.exec(GuestCommand(path: "true")) }
            rawRounds.append((ContinuousClock.now - rawStart).seconds / Double(count))
            let runnerStart = ContinuousClock.now
            let result = try await runner.run(plan, lab: lab)
            runnerRounds.append((ContinuousClock.now - runnerStart).seconds / Double(count))
            guard result.results.allSatisfy({ $0.state == .passed }) else {
                throw EngineError.guestStepFailed(machine: "m1", step: "bench plan", detail: "not every trivial case passed")
            }
        }
        let raw = Self.median(rawRounds), perCase = Self.median(runnerRounds)
        return Figures(cases: count, rawSecondsPerCommand: raw, runnerSecondsPerCase: perCase)
    }

    /// Rounds of each side per run.
    static let rounds = 5

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// A plan of `count` cases that each run `true` on m1 and expect exit status 0.
    private static func trivialPlan(cases count: Int, in folder: String) throws -> TestPlan {
        let cases = (1...count).map { i in
            "  - {id: B-\(i), title: trivial \(i), functionality: bench, on: m1, run: [\"true\"], expect: {exit: 0}}"
        }.joined(separator: "\n")
        let file = "\(folder)/bench-\(count).yaml"
        try """
        plan: BENCH
        title: trivial cases
        version: "1"
        owner: bench
        applications: [bench]
        cases:
        \(cases)
        """.write(toFile: file, atomically: true, encoding: .utf8)
        return try TestPlan.load(contentsOf: file)
    }
}
