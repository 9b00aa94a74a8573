import Foundation
import Libvirt
import PatchLabModel
import PatchLabEngine
import PatchLabEvidence

/// Writes and verifies a packet whose run carries `logBytes` of logs, against `sha256sum` over the
/// same files in the same run, and reads the peak resident memory of each step from the kernel.
///
/// Peak memory: `VmHWM` of this process, reset before each step through `/proc/self/clear_refs`, so
/// each figure is that step's own peak (including the program's baseline footprint).
public struct PacketBenchmark: Sendable {
    public struct Step: Sendable, Codable {
        public var name: String
        public var seconds: Double
        public var peakRSSMiB: Double
        /// MiB/s of log bytes handled.
        public var throughput: Double
        /// This step's throughput over `sha256sum`'s on the same files (higher is better).
        public var ratioToSHA256Sum: Double?
    }

    public struct Figures: Sendable, Codable {
        public var logMiB: Double
        public var files: Int
        public var sha256sumSeconds: Double
        public var steps: [Step]
    }

    public var directory: String
    public var logBytes: Int64
    public var fileCount: Int

    public init(directory: String, logBytes: Int64 = 1 << 30, fileCount: Int = 64) {
        self.directory = directory
        self.logBytes = logBytes
        self.fileCount = fileCount
    }

    public func run(progress: @Sendable (String) -> Void) throws -> Figures {
        let fm = FileManager.default
        let scratch = "\(directory)/patchlab-bench-packet-\(UUID().uuidString.prefix(8))"
        defer { try? fm.removeItem(atPath: scratch) }
        var result = Self.sampleResult(runDirectory: "\(scratch)/run")
        result.runDirectory = "\(scratch)/run"
        progress("writing \(logBytes >> 20) MiB of logs in \(fileCount) files…")
        let logs = try writeLogs(into: "\(scratch)/run/post-patch/logs/BENCH")
        let mib = Double(logBytes) / 1_048_576

        progress("sha256sum over the same files…")
        let floor = try time { try Self.sha256sum(logs) }.seconds
        let floorThroughput = mib / floor

        var steps: [Step] = []
        func step(_ name: String, _ body: () throws -> Void) throws {
            progress("\(name)…")
            Self.resetPeakRSS()
            let seconds = try time(body).seconds
            let throughput = mib / seconds
            steps.append(
                Step(
                    name: name, seconds: seconds, peakRSSMiB: Self.peakRSSMiB(), throughput: throughput,
                    ratioToSHA256Sum: throughput / floorThroughput))
        }
        let key = SigningKey.generate()
        let trusted = TrustedKeys([key.publicKey])
        var written: PacketWriter.Written?
        try step("write packet folder (copy + hash + sign)") {
            written = try PacketWriter(result: result, lab: nil, signingKey: key, toolVersion: "bench")
                .write(into: "\(scratch)/evidence", archive: false)
        }
        guard let written else { throw PacketError.unwritable(scratch) }
        try step("verify packet folder") {
            let verification = try PacketVerifier(trustedKeys: trusted).verify(written.folder)
            guard verification.check("files")?.passed == true else {
                throw PacketError.notAPacket(written.folder, reason: "\(verification.problems)")
            }
        }
        try step("archive packet (.tar.gz)") {
            try PacketArchive.create(folder: written.folder, as: written.archive, topName: "bench")
        }
        try step("verify packet archive") {
            let verification = try PacketVerifier(trustedKeys: trusted).verify(written.archive)
            guard verification.check("files")?.passed == true else {
                throw PacketError.notAPacket(written.archive, reason: "\(verification.problems)")
            }
        }
        return Figures(logMiB: mib, files: fileCount, sha256sumSeconds: floor, steps: steps)
    }

    /// Log-like text (what guest logs are), different in every line so nothing is trivially deduplicated.
    private func writeLogs(into folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let perFile = logBytes / Int64(fileCount)
        var paths: [String] = []
        for index in 0..<fileCount {
            let path = "\(folder)/CASE-\(index)@bench/attempt-1/stdout"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: path) else { throw PacketError.unwritable(path) }
            var written: Int64 = 0, line = 0
            while written < perFile {
                var chunk = Data()
                chunk.reserveCapacity(1 << 20)
                while chunk.count < (1 << 20) {
                    line += 1
                    chunk.append(
                        contentsOf:
                            "2026-11-25T10:00:\(line % 60) web-01 nginx[\(line)]: GET /item/\(line &* 2654435761 % 1_000_003) 200 \(line % 9973) bytes\n"
                            .utf8)
                }
                let slice = chunk.prefix(Int(min(Int64(chunk.count), perFile - written)))
                try handle.write(contentsOf: slice)
                written += Int64(slice.count)
            }
            try handle.close()
            paths.append(path)
        }
        return paths
    }

    private static func sha256sum(_ paths: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = paths
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PacketError.unreadable("sha256sum failed") }
    }

    private func time(_ body: () throws -> Void) throws -> (seconds: Double, Void) {
        let start = ContinuousClock.now
        try body()
        let elapsed = (ContinuousClock.now - start).components
        return (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, ())
    }

    static func resetPeakRSS() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    static func peakRSSMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return -1 }
        return kib / 1024
    }

    /// A minimal GO rehearsal of one case, so the bench measures the packet, not a fixture.
    static func sampleResult(runDirectory: String) -> RehearsalResult {
        let now = Date()
        let change = Change(
            id: "CHG-9999", title: "Packet benchmark", type: .normal, reason: "benchmark", risk: .low,
            lab: Located("bench.yaml", at: .wholeFile("bench")), plans: [Located("bench-plan.yaml", at: .wholeFile("bench"))],
            patch: PatchSpec(description: "none", files: [], install: .shell("true")), file: "bench")
        return RehearsalResult(
            runID: "bench", change: change, labName: "bench", startedAt: now, endedAt: now, verdict: .noGo,
            reasons: ["benchmark"], interrupted: false, phases: [], planRuns: [:], fingerprints: [:],
            patchDiffs: [], patchOutcomes: [], rollbackProof: nil, patchedMachines: [], runDirectory: runDirectory)
    }
}
