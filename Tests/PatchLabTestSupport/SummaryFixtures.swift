import Foundation
import PatchLabModel
import PatchLabEvidence

/// A rehearsed change for the summary tests: a NO-GO whose install failed on one machine, whose
/// post-patch plans failed and whose rollback left a difference, with guest output chosen to break
/// any summary that does not escape (``SampleRuns/nasty``); and a clean GO of the same change.
public enum SummaryFixtures {
    public static let start = SampleRuns.start
    public static let digest = "427cf4e5e0c3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182930"
    /// The guest output the browser test plants: if any of it ran, the page would say PWNED.
    public static let attack =
        "<script>document.title='PWNED';document.body.innerHTML='PWNED'</script>"
        + "<img src=x onerror=\"document.title='PWNED';document.body.innerHTML='PWNED'\">"

    public static let reasons = [
        "patch install failed on web-02",
        "post-patch plans gave NO-GO: WEB-002 on web-01 failed | WEB-003 on web-02 error",
        "rollback not proven: web-01: package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11",
    ]

    public static let rollbackDiff = FingerprintDiff(
        machine: "web-01", fromPhase: .baseline, toPhase: .postRollback,
        packagesUpgraded: [.init(name: "nginx-light", from: "1.22.1-9+deb12u9", to: "1.22.1-9+deb12u11")],
        filesChanged: ["/etc/nginx/<evil>|conf"])

    public static let patchDiffs = [
        FingerprintDiff(
            machine: "web-01", fromPhase: .baseline, toPhase: .postPatch,
            packagesUpgraded: [.init(name: "nginx-light", from: "1.22.1-9+deb12u9", to: "1.22.1-9+deb12u11")],
            servicesChanged: [
                .init(
                    name: "nginx.service", before: ServiceStatus(active: "active", enabled: "enabled"),
                    after: ServiceStatus(active: "failed", enabled: "enabled"))
            ],
            portsClosed: ["tcp/80"]),
        FingerprintDiff(
            machine: "web-02", fromPhase: .baseline, toPhase: .postPatch,
            packageStatesChanged: [.init(name: "nginx-light", from: "installed", to: "half-configured")]),
    ]

    public static let files = [
        "change.json",
        "results/baseline/WEB.json", "results/post-patch/WEB.json", "results/post-rollback/WEB.json",
        "results/rollback-verify/SMOKE.json", "results/rehearsal.json",
        "logs/patch/web-01/stdout", "logs/patch/web-02/stderr", "logs/patch/web-02/stdout",
        "logs/post-patch/WEB/WEB-002@web-01/attempt-1/stdout", "logs/post-patch/WEB/WEB-002@web-01/attempt-2/stdout",
        "logs/post-patch/WEB/WEB-002@web-01/attempt-2/stderr",
        "fingerprints/baseline/web-01.json", "fingerprints/post-rollback/web-01.json",
        "plans/web.yaml", "plans/smoke.yaml", "lab/demo.yaml", "attestations/rehearsal.intoto.json",
        "logs/odd/a b|c<d>(e).txt", "../outside", "/etc/passwd", "javascript:alert(1)",
    ]

    public static func change() -> Change {
        Change(
            id: "CHG-0042", title: "Update nginx-light <b>now</b> | security", type: .normal,
            reason: "DSA-5678-1: nginx <script>alert('reason')</script>", risk: .high,
            requestedBy: "alice@example.com",
            lab: Located("/work/labs/demo.yaml", at: .wholeFile("c.yaml")),
            plans: [Located("/work/testplans/web.yaml", at: .wholeFile("c.yaml"))],
            patch: PatchSpec(
                description: "nginx 1.22.1-9+deb12u11 from bookworm-security",
                files: [
                    PatchFile(
                        source: "/work/changes/CHG-0042/nginx-light_1.22.1-9+deb12u11_all.deb",
                        sha256: digest, destination: "/var/tmp/patchlab/CHG-0042/nginx-light_1.22.1-9+deb12u11_all.deb")
                ],
                install: .shell("dpkg -i /var/tmp/patchlab/CHG-0042/*.deb && systemctl restart nginx")),
            deployment: DeploymentSpec(order: .phased),
            rollback: RollbackSpec(strategy: .snapshot, verifyPlans: [Located("/work/testplans/smoke.yaml", at: .wholeFile("c.yaml"))]),
            file: "changes/CHG-0042.yaml")
    }

    public static func lab() -> Lab {
        Lab(
            name: "demo", description: "Web tier mirror of production", hosts: [.defaultLocal(file: "labs/demo.yaml")],
            machines: [
                Machine(
                    name: "web-02", role: "web", mirrors: "prod-web-02.example.com", image: ImageReference("debian-12"),
                    criticality: .high),
                Machine(
                    name: "web-01", role: "web", mirrors: "prod-web-01.example.com", image: ImageReference("debian-12"),
                    criticality: .pilot),
            ], file: "labs/demo.yaml")
    }

    public static func run(_ base: PlanRunResult, phase: RehearsalPhase) -> PlanRunResult {
        var run = base
        run.phase = phase
        run.results = run.results.map { result in
            var result = result
            if phase == .postRollback, result.caseID == "WEB-001" { result.state = .passed }
            return result
        }
        return run
    }

    public static func smoke() -> PlanRunResult {
        let result = CaseResult(
            caseID: "SMOKE-001", title: "ssh answers", planID: "SMOKE", machine: "web-01", severity: .critical,
            state: .passed, startedAt: start)
        return PlanRunResult(
            runID: "run-1", planID: "SMOKE", planTitle: "Smoke", planVersion: "3", planDigest: "sha256:cd",
            lab: "demo", phase: .rollbackVerify, startedAt: start.addingTimeInterval(300),
            endedAt: start.addingTimeInterval(305), verdict: .go, results: [result])
    }

