import Foundation
import Libvirt
import PatchLabEngine
import PatchLabModel

/// How the bisection of a failing batch grows with the batch: for batches of `n` patches with one
/// culprit, the subset runs (and reverts) a real rehearsal takes to name it, on libvirt's test driver
/// with a fake guest side (``BisectGuestChannel``), against the bound ⌈log2 n⌉ + 1. Every culprit
/// position of a small batch is tried, and evenly spread ones of a large batch (the first and last
/// among them), each a full rehearsal: lab, baseline, snapshot, the batch, its bisection, rollback.
public struct BisectionBenchmark: Sendable {
    public struct Figure: Sendable, Codable {
        public var patches: Int
        /// ⌈log2 n⌉.
        public var log2: Int
        /// The culprit positions tried (1-based) and the subset runs each took.
        public var positions: [Int]
        public var subsetRuns: [Int]
        public var maxSubsetRuns: Int { subsetRuns.max() ?? 0 }
        public var meanSubsetRuns: Double { subsetRuns.isEmpty ? 0 : Double(subsetRuns.reduce(0, +)) / Double(subsetRuns.count) }
        public var maxReverts: Int
        /// Mean wall time of one rehearsal, bisection included (test driver, no VM).
        public var meanSeconds: Double
    }

    public init() {}

    /// The culprit positions tried for a batch of `n`: all of a batch of at most 8, else 8 evenly spread ones and the last.
    static func positions(_ n: Int) -> [Int] {
        guard n > 8 else { return Array(1...n) }
        var picked = (0..<8).map { 1 + $0 * (n - 1) / 7 }
        if !picked.contains(n) { picked.append(n) }
        return picked
    }

    public func run(sizes: [Int], progress: @Sendable (String) -> Void) async throws -> [Figure] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-bench-bisect-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = EngineEnvironment(
            home: home, agentTimeout: .seconds(5), poolName: "patchlab-bench-\(UUID().uuidString.prefix(8))")
        try Self.prepare(home: home, environment: environment)
        var figures: [Figure] = []
        for n in sizes {
            var runs: [Int] = [], reverts: [Int] = [], seconds: [Double] = []
            for position in Self.positions(n) {
                progress("batch of \(n), culprit at \(position)…")
                let culprit = "p\(position)"
                let change = try Self.writeChange(patches: n, in: home)
                let guests = BisectGuestChannel.Guests(culprit: culprit)
                let provisioner = LabProvisioner(environment: environment, guestChannel: BisectGuestChannel.factory(guests))
                let rehearsal = Rehearsal(provisioner: provisioner, store: try RunStore(environment: environment))
                let start = ContinuousClock.now
                let result = try await rehearsal.run(try RehearsalInputs.load(change))
                seconds.append((ContinuousClock.now - start).seconds)
                guard let bisection = result.batch?.bisection, bisection.culprits == [culprit] else {
                    throw BenchError.wrongCulprit(n: n, expected: culprit, found: result.batch?.bisection?.culprits ?? [])
                }
                runs.append(bisection.steps.count)
                reverts.append(bisection.reverts)
            }
            let log2 = n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
            figures.append(
                Figure(
                    patches: n, log2: log2, positions: Self.positions(n), subsetRuns: runs, maxReverts: reverts.max() ?? 0,
                    meanSeconds: seconds.reduce(0, +) / Double(max(seconds.count, 1))))
        }
        return figures
    }

    enum BenchError: Error, CustomStringConvertible {
        case wrongCulprit(n: Int, expected: String, found: [String])
        var description: String {
            switch self {
            case let .wrongCulprit(n, expected, found):
                "batch of \(n): the bisection named \(found.joined(separator: ", ")), not the culprit \(expected)"
            }
        }
    }

    /// A home with a recorded (not really bootable) golden image, a one-machine lab on the test
    /// driver and a one-case plan.
    static func prepare(home: String, environment: EngineEnvironment) throws {
        let images = "\(home)/images/bench"
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: "\(images)/disk.qcow2", contents: Data("test driver disk".utf8))
        try ImageCatalog(environment: environment).save(
            ImageRecord(
                name: "bench", disk: "\(images)/disk.qcow2", kernel: nil, initrd: nil, cmdline: nil,
                sha256: String(repeating: "b", count: 64),
                sizeBytes: 16, virtualSizeBytes: 1 << 30, builtAt: Date(), recipe: "none", recipeSHA256: "none"))
        let lab = "bench" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
        try """
        lab: \(lab)
        description: bisection benchmark
        hosts:
          local: test:///default
        machines:
          - {name: web-01, role: web, mirrors: prod-web-01.example.com, image: bench, criticality: pilot}
        """.write(toFile: "\(home)/lab.yaml", atomically: true, encoding: .utf8)
        try """
        plan: P
        title: nginx answers
        version: "1"
        owner: bench
        applications: [nginx]
        cases:
          - {id: P-1, title: nginx answers, functionality: web, on: "role:web", run: "check-nginx", severity: critical}
        """.write(toFile: "\(home)/plan.yaml", atomically: true, encoding: .utf8)
    }

    /// A batch of `n` command-only patches, `p1` … `pn`.
    static func writeChange(patches n: Int, in home: String) throws -> String {
        var text = "change: CHG-9001\ntitle: bench\ntype: normal\nreason: bench\nrisk: low\nlab: lab.yaml\nplans: [plan.yaml]\n"
        text += "fingerprint: {services: false, ports: false, watch: []}\npatches:\n"
        for index in 1...n { text += "  - {id: p\(index), description: patch \(index), install: \"install-p\(index)\"}\n" }
        let path = "\(home)/CHG-9001.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
