import Foundation
import Testing
@testable import PatchLabModel

/// Deployment order on a lab with web-01 (pilot), web-02 (critical) and db-01 (high), and the check
/// that the deployment's machines exist.
@Suite struct DeploymentOrderTests {
    func change(_ deployment: String) throws -> Change {
        try parseChange(changeText(top: deployment))
    }

    @Test func phasedGoesLeastCriticalFirst() throws {
        let lab = try threeMachineLab()
        #expect(try change("").deploymentOrder(in: lab).map(\.name) == ["web-01", "db-01", "web-02"])
        #expect(try change("deployment: {order: phased}").deploymentOrder(in: lab).map(\.name) == ["web-01", "db-01", "web-02"])
    }

    @Test func phasedKeepsLabOrderWithinACriticality() throws {
        let lab = try Lab.parse(
            yaml: """
                lab: t
                description: test lab
                machines:
                  - {name: b, role: web, mirrors: p1, image: debian-12, criticality: low}
                  - {name: a, role: web, mirrors: p2, image: debian-12, criticality: low}
                  - {name: c, role: web, mirrors: p3, image: debian-12, criticality: pilot}
                """, file: "lab.yaml")
        #expect(try change("").deploymentOrder(in: lab).map(\.name) == ["c", "b", "a"])
    }

    @Test func allAtOnceKeepsLabOrder() throws {
        let lab = try threeMachineLab()
        #expect(try change("deployment: {order: all-at-once}").deploymentOrder(in: lab).map(\.name) == ["web-01", "web-02", "db-01"])
    }

    @Test func aSubsetKeepsTheOrderOfItsKind() throws {
        let lab = try threeMachineLab()
        #expect(try change("deployment: {machines: [\"role:web\"]}").deploymentOrder(in: lab).map(\.name) == ["web-01", "web-02"])
        #expect(try change("deployment: {machines: [web-02, db-01]}").deploymentOrder(in: lab).map(\.name) == ["db-01", "web-02"])
        #expect(
            try change("deployment: {order: all-at-once, machines: [db-01, web-02]}").deploymentOrder(in: lab).map(\.name)
                == ["web-02", "db-01"])
        // A machine picked twice (by name and by role) is deployed once.
        #expect(
            try change("deployment: {machines: [web-01, \"role:web\"]}").deploymentOrder(in: lab).map(\.name)
                == ["web-01", "web-02"])
    }

    @Test func checkReportsMachinesAndRolesTheLabLacks() throws {
        let lab = try threeMachineLab()
        #expect(try change("deployment: {machines: [web-01, \"role:db\"]}").check(against: lab).isEmpty)
        let diagnostics = try change("deployment: {machines: [web-03, \"role:dns\"]}").check(against: lab)
        #expect(diagnostics.map(\.location.description) == ["\(changeFile):15:25", "\(changeFile):15:33"])
        #expect(
            diagnostics[0].message == "unknown machine 'web-03' in deployment 'machines'; expected one of the machines "
                + "of lab 't': web-01, web-02, db-01; did you mean 'web-01'?")
        #expect(diagnostics[1].message == "unknown role 'dns' in deployment 'machines'; expected one of the roles of lab 't': web, db")
    }

    @Test func checkReportsAcceptedFailuresNoPlanHas() throws {
        let plan = try parsePlan(planWithCases(oneCase()))
        let accepted = try change("accept_baseline_failures: [T-001, T-002]")
        let diagnostics = accepted.check(against: [plan])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.description == "\(changeFile):15:35")
        #expect(diagnostics.first?.message.contains("unknown case 'T-002' in 'accept_baseline_failures'") == true)
        #expect(diagnostics.first?.message.contains("did you mean 'T-001'?") == true)
    }
}
