import Foundation
import Testing
@testable import PatchLabModel

/// Problems with the lab document as a whole and its top-level keys.
@Suite struct LabDocumentValidationTests {
    @Test func unknownTopLevelKeyIsReportedAtTheKeyWithASuggestion() {
        expectSingleError(
            oneMachineLab(top: "acelerator: tcg"), at: "10:1",
            mentions: [
                "unknown key 'acelerator' in lab",
                "expected one of: lab, description, accelerator, hosts, networks, machines",
                "did you mean 'accelerator'?",
            ])
    }

    @Test func missingRequiredTopLevelKeyIsReportedAtTheDocument() {
        expectSingleError(
            """
            lab: t
            machines:
              - name: web-01
                role: web
                mirrors: prod-web-01.example.com
                image: debian-12
                criticality: pilot
            """, at: "1:1", mentions: ["missing required key 'description' in lab"])
    }

    @Test func missingMachinesIsReported() {
        expectSingleError("lab: t\ndescription: d\n", at: "1:1", mentions: ["missing required key 'machines' in lab"])
    }

    @Test func badLabNameIsReportedAtTheValue() {
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "lab: t\n", with: "lab: Web_Tier\n"),
            at: "1:6",
            mentions: [
                "invalid value 'Web_Tier' for 'lab'",
                "expected lowercase letters, digits and '-', starting with a letter, at most 24 characters",
            ])
    }

    @Test func labNameLongerThan24CharactersIsRefused() {
        let name = String(repeating: "a", count: 25)
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "lab: t\n", with: "lab: \(name)\n"),
            at: "1:6", mentions: ["'\(name)'", "at most 24 characters"])
    }

    @Test func documentThatIsNotAMappingIsRefused() {
        expectSingleError(
            "- web-01\n- web-02\n", at: "1:1",
            mentions: [
                "expected a mapping with keys lab, description", "for the document", "found a list",
            ])
    }

    @Test func scalarDocumentIsRefused() {
        expectSingleError("just some text\n", at: "1:1", mentions: ["expected a mapping", "found 'just some text'"])
    }

    @Test func emptyDocumentIsRefused() {
        expectSingleError("# nothing but a comment\n", at: "1:1", mentions: ["empty document", "expected a lab"])
    }

    @Test func yamlSyntaxErrorKeepsYamsLineAndColumn() {
        // The flow list on line 4 is never closed; libyaml notices at the next key.
        expectSingleError(
            """
            lab: t
            description: d
            machines:
              - name: [web-01
                role: web
            """, at: "5:9", mentions: ["invalid YAML", "did not find expected ',' or ']'", "while parsing a flow sequence"])
    }

    @Test func badIndentationIsASyntaxError() {
        expectSingleError(
            """
            lab: t
            description: d
              machines: []
            """, at: "3:11", mentions: ["invalid YAML", "mapping values are not allowed"])
    }

    @Test func tabIndentationIsASyntaxError() {
        let diagnostics = labDiagnostics("lab: t\ndescription: d\nmachines:\n\t- name: x\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.line == 4)
        #expect(diagnostics.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func duplicateKeyIsReported() {
        expectSingleError(
            """
            lab: t
            description: d
            lab: u
            machines: []
            """, at: "1:1", mentions: ["duplicate key 'lab'", "expected each key at most once"])
    }

    @Test func secondDocumentInTheFileIsRefused() {
        let diagnostics = labDiagnostics(oneMachineLab() + "\n---\nlab: other\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.line == 11)  // the `---` after line 10
        #expect(diagnostics.first?.message.contains("expected a single document") == true)
    }

    @Test func unknownAcceleratorListsTheChoices() {
        expectSingleError(
            oneMachineLab(top: "accelerator: hvf"), at: "10:14",
            mentions: [
                "unknown value 'hvf' for 'accelerator'", "expected one of: auto, kvm, tcg",
            ])
    }

    @Test func emptyMachineListIsRefused() {
        expectSingleError(
            """
            lab: t
            description: d
            machines: []
            """, at: "3:11", mentions: ["expected at least one machine", "found an empty list"])
    }

    @Test func machinesThatAreNotAListAreRefused() {
        expectSingleError(
            """
            lab: t
            description: d
            machines:
              web-01: {}
            """, at: "4:3", mentions: ["expected a list for 'machines'", "found a mapping"])
    }

    @Test func emptyDescriptionIsRefused() {
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "description: test lab", with: "description:"),
            at: "2:13", mentions: ["expected a string for 'description'", "found nothing"])
    }
}
