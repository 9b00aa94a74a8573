import Foundation
import PatchLabModel
import PatchLabEngine

/// Measures a production capture plus its scoring against the raw cost of running the same probe
/// over ssh by hand, in the same run: the floor is `ssh … HOST /bin/sh -s < probe` with its output
/// read and nothing else; PatchLab's side is ``ProductionCapture`` (ssh in batch mode with its
/// debug log for the host key, bounded reading, strict parsing), saving the record, reading it
/// back with every check, and scoring a lab fingerprint against it. Alternating rounds, each
/// side's median.
///
/// The host should look like a real production server: about 1,000 packages and 3,000 watched
/// files. This machine has the packages; the files come from `/etc` plus a generated folder of
/// small config files watched with it (``extraFiles``), removed afterwards.
public struct FidelityBenchmark: Sendable {
    public struct Figures: Sendable, Codable {
        public var rounds: Int
        public var packages: Int
        public var files: Int
        public var floorSeconds: Double
        public var patchlabSeconds: Double
        /// ssh, reading and parsing the probe's output, making the record.
        public var captureSeconds: Double
        /// Writing the record to the production folder.
        public var saveSeconds: Double
        /// Reading it back with every check, and scoring a lab against it.
        public var scoringSeconds: Double
        public var ratio: Double { patchlabSeconds / floorSeconds }
    }

    public let host: String
    public let sshOptions: [String]
    public let sshConfig: String?
    public let extraFiles: Int

    public init(host: String, sshOptions: [String] = [], sshConfig: String? = nil, extraFiles: Int = 2400) {
        self.host = host
        self.sshOptions = sshOptions
        self.sshConfig = sshConfig
        self.extraFiles = extraFiles
    }

    public func run(rounds: Int, progress: @escaping @Sendable (String) -> Void) async throws -> Figures {
        let scratch = "/var/tmp/patchlab-bench-fidelity-\(UUID().uuidString.prefix(8))"
        try makeFiles(in: scratch + "/etc-extra")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var spec = ProductionCapture.defaultSpec
        spec.watch = ["/etc", scratch + "/etc-extra"]
        let capture = ProductionCapture(spec: spec, sshOptions: sshOptions, sshConfig: sshConfig)
        let store = ProductionStore(directory: scratch + "/production")

        progress("warming both paths once…")
        _ = try await raw(spec.probeScript)
        var record = try await capture.capture(host: host, name: "bench")
        let lab = Self.labLike(record.fingerprint)

        var floors: [Double] = [], totals: [Double] = [], captures: [Double] = [], saves: [Double] = [], scorings: [Double] = []
        for round in 1...rounds {
            progress("round \(round) of \(rounds): the probe over ssh by hand, then capture and scoring…")
            floors.append(try await raw(spec.probeScript))
            let start = ContinuousClock.now
            record = try await capture.capture(host: host, name: "bench")
            let captured = ContinuousClock.now
            try store.save(record)
            let saved = ContinuousClock.now
            let loaded = try store.load("bench")
            let dimensions = FidelityComparison.dimensions(
                lab: lab, labSpec: spec, production: loaded.record.fingerprint,
                productionSpec: loaded.record.spec)
            let machine = MachineFidelity(machine: "lab", mirrors: host, production: loaded.reference, dimensions: dimensions)
            guard machine.computedScore != nil else { throw CaptureError.emptyFingerprint(host: host) }
            let end = ContinuousClock.now
            totals.append((end - start).seconds)
            captures.append((captured - start).seconds)
            saves.append((saved - captured).seconds)
            scorings.append((end - saved).seconds)
        }
        return Figures(
            rounds: rounds, packages: record.fingerprint.packages.count, files: record.fingerprint.files.count,
            floorSeconds: PlanBenchmark.median(floors), patchlabSeconds: PlanBenchmark.median(totals),
            captureSeconds: PlanBenchmark.median(captures), saveSeconds: PlanBenchmark.median(saves),
            scoringSeconds: PlanBenchmark.median(scorings))
    }

    /// ssh as a person would type it, the probe on stdin, the output read and kept.
    private func raw(_ script: String) async throws -> Double {
        var arguments: [String] = []
        if let sshConfig { arguments += ["-F", sshConfig] }
        for option in sshOptions { arguments += ["-o", option] }
        arguments += ["-T", host, "/bin/sh -s"]
        let start = ContinuousClock.now
        let done = try await BoundedCommand(
            path: "/usr/bin/ssh", arguments: arguments, input: Data(script.utf8),
            stdoutLimit: 256 << 20, timeout: .seconds(600)
        ).run()
        let seconds = (ContinuousClock.now - start).seconds
        guard done.status == 0, !done.stdout.isEmpty else {
            throw CaptureError.sshFailed(host: host, status: done.status, detail: String(decoding: done.stderr.suffix(500), as: UTF8.self))
        }
        return seconds
    }

    /// `count` small config files in folders of 100, like the conf.d trees of a busy server.
    private func makeFiles(in folder: String) throws {
        for index in 0..<extraFiles {
            let directory = "\(folder)/site-\(index / 100)"
            if index % 100 == 0 { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            try Data("# site \(index)\nserver_name host-\(index).example.com;\nlisten 80;\n".utf8)
                .write(to: URL(fileURLWithPath: "\(directory)/site-\(index).conf"))
        }
    }

    /// A lab unlike production the way real labs are: every seventh package missing, every
    /// eleventh watched file different, a service stopped.
    static func labLike(_ production: Fingerprint) -> Fingerprint {
        var lab = production
        lab.machine = "lab"
        for (index, name) in production.packages.keys.sorted().enumerated() where index % 7 == 0 { lab.packages[name] = nil }
        for (index, path) in production.files.keys.sorted().enumerated() where index % 11 == 0 {
            lab.files[path] = String(repeating: "0", count: 64)
        }
        if let name = production.services.keys.sorted().first {
            lab.services[name] = ServiceStatus(active: "inactive", enabled: "disabled")
        }
        return lab
    }
}
