import Foundation
import Testing
@testable import PatchLabModel

/// Every rule of the change file, each reported once at its file:line:column with what was expected
/// and what was found.
@Suite struct ChangeValidationTests {
    @Test func unknownKeysWithDidYouMean() {
        expectChangeError(
            changeText(top: "risks: high"), at: "15:1",
            mentions: ["unknown key 'risks' in change", "expected one of: change, title", "did you mean 'risk'?"])
        expectChangeError(
            changeText(patchExtra: "  timeuot: 5m"), at: "14:3",
            mentions: ["unknown key 'timeuot' in patch", "did you mean 'timeout'?"])
        expectChangeError(
            changeText(top: "deployment: {order: phased, machine: [web-01]}"), at: "15:29",
            mentions: ["unknown key 'machine' in deployment", "did you mean 'machines'?"])
        expectChangeError(
            changeText(top: "rollback: {strategy: snapshot, verify: []}"), at: "15:32",
            mentions: ["unknown key 'verify' in rollback"])
        expectChangeError(
            changeText(top: "fingerprint: {package: true}"), at: "15:15",
            mentions: ["unknown key 'package' in fingerprint", "did you mean 'packages'?"])
    }

    @Test func wrongTypes() {
        expectChangeError(changeText(plans: "{web: yes}"), at: "7:8", mentions: ["expected a string for 'plans', found a mapping"])
        expectChangeError(
            changeText(top: "fingerprint: {ports: maybe}"), at: "15:22",
            mentions: ["expected true or false for 'ports', found 'maybe'"])
        expectChangeError(
            changeText(top: "deployment: [phased]"), at: "15:13",
            mentions: ["expected a mapping with keys order, machines for 'deployment', found a list"])
        expectChangeError(
            changeText(patchExtra: "  sha256_file: [a, b]"), at: "14:16",
            mentions: ["expected a string for 'sha256_file', found a list"])
        expectChangeError(
            changeText(top: "requested_by: [a]"), at: "15:15",
            mentions: ["expected a string for 'requested_by', found a list"])
    }

    @Test func missingRequiredKeys() {
        let text = changeText().replacingOccurrences(of: "reason: Testing\n", with: "")
        expectChangeError(text, at: "1:1", mentions: ["missing required key 'reason' in change"])
        let noInstall = changeText().replacingOccurrences(of: "  install: \"dpkg -i /var/tmp/patchlab/CHG-0001/a.deb\"\n", with: "")
        expectChangeError(noInstall, at: "9:3", mentions: ["missing required key 'install' in patch"])
    }

    @Test func badChangeID() {
        for id in ["chg-1", "CHG0001", "CHG-", "1CHG-1", "CHG-01A", "CHG-1-2"] {
            expectChangeError(
                changeText(id: id), at: "1:9",
                mentions: ["invalid value '\(id)' for 'change'", "such as CHG-0001"])
        }
        #expect(ChangeNameRules.isValidID("CHG-0001"))
        #expect(ChangeNameRules.isValidID("OPS2-7"))
    }

    @Test func unknownEnumerationValues() {
        expectChangeError(
            changeText(type: "norml"), at: "3:7",
            mentions: [
                "unknown value 'norml' for 'type'; expected one of: normal, standard, emergency",
                "did you mean 'normal'?",
            ])
        expectChangeError(
            changeText(risk: "critical"), at: "5:7",
            mentions: ["unknown value 'critical' for 'risk'; expected one of: low, medium, high"])
        expectChangeError(
            changeText(top: "deployment: {order: phase}"), at: "15:21",
            mentions: ["expected one of: phased, all-at-once", "did you mean 'phased'?"])
        expectChangeError(
            changeText(top: "rollback: {strategy: reinstall}"), at: "15:22",
            mentions: ["unknown value 'reinstall' for 'strategy'; expected one of: snapshot"])
    }

    @Test func missingLabAndPlanFilesAreReportedAtTheirPaths() {
        expectChangeError(
            changeText(lab: "../labs/nope.yaml"), at: "6:6",
            mentions: [
                "lab file '../labs/nope.yaml' not found (/x/labs/nope.yaml)",
                "relative to the change file's folder",
            ])
        expectChangeError(
            changeText(plans: "[../testplans/web.yaml, ../testplans/nope.yaml]"), at: "7:32",
            mentions: ["test plan '../testplans/nope.yaml' not found (/x/testplans/nope.yaml)"])
        expectChangeError(
            changeText(top: "rollback: {verify_plans: [verify.yaml]}"), at: "15:27",
            mentions: ["test plan 'verify.yaml' not found (/x/changes/verify.yaml)"])
    }

