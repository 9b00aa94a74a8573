import Foundation
import PatchLabModel

/// What every summary of a packet says, worked out once from a ``PacketOverview`` so the page, the
/// Markdown, the terminal summary and the change record cannot disagree with each other.
///
/// Values here are plain text; each format escapes them itself (through ``ReportText``).
struct PacketFacts {
    /// One lab machine as the summaries list it.
    struct MachineRow {
        var name: String
        /// The production host it stands for; nil when the lab file could not be read.
        var mirrors: String?
        var role: String?
        var criticality: String?
        var host: String?
        var outcome: RehearsalResult.PatchOutcome?
    }

    /// One hypervisor host the lab ran on, with the versions it reported; nil where it said nothing.
    struct HostRow {
        var name: String
        var uri: String
        var hostname: String?
        var libvirtVersion: String?
        var qemuVersion: String?
    }

    /// One patch file; the size is nil when the writer did not measure it.
    struct PatchFileRow {
        var name: String
        var destination: String?
        var sha256: String
        var size: Int64?
    }

    /// The plan runs of one phase.
    struct PhaseRuns {
        var phase: RehearsalPhase
        var runs: [PlanRunResult]
        var title: String { phase.title }
    }
    /// The packet's top folders, in the order a reader wants them.
    static let fileFolders = ["results", "logs", "fingerprints", "plans", "lab", "attestations"]

    let overview: PacketOverview

    init(_ overview: PacketOverview) {
        self.overview = overview
    }

    var result: RehearsalResult { overview.result }
    var change: Change { result.change }
    var verdictTitle: String { result.verdict.title }

    // MARK: The change and the run

    var changeFacts: [(String, String)] {
        [
            ("Change", change.id),
            ("Title", change.title),
            ("Type", change.type.rawValue),
            ("Risk", change.risk.rawValue),
            ("Reason", change.reason),
            ("Requested by", change.requestedBy ?? "not stated"),
            ("Ran by", result.ranBy ?? "not recorded"),
            ("Host", result.host ?? "not recorded"),
            ("Lab", result.labName),
            ("Run", result.runID),
            ("Started", ReportFormat.dateTime(result.startedAt)),
            ("Ended", ReportFormat.dateTime(result.endedAt)),
            ("Duration", ReportFormat.duration(result.endedAt.timeIntervalSince(result.startedAt))),
            (
                "Test plan",
                result.reducedPlan == true
                    ? "REDUCED: only critical cases ran (emergency change); the others are recorded as skipped"
                    : "full: every case of every plan"
            ),
        ]
    }

    var packetFacts: [(String, String)] {
        [
            ("Packet created", ReportFormat.dateTime(overview.createdAt)),
            ("Tool", "patchlab \(overview.toolVersion)"),
            ("Signed with key", overview.signerKeyID ?? "not signed"),
            ("Files", overview.files.count == 1 ? "1 file" : "\(overview.files.count) files"),
        ]
    }

    /// `yes`, `no`, or `not rehearsed` when the rehearsal stopped before a rollback.
    var rollbackProven: String {
        guard let proof = result.rollbackProof else { return "not rehearsed" }
        return proof.proven ? "yes" : "no"
    }

    /// The snapshot every machine is reverted to. The engine names it so (`RehearsalSession`); the
    /// name is repeated here because the result does not carry it and the backout plan must name it.
    var snapshotName: String { SnapshotName.prePatch(runID: result.runID, change: change.id) }

    // MARK: The patch

    /// The measured files; the change's own list (without sizes) when the writer gave none, so a
    /// summary never says less than the change file about what was installed.
    var patchFiles: [PatchFileRow] {
        if !overview.patchFiles.isEmpty {
            // A negative size is the writer's "the file was gone when the packet was written".
            return overview.patchFiles.map {
                PatchFileRow(
                    name: $0.name, destination: $0.destination, sha256: $0.sha256,
                    size: $0.size >= 0 ? $0.size : nil)
            }
        }
        return change.patch.files.map { PatchFileRow(name: $0.fileName, destination: $0.destination, sha256: $0.sha256, size: nil) }
    }

    var installCommand: String { change.patch.install.description }

    var installTimeout: String {
        let (seconds, attoseconds) = change.patch.timeout.components
        return ReportFormat.duration(Double(seconds) + Double(attoseconds) / 1e18)
    }

    var deploymentOrder: String {
        switch change.deployment.order {
        case .phased: return "phased: least critical machine first, one at a time, stopping at the first failure"
        case .allAtOnce: return "all at once: every machine together"
        }
    }

    // MARK: Machines

