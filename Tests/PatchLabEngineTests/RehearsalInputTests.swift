import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// A rehearsal refuses bad input before it touches anything.
@Suite struct RehearsalInputTests {
    func write(_ t: TestLab, digest: String) throws -> String {
        let lab = try t.lab()
        let patchFile = t.home + "/fix.conf"
        try "server_tokens off;\n".write(toFile: patchFile, atomically: true, encoding: .utf8)
        try t.writePlan()
        let change = t.home + "/CHG-0009.yaml"
        try """
        change: CHG-0009
        title: test change
        type: normal
        reason: test
        risk: low
        lab: \(lab.file)
        plans: [plan.yaml]
        patch:
          description: a conf file
          files:
            - source: fix.conf
              sha256: \(digest)
              destination: /etc/nginx/conf.d/fix.conf
          install: "true"
        """.write(toFile: change, atomically: true, encoding: .utf8)
        return change
    }

    @Test func patchFileWithTheWrongDigestIsRefusedBeforeAnythingIsTouched() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let change = try write(t, digest: String(repeating: "0", count: 64))
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        let store = try RunStore(environment: t.environment)
        do {
            _ = try await Rehearsal(provisioner: provisioner, store: store).run(try RehearsalInputs.load(change))
            Issue.record("a wrong digest must stop the rehearsal")
        } catch let error as ModelError {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.location.file == change)
            #expect(diagnostic.location.line == 12, "points at the sha256 line")
            #expect(diagnostic.message.contains("fix.conf") && diagnostic.message.contains("expected 0000"))
        }
        #expect(try provisioner.state(of: t.name) == nil, "no lab was brought up")
        #expect(try store.runs().isEmpty, "no run was even started")
        #expect(try await TestLab.objects(named: "pl-\(t.name)-").isEmpty)
    }

    @Test func correctDigestPassesPreparation() throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let digest = try FileDigest.sha256(
            ofFile: {
                _ = try? write(t, digest: "x"); return t.home + "/fix.conf"
            }())
        let change = try write(t, digest: digest)
        let inputs = try RehearsalInputs.load(change)
        #expect(inputs.change.id == "CHG-0009")
        #expect(inputs.lab.name == t.name)
        #expect(inputs.plans.map(\.id) == ["P"])
    }

    @Test func aReducedPlanIsRefusedForAChangeThatIsNotAnEmergency() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let digest = try FileDigest.sha256(
            ofFile: {
                _ = try? write(t, digest: "x"); return t.home + "/fix.conf"
            }())
        let change = try write(t, digest: digest)
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        let store = try RunStore(environment: t.environment)
        await #expect(throws: ModelError.self) {
            _ = try await Rehearsal(provisioner: provisioner, store: store).run(
                try RehearsalInputs.load(change, reducedPlan: true),
                options: RehearsalOptions(reducedPlan: true))
        }
        #expect(try provisioner.state(of: t.name) == nil, "no lab was brought up")
        #expect(try store.runs().isEmpty, "no run was started")
    }
}
