import Foundation
import Testing
@testable import PatchLabModel

@Suite struct LabQueriesTests {
    func machine(_ name: String, _ role: String, _ criticality: Criticality) -> Machine {
        Machine(name: name, role: role, mirrors: "prod-\(name)", image: .named("debian-12"), criticality: criticality)
    }

    var lab: Lab {
        Lab(
            name: "t", description: "d", hosts: [.defaultLocal(file: "t.yaml")],
            machines: [
                machine("db-01", "db", .critical),
                machine("web-01", "web", .medium),
                machine("canary", "web", .pilot),
                machine("web-02", "web", .medium),
                machine("cache-01", "cache", .low),
                machine("db-02", "db", .high),
            ], file: "t.yaml")
    }

    @Test func phasedOrderGoesFromLeastToMostCriticalKeepingFileOrderWithinAPhase() {
        #expect(lab.phasedOrder.map(\.name) == ["canary", "cache-01", "web-01", "web-02", "db-02", "db-01"])
    }

    @Test func machinesWithRoleKeepFileOrder() {
        #expect(lab.machines(withRole: "web").map(\.name) == ["web-01", "canary", "web-02"])
        #expect(lab.machines(withRole: "mail").isEmpty)
    }

    @Test func machineNamedFindsOnlyExactNames() {
        #expect(lab.machine(named: "db-02")?.criticality == .high)
        #expect(lab.machine(named: "db") == nil)
    }

    @Test func criticalityOrderIsTheRollOutOrder() {
        #expect(Criticality.allCases.sorted() == [.pilot, .low, .medium, .high, .critical])
        #expect(Criticality.pilot < .low)
        #expect(Criticality.high < .critical)
        #expect(!(Criticality.critical < .medium))
    }

    @Test func imageReferenceDistinguishesNamesFromPaths() {
        #expect(ImageReference("debian-12") == .named("debian-12"))
        #expect(ImageReference("images/base") == .path("images/base"))
        #expect(ImageReference("base.qcow2") == .path("base.qcow2"))
        #expect(ImageReference("/var/lib/libvirt/images/x") == .path("/var/lib/libvirt/images/x"))
    }

    @Test func labRoundTripsThroughCodable() throws {
        let parsed = try Lab.parse(yaml: oneMachineLab(), file: testFile)
        let data = try JSONEncoder().encode(parsed)
        #expect(try JSONDecoder().decode(Lab.self, from: data) == parsed)
    }
}