    /// The lab's machines with what each mirrors, in lab order; without a lab, every machine the
    /// results name.
    var machines: [MachineRow] {
        let ran = Dictionary((overview.environment?.machines ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        if let lab = overview.lab {
            return lab.machines.map { machine in
                // Where it ran (a `host: auto` machine's host is chosen at `lab up`), else as the lab file says.
                MachineRow(
                    name: machine.name, mirrors: machine.mirrors, role: machine.role, criticality: machine.criticality.rawValue,
                    host: ran[machine.name]?.host ?? machine.host, outcome: outcome(of: machine.name))
            }
        }
        var names = result.patchedMachines + result.patchOutcomes.map(\.machine)
        for phase in result.fingerprints.keys.sorted() { names += result.fingerprints[phase]!.map(\.machine) }
        for runs in phaseRuns { names += runs.runs.flatMap { $0.results.map(\.machine) } }
        return Self.unique(names).map { MachineRow(name: $0, outcome: outcome(of: $0)) }
    }

    /// Every host the lab ran on, with its libvirt and QEMU versions, in the order the run recorded them.
    var hosts: [HostRow] {
        (overview.environment?.hosts ?? []).map { host in
            HostRow(
                name: host.name ?? overview.lab?.hosts.first { $0.uri == host.uri }?.name ?? host.uri, uri: host.uri,
                hostname: host.hostname, libvirtVersion: host.libvirtVersion, qemuVersion: host.hypervisorVersion)
        }
    }

    /// `rack-2 (qemu+ssh://rack-2/system)`: a host as the machine tables name it.
    func hostWithURI(_ name: String) -> String {
        let uri = overview.environment?.hosts.first { $0.name == name }?.uri ?? overview.lab?.host(named: name)?.uri
        return uri.map { "\(name) (\($0))" } ?? name
    }

    func outcome(of machine: String) -> RehearsalResult.PatchOutcome? {
        result.patchOutcomes.last { $0.machine == machine }
    }

    func mirrors(of machine: String) -> String? {
        overview.lab?.machine(named: machine)?.mirrors
    }

    /// `web-01 (mirrors prod-web-01.example.com)`, or the bare name without a lab.
    func machineWithMirror(_ machine: String) -> String {
        mirrors(of: machine).map { "\(machine) (mirrors \($0))" } ?? machine
    }

    /// The machines the change goes to, in deployment order.
    var deploymentMachines: [String] {
        if let lab = overview.lab { return change.deploymentOrder(in: lab).map(\.name) }
        return result.patchedMachines
    }

    // MARK: Tests

    /// Runs per phase, in the order the phases ran.
    var phaseRuns: [PhaseRuns] {
        result.planRuns.keys.sorted().compactMap { phase in
            guard let runs = result.planRuns[phase], !runs.isEmpty else { return nil }
            return PhaseRuns(phase: phase, runs: runs)
        }
    }

    /// The change's plans as they ran (id, title, version), each once; the verify plans apart.
    var plans: [PlanRunResult] { Self.uniquePlans(result.planRuns.filter { $0.key != .rollbackVerify }) }
    var verifyPlans: [PlanRunResult] { Self.uniquePlans(result.planRuns.filter { $0.key == .rollbackVerify }) }

    private static func uniquePlans(_ runs: [RehearsalPhase: [PlanRunResult]]) -> [PlanRunResult] {
        var seen: Set<String> = []
        let ordered = runs.keys.sorted().flatMap { runs[$0] ?? [] }
        return ordered.filter { seen.insert($0.planID).inserted }
    }

    // MARK: Files

    /// The packet's log files of one case in one phase.
    func caseLogs(phase: String, run: PlanRunResult, result: CaseResult) -> [String] {
        filesUnder("logs/\(phase)/\(run.planID)/\(result.caseID)@\(result.machine)/")
    }

    /// The packet's log files of the patch install on one machine.
    func patchLogs(machine: String) -> [String] {
        filesUnder("logs/patch/\(machine)/")
    }

    private func filesUnder(_ prefix: String) -> [String] {
        overview.files.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Every file of the packet grouped under a title: files at the top first, then the known
    /// folders in reading order, then any other folder by name, and last any path that could leave
    /// the packet (listed, never linked).
    var fileGroups: [(title: String, files: [String])] { Self.fileGroups(overview.files) }

    static func fileGroups(_ files: [String]) -> [(title: String, files: [String])] {
        var groups: [String: [String]] = [:]
        var outside: [String] = []
        for file in files {
            guard Self.href(file) != nil else {
                outside.append(file)
                continue
            }
            let parts = file.split(separator: "/", maxSplits: 1)
            groups[parts.count == 2 ? String(parts[0]) : "", default: []].append(file)
        }
        let others = groups.keys.filter { $0 != "" && !Self.fileFolders.contains($0) }.sorted()
        var titled = ([""] + Self.fileFolders + others).compactMap { folder in
            groups[folder].map { (title: folder.isEmpty ? "Top of the packet" : "\(folder)/", files: $0.sorted()) }
        }
        if !outside.isEmpty { titled.append((title: "Not linked: paths outside the packet", files: outside.sorted())) }
        return titled
    }

    /// A relative link to a packet file, every path segment percent-encoded so no file name can turn
    /// into a scheme (`javascript:`), a query or a fragment; nil for a path that could leave the
    /// packet (absolute, `..`, a backslash), which is then shown without a link.
    static func href(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.contains("\\"),
            segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else { return nil }
        return segments.map { $0.addingPercentEncoding(withAllowedCharacters: linkSafe) ?? "" }.joined(separator: "/")
    }

    /// RFC 3986's unreserved characters, and `@` (log folders are `CASE@machine`).
    private static let linkSafe = CharacterSet(
        charactersIn:
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~@")

    // MARK: Formatting

    /// `1234 bytes`, `1.2 MiB (1234567 bytes)`.
    static func size(_ bytes: Int64?) -> String {
        guard let bytes else { return "not measured" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = -1
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit < 0 ? "\(bytes) bytes" : String(format: "%.1f", value) + " \(units[unit]) (\(bytes) bytes)"
    }

    static func unique<T: Hashable>(_ items: [T]) -> [T] {
        var seen: Set<T> = []
        return items.filter { seen.insert($0).inserted }
    }
}
