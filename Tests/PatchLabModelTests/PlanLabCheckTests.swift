import Foundation
import Testing
@testable import PatchLabModel

/// `check(against:)`: every `on:` target must exist in the lab, reported where it is written.
@Suite struct PlanLabCheckTests {
    @Test func knownMachinesAndRolesPass() throws {
        let plan = try parsePlan(planWithCases(oneCase("    on: [web-01, \"role:db\"]")))
        let lab = try threeMachineLab()
        #expect(plan.check(against: lab).isEmpty)
        #expect(plan.cases[0].machines(in: lab).map(\.name) == ["web-01", "db-01"])
    }

    @Test func unknownMachineIsReportedAtItsPlaceWithASuggestion() throws {
        let plan = try parsePlan(planWithCases(oneCase("    on: [web-01, web-03]")))
        #expect(
            plan.check(against: try threeMachineLab()).map(\.description) == [
                "t.yaml:13:18: error: unknown machine 'web-03' in 'on' of case T-001; expected one of the machines of lab 't': "
                    + "web-01, web-02, db-01; did you mean 'web-01'?"
            ])
    }

    @Test func unknownRoleInTheDefaultsIsReportedAtTheDefaults() throws {
        let plan = try parsePlan(planWithCases(oneCase(), defaults: #"{on: "role:wbe"}"#))
        #expect(
            plan.check(against: try threeMachineLab()).map(\.description) == [
                "t.yaml:6:16: error: unknown role 'wbe' in 'on' of case T-001; expected one of the roles of lab 't': web, db; "
                    + "did you mean 'web'?"
            ])
    }

    @Test func machinesFollowLabOrderOnce() throws {
        let plan = try parsePlan(planWithCases(oneCase("    on: [web-02, \"role:web\"]")))
        #expect(plan.cases[0].machines(in: try threeMachineLab()).map(\.name) == ["web-01", "web-02"])
    }
}
