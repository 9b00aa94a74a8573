import Testing
@testable import PatchLabModel

/// How problems print, and how another module raises one at a location it kept.
@Suite struct DiagnosticTests {
    @Test func diagnosticPrintsFileLineColumnSeverityAndMessage() {
        let location = FileLocation(file: "labs/demo.yaml", line: 12, column: 5)
        #expect(
            Diagnostic.error("unknown key 'memroy' in machine", at: location).description
                == "labs/demo.yaml:12:5: error: unknown key 'memroy' in machine")
        #expect(Diagnostic(.warning, at: location, "slow").description == "labs/demo.yaml:12:5: warning: slow")
    }

    @Test func wholeFileLocationPrintsThePathAlone() {
        #expect(FileLocation.wholeFile("labs/x.yaml").description == "labs/x.yaml")
    }

    @Test func laterLayersRaiseErrorsAtAKeptLocation() throws {
        let lab = try Lab.parse(yaml: oneMachineLab(), file: "labs/t.yaml")
        let machine = try #require(lab.machines.first)
        // What the engine does when the image is missing on the host.
        let error = ModelError(
            "image '\(machine.image)' not found; expected a golden image built under labs/images/",
            at: machine.locations.image)
        #expect(
            error.description
                == "labs/t.yaml:7:12: error: image 'debian-12' not found; expected a golden image built under labs/images/")
    }

    @Test func modelErrorSortsItsDiagnosticsIntoReadingOrder() {
        let error = ModelError([
            .error("b", at: FileLocation(file: "f", line: 3, column: 1)),
            .error("a", at: FileLocation(file: "f", line: 1, column: 9)),
            .error("c", at: FileLocation(file: "f", line: 3, column: 1)),
        ])
        #expect(error.diagnostics.map(\.message) == ["a", "b", "c"])
        #expect(error.description == "f:1:9: error: a\nf:3:1: error: b\nf:3:1: error: c")
    }

    @Test func readerWithOnlyWarningsDoesNotThrow() throws {
        let reader = YAMLReader(yaml: "a: 1\n", file: "w.yaml")
        reader.report(Diagnostic(.warning, at: .start(of: "w.yaml"), "deprecated"))
        #expect(!reader.hasErrors)
        try reader.finish()
        reader.error("bad", at: .start(of: "w.yaml"))
        #expect(throws: ModelError.self) { try reader.finish() }
    }
}