    /// The failing rehearsal; `guestOutput` is what web-02's failed install printed.
    public static func noGo(guestOutput: String = SampleRuns.nasty) -> PacketOverview {
        let names: [RehearsalPhase] = [.lab, .baseline, .baselineFingerprint, .snapshot, .patch, .postPatch, .rollback, .postRollback]
        let phases = names.enumerated().map { index, name in
            RehearsalResult.Phase(
                name: name, startedAt: start.addingTimeInterval(Double(index) * 30),
                endedAt: start.addingTimeInterval(Double(index) * 30 + 29.5), status: "done")
        }
        var postRollback = SampleRuns.postPatch()
        postRollback.phase = .postRollback
        let result = RehearsalResult(
            runID: "run-20260101-100000-ab12", change: change(), labName: "demo", startedAt: start,
            endedAt: start.addingTimeInterval(600), verdict: .noGo, reasons: reasons, interrupted: false, phases: phases,
            planRuns: [
                .baseline: [SampleRuns.baseline()], .postPatch: [SampleRuns.postPatch()],
                .postRollback: [postRollback], .rollbackVerify: [smoke()],
            ],
            fingerprints: [.baseline: [Fingerprint(machine: "web-01", phase: .baseline, takenAt: start)]],
            patchDiffs: patchDiffs,
            patchOutcomes: [
                .init(
                    machine: "web-01", succeeded: true, exitCode: 0, timedOut: false, message: nil,
                    stdout: "Setting up nginx-light\n", stderr: "", logDirectory: "/runs/x/patch/web-01"),
                .init(
                    machine: "web-02", succeeded: false, exitCode: 1, timedOut: true,
                    message: "dpkg failed: <script>alert('message')</script>", stdout: guestOutput, stderr: guestOutput,
                    logDirectory: "/runs/x/patch/web-02"),
            ],
            rollbackProof: RollbackProof(
                proven: false,
                reasons: rollbackDiff.lines.map { "web-01: \($0)" }
                    + ["WEB-002 on web-01: passed at baseline, failed after rollback"],
                fingerprintDiffs: [rollbackDiff], machines: ["web-01", "web-02"]),
            patchedMachines: ["web-01", "web-02"], runDirectory: "/runs/x", ranBy: "bob@lab-host", host: "lab-host.example.com")
        return PacketOverview(
            result: result, lab: lab(),
            patchFiles: [
                PatchFileRecord(
                    name: "nginx-light_1.22.1-9+deb12u11_all.deb",
                    destination: "/var/tmp/patchlab/CHG-0042/nginx-light_1.22.1-9+deb12u11_all.deb",
                    sha256: digest, size: 1_234_567)
            ],
            files: files, toolVersion: "0.4.0", createdAt: start.addingTimeInterval(700), signerKeyID: "ed25519:ab12cd34")
    }

    /// The same change rehearsed cleanly: GO, rollback proven.
    public static func go() -> PacketOverview {
        var overview = noGo(guestOutput: "ok\n")
        overview.result.verdict = .go
        overview.result.reasons = []
        overview.result.planRuns = [
            .baseline: [SampleRuns.baseline()],
            .postPatch: [run(SampleRuns.baseline(), phase: .postPatch)],
            .postRollback: [run(SampleRuns.baseline(), phase: .postRollback)],
            .rollbackVerify: [smoke()],
        ]
        overview.result.patchOutcomes = overview.result.patchOutcomes.map { outcome in
            var outcome = outcome
            outcome.succeeded = true
            outcome.exitCode = 0
            outcome.timedOut = false
            outcome.message = nil
            return outcome
        }
        overview.result.rollbackProof = RollbackProof(proven: true, reasons: [], machines: ["web-01", "web-02"])
        return overview
    }

    /// The clean rehearsal on a lab over two hosts: web-01 on this machine's libvirt, web-02 placed by
    /// `host: auto` on rack-2, each host with its own versions in `lab/environment.json`.
    public static func twoHosts() -> PacketOverview {
        var overview = go()
        let rack2 = "qemu+tcp://rack-2.example.com/system"
        var lab = lab()
        lab.hosts.append(LabHost(name: "rack-2", uri: rack2, maxMachines: 4, location: .start(of: "labs/demo.yaml")))
        lab.machines[0].host = LabHost.automatic
        overview.lab = lab
        func machine(_ name: String, host: String, uri: String) -> LabEnvironmentRecord.Machine {
            LabEnvironmentRecord.Machine(
                name: name, mirrors: "prod-\(name).example.com", role: "web", criticality: "low",
                domain: "pl-demo-ab12cd-\(name)", virtType: "qemu", image: "debian-12",
                imageSHA256: digest, host: host, hostURI: uri)
        }
        overview.environment = LabEnvironmentRecord(
            harnessHost: "lab-host.example.com", labPrefix: "pl-demo-ab12cd",
            hosts: [
                LabEnvironmentRecord.Host(
                    name: "local", uri: "qemu:///system", hostname: "lab-host",
                    libvirtVersion: "9.0.0", hypervisorVersion: "7.2.22"),
                LabEnvironmentRecord.Host(
                    name: "rack-2", uri: rack2, hostname: "rack-2",
                    libvirtVersion: "9.5.0", hypervisorVersion: "8.1.3"),
            ],
            machines: [machine("web-02", host: "rack-2", uri: rack2), machine("web-01", host: "local", uri: "qemu:///system")])
        return overview
    }

    public static func with(verdict: Verdict) -> PacketOverview {
        var overview = verdict == .go ? go() : noGo()
        overview.result.verdict = verdict
        return overview
    }
}
