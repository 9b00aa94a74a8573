import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// The rehearsal's fidelity to production, on the test driver with the fake guest side: each
/// target's baseline against the capture of the host it mirrors, recorded in the result and the
/// run store, and what a change's `fidelity:` demand makes of the verdict.
@Suite struct RehearsalFidelityTests {
    typealias Rig = RehearsalSessionTests.Rig

    /// web-01's capture: nginx-light at another version than the lab's, and one more package.
    static func capture(nginxLight: String = "1.22.1-9+deb12u3") -> ProductionRecord {
        ProductionRecord(
            name: "prod-web-01", host: "root@prod-web-01.example.com", capturedAt: Date(timeIntervalSince1970: 1_800_000_000),
            capturedBy: "root", capturedOn: "harness", method: .ssh,
            hostKey: "ssh-ed25519 SHA256:2EkzL5Rpd1zy31Tc2V4Z0iniz4qAQkjkm6CLluUR81Y",
            probeSHA256: String(repeating: "a", count: 64), spec: FingerprintSpec(origins: true),
            fingerprint: Fingerprint(
                machine: "prod-web-01", packages: ["nginx-light": nginxLight, "curl": "7.88.1-10+deb12u14"],
                services: ["nginx.service": ServiceStatus(active: "active", enabled: "enabled")],
                ports: ["tcp/80"]))
    }

    /// Baseline and post-rollback fingerprints equal (the rollback is proven); the post-patch one has
    /// nginx-light upgraded, so the patch's diff names it.
    static func answer(_ counter: Counter) -> @Sendable (String, [String]) async -> GuestExecResult? {
        { machine, argv in
            guard argv.first == "/bin/sh", argv.last?.contains("PatchLab fingerprint probe") == true else { return nil }
            let version = counter.next(machine) == 2 ? "1.22.1-9+deb12u11" : "1.22.1-9+deb12u9"
            return GuestExecResult(
                exitCode: 0, stdout: Data("package nginx-light \(version)\nport tcp 80\nservice nginx.service active enabled\n".utf8))
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func next(_ machine: String) -> Int {
            lock.withLock {
                counts[machine, default: 0] += 1; return counts[machine]!
            }
        }
    }

    @Test func withoutDemandADifferentStartWarnsAndTheScoreIsRecorded() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        try ProductionStore(directory: rig.lab.home + "/production").save(Self.capture())
        let events = RehearsalSessionTests.EventLog()
        let result = try await rig.rehearse(Self.answer(Counter()), events: events)
        #expect(result.verdict == .goWithWarnings, "\(result.reasons)")
        #expect(
            result.reasons == ["web-01: the lab tested the upgrade of nginx-light from 1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3"])
        let fidelity = try #require(result.fidelity)
        #expect(fidelity.machines.map(\.machine) == ["web-01", "web-02"])
        let web01 = fidelity.machines[0]
        #expect(web01.production?.name == "prod-web-01")
        #expect(web01.production?.hostKey == "ssh-ed25519 SHA256:2EkzL5Rpd1zy31Tc2V4Z0iniz4qAQkjkm6CLluUR81Y")
        #expect(web01.dimension(.packages).map { ($0.same, $0.different, $0.missingInLab, $0.onlyInLab) } ?? (0, 0, 0, 0) == (0, 1, 1, 0))
        #expect(web01.dimension(.services)?.computedScore == 1 && web01.dimension(.ports)?.computedScore == 1)
        // packages 0 (0.35), services 1 (0.20), ports 1 (0.10), files 1 (0.20: both watch /etc, neither
        // has a file there); no system facts from the fake guest, so that dimension is left out.
        #expect(abs((web01.computedScore ?? 0) - 0.50 / 0.85) < 1e-12)
        #expect(web01.startVersions == [StartVersion(package: "nginx-light", lab: "1.22.1-9+deb12u9", production: "1.22.1-9+deb12u3")])
        #expect(fidelity.machines[1].notMeasured?.contains("no production capture of prod-web-02.example.com") == true)
        #expect(events.notes.contains("fidelity of web-01 to prod-web-01: 0.59"))
        // The run store keeps it with the rest of the result.
        let details = try #require(try RunStore(environment: rig.lab.environment).run(id: result.runID)?.details)
        let stored = try RunStore.decoder.decode(RehearsalResult.self, from: Data(details.utf8))
        #expect(stored.fidelity == result.fidelity)
        #expect(stored.recomputedVerdict() == .goWithWarnings)
        try await rig.expectNothingLeft()
    }

    @Test func aDemandTheLabDoesNotMeetIsNoGo() async throws {
        let rig = try Rig(extra: "fidelity: {min: 0.9, same_start_versions: true}")
        defer { rig.lab.cleanUp() }
        try ProductionStore(directory: rig.lab.home + "/production").save(Self.capture())
        let result = try await rig.rehearse(Self.answer(Counter()))
        #expect(result.verdict == .noGo)
        #expect(
            result.reasons == [
                "the lab does not mirror production: fidelity not measured for web-02 (no production capture of prod-web-02.example.com "
                    + "(looked for prod-web-02.example.com.json or prod-web-02.json in \(rig.lab.home)/production))",
                "the lab does not mirror production: web-01 scores 0.59 against prod-web-01, below the 0.90 the change demands",
                "the lab does not mirror production: on web-01 the lab tested the upgrade of nginx-light from 1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3",
            ])
        #expect(result.rollbackProof?.proven == true, "the rest of the rehearsal ran as usual")
        #expect(result.recomputedVerdict() == .noGo)
        try await rig.expectNothingLeft()
    }

    /// No capture anywhere: nothing is measured and, without a demand, the verdict is untouched.
    @Test func withoutCapturesFidelityIsNotMeasured() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse(Self.answer(Counter()), productionDirectory: rig.lab.home + "/none")
        #expect(result.verdict == .go, "\(result.reasons)")
        #expect(result.fidelity?.isMeasured == false)
        #expect(result.fidelity?.machines.count == 2)
        try await rig.expectNothingLeft()
    }

    /// A capture file that is not a sound record stops the rehearsal before the lab is touched.
    @Test func anUnsoundCaptureStopsBeforeTheLab() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        try FileManager.default.createDirectory(atPath: rig.lab.home + "/production", withIntermediateDirectories: true)
        try Data("{\"format\": \"patchlab.production/v1\"}".utf8).write(
            to: URL(fileURLWithPath: rig.lab.home + "/production/prod-web-01.json"))
        await #expect(throws: ProductionRecordError.self) { try await rig.rehearse(Self.answer(Counter())) }
        #expect(rig.log.commands(ofMachine: "web-01").isEmpty, "no guest was asked anything")
        try await rig.expectNothingLeft()
    }
}
