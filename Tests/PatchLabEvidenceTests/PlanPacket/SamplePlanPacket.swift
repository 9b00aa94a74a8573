import Foundation
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

/// A plan run's folders laid out as `plan run --packet` leaves them — the record folder (lab file,
/// environment with image digests, domain XML, plans, consoles) and the report folder (the four
/// reports, each case's logs, and an older run's stale attempt) — and the packet written from them.
struct SamplePlanPacket {
    static let imageDigest = String(repeating: "5e", count: 32)

    let scratch: TemporaryDirectory
    let key: SigningKey
    let evidence: PlanRunEvidence
    let written: PacketWriter.Written

    var folder: String { written.folder }
    var trusted: TrustedKeys { TrustedKeys([key.publicKey]) }

    /// - Parameters:
    ///   - stating: a verdict to write in place of the one the results give (a lying packet).
    ///   - environment: false leaves out the lab as it ran, so no image digest is known.
    init(
        _ result: PlanRunResult = Self.planRun(), key: SigningKey = .generate(), stating: Verdict? = nil,
        environment: Bool = true
    ) throws {
        scratch = try TemporaryDirectory("plan-packet")
        self.key = key
        let record = scratch.path("run"), reports = scratch.path("reports")
        try Self.layOut(result, record: record, reports: reports, environment: environment)
        var stated = result
        if let stating { stated.verdict = stating }
        evidence = PlanRunEvidence(result: stated, ranBy: "alice", host: "lab-host", selection: "--tag web")
        written = try PlanPacketWriter(
            evidence: evidence, recordFolder: RunFolder(path: record), reportDirectory: reports,
            lab: SummaryFixtures.lab(), signingKey: key, toolVersion: "test",
            createdAt: SampleRuns.start
        ).write(into: scratch.path("evidence"))
    }

    /// SampleRuns' post-patch run as a plan run of its own (no phase).
    static func planRun() -> PlanRunResult {
        var run = SampleRuns.postPatch()
        run.phase = nil
        return run
    }

    func verify(_ path: String? = nil, trusting keys: TrustedKeys? = nil) throws -> PacketVerification {
        try PacketVerifier(trustedKeys: keys ?? trusted).verify(path ?? folder)
    }

    func path(_ relative: String) -> String { "\(folder)/\(relative)" }

    func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    private static func layOut(_ result: PlanRunResult, record: String, reports: String, environment: Bool) throws {
        let write = SampleRunDirectory.write
        try write("lab: demo\nmachines: []\n", "\(record)/lab/lab.yaml")
        try write("<domain type='qemu'><name>pl-demo-web-01</name></domain>\n", "\(record)/lab/domains/web-01.xml")
        if environment {
            let facts = LabEnvironmentRecord(
                harnessHost: "lab-host", labPrefix: "pl-demo",
                hosts: [.init(uri: "qemu:///system", hostname: "lab-host", libvirtVersion: "9.0.0", hypervisorVersion: "7.2.0")],
                machines: ["web-01", "web-02"].map {
                    .init(
                        name: $0, mirrors: "prod-\($0)", role: "web", criticality: "high", domain: "pl-demo-\($0)", virtType: "qemu",
                        image: "debian-12", imageSHA256: imageDigest, hostURI: "qemu:///system")
                })
            try write(String(decoding: try JSONEncoder().encode(facts), as: UTF8.self), "\(record)/lab/environment.json")
        }
        try write("plan: WEB\ncases: []\n", "\(record)/plans/web.yaml")
        try write("[    0.000000] Linux version 6.1.0\n", "\(record)/consoles/web-01.log")
        _ = try ReportWriter.write([result], to: reports)
        for item in result.results where item.attempts > 0 {
            for attempt in 1...item.attempts {
                try write(
                    SampleRuns.nasty + "\(item.caseID) attempt \(attempt)\n",
                    "\(reports)/logs/\(item.planID)/\(item.caseID)@\(item.machine)/attempt-\(attempt)/stdout")
            }
        }
        // Left by an earlier run into the same report folder: not evidence of this one.
        try write("old run\n", "\(reports)/logs/WEB/WEB-001@web-01/attempt-3/stdout")
        try write("old run\n", "\(reports)/logs/OLD/OLD-001@web-01/attempt-1/stdout")
    }
}