    @Test func plansMustBeListedAndOnce() {
        expectChangeError(
            changeText(plans: "[]"), at: "7:8",
            mentions: ["expected at least one test plan in 'plans', found an empty list"])
        expectChangeError(
            changeText(plans: "[../testplans/web.yaml, ../testplans/../testplans/web.yaml]"), at: "7:32",
            mentions: ["test plan '../testplans/../testplans/web.yaml' listed twice (first at line 7)"])
    }

    @Test func acceptedBaselineFailuresAreCaseIDs() {
        expectChangeError(
            changeText(top: "accept_baseline_failures: [WEB-001, web-2]"), at: "15:37",
            mentions: ["invalid value 'web-2' for item 2 of 'accept_baseline_failures'", "upper-case"])
        expectChangeError(
            changeText(top: "accept_baseline_failures: [WEB-001, WEB-001]"), at: "15:37",
            mentions: ["case 'WEB-001' listed twice"])
    }

    @Test func emptyInstallCommand() {
        expectChangeError(
            changeText(install: #""""#), at: "13:12",
            mentions: ["expected a command for 'install' (a shell string or a list of arguments), found ''"])
        expectChangeError(changeText(install: #""   ""#), at: "13:12", mentions: ["expected a command for 'install'"])
        expectChangeError(changeText(install: "[]"), at: "13:12", mentions: ["found an empty list"])
        expectChangeError(changeText(install: ""), at: "13:11", mentions: ["found nothing"])
        expectChangeError(
            changeText(install: #"["", -i]"#), at: "13:12",
            mentions: ["expected a program as the first item of 'install', found an empty string"])
    }

    @Test func badDuration() {
        expectChangeError(
            changeText(patchExtra: "  timeout: soon"), at: "14:12",
            mentions: ["invalid duration 'soon' for 'timeout'", "such as 500ms, 30s"])
        expectChangeError(
            changeText(patchExtra: "  timeout: 500ms"), at: "14:12",
            mentions: ["'timeout' too short; expected at least 1s"])
    }

    @Test func badDeploymentMachinesAndGuestPaths() {
        expectChangeError(
            changeText(top: "deployment: {machines: [web-01, Web_2]}"), at: "15:33",
            mentions: ["invalid machine or role 'Web_2'"])
        expectChangeError(
            changeText(top: "deployment: {machines: []}"), at: "15:24",
            mentions: ["expected at least one machine name or role:ROLE"])
        expectChangeError(
            changeText(top: "fingerprint: {watch: [etc]}"), at: "15:23",
            mentions: ["invalid value 'etc' for item 1 of 'watch'; expected an absolute guest path"])
        expectChangeError(
            changeText(top: "fingerprint: {ignore: [/etc/hostname, tmp/]}"), at: "15:39",
            mentions: ["invalid value 'tmp/' for item 2 of 'ignore'"])
    }

    @Test func everyProblemAtOnceAndNothingHalfDone() {
        let text = """
            change: chg-1
            title: Many problems
            type: urgent
            reason: Testing
            risk: low
            lab: ../labs/missing.yaml
            plans: [../testplans/web.yaml]
            patch:
              description: A patch
              files:
                - source: files/a.deb
              install: ""
              timeout: forever
            deployment: {order: sideways}
            """
        let diagnostics = changeDiagnostics(text)
        #expect(
            diagnostics.map(\.location.description) == [
                "\(changeFile):1:9", "\(changeFile):3:7", "\(changeFile):6:6", "\(changeFile):11:15",
                "\(changeFile):12:12", "\(changeFile):13:12", "\(changeFile):14:21",
            ], "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(ModelError(diagnostics).description.split(separator: "\n").count == 7)
    }

    @Test func syntaxErrorsAndEmptyDocuments() {
        let syntax = changeDiagnostics("change: CHG-1\ntitle: [unclosed\n")
        #expect(syntax.count == 1)
        #expect(syntax.first?.message.hasPrefix("invalid YAML") == true, "\(syntax)")
        expectChangeError("", at: "1:1", mentions: ["empty document; expected a change"])
        expectChangeError("- a list", at: "1:1", mentions: ["expected a mapping"])
    }

    @Test func loadReportsAnUnreadableFile() {
        #expect {
            try Change.load(contentsOf: "/nonexistent/patchlab/change.yaml")
        } throws: { error in
            let error = error as? ModelError
            return error?.diagnostics.first?.location.description == "/nonexistent/patchlab/change.yaml"
                && error?.diagnostics.first?.message.contains("cannot read change file") == true
        }
    }
}
