import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct JSONReportTests {
    let runs = SampleRuns.all()

    @Test func decodesBackToTheSameRuns() throws {
        let data = try JSONReport.render(runs)
        let document = try JSONReport.decode(data)
        #expect(document.schema == "https://patchlab.dev/schemas/plan-run/v1")
        #expect(document.runs.map(\.result) == runs)
        #expect(document.verdict == .noGo)
        #expect(document.counts == [.passed: 3, .failed: 1, .error: 1, .skipped: 1, .waived: 1, .timedOut: 1])
        #expect(document.durationSeconds == 52.5)
        #expect(document.startedAt == SampleRuns.start.addingTimeInterval(-60))
        // The guest output is kept exactly, NUL and escape codes included: JSON is the faithful record.
        #expect(document.runs[1].result.results[2].stdout == SampleRuns.nasty)
    }

    @Test func writesPerRunCountsVerdictsAndTimes() throws {
        let object = try JSONSerialization.jsonObject(with: JSONReport.render(runs)) as? [String: Any]
        let runs = try #require(object?["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        let post = runs[1]
        #expect(post["verdict"] as? String == "no-go")
        #expect(post["phase"] as? String == "post-patch")
        #expect(post["durationSeconds"] as? Double == 42.5)
        #expect(post["startedAt"] as? String == "2026-01-01T10:00:00.000Z")
        let counts = try #require(post["counts"] as? [String: Int])
        #expect(counts == ["passed": 2, "failed": 1, "error": 1, "skipped": 1, "waived": 1, "timed-out": 1])
        let results = try #require(post["results"] as? [[String: Any]])
        #expect(results.map { $0["state"] as? String } == ["passed", "passed", "failed", "error", "skipped", "waived", "timed-out"])
        #expect(runs[0]["verdict"] as? String == "go")
        #expect(object?["verdict"] as? String == "no-go")
    }

    @Test func isDeterministicWithSortedKeys() throws {
        let first = try JSONReport.render(runs)
        #expect(first == (try JSONReport.render(runs)))
        let text = String(decoding: first, as: UTF8.self)
        let top = ["\"counts\"", "\"durationSeconds\"", "\"runs\"", "\"schema\"", "\"startedAt\"", "\"verdict\""]
            .map { text.range(of: "\n  \($0)")?.lowerBound }
        #expect(top.allSatisfy { $0 != nil })
        #expect(top.compactMap { $0 } == top.compactMap { $0 }.sorted())
        // Control characters are JSON escapes, never raw bytes.
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("\\u001b[31mred"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func theSchemaIsBundledAndNamesItsID() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: JSONReport.schemaURL)) as? [String: Any]
        #expect(schema?["$id"] as? String == JSONReport.schemaID)
        #expect(schema?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema?["additionalProperties"] as? Bool == false)
    }

    enum Scenario: String, CaseIterable, Sendable {
        case noRuns, oneWarningRun, baselineAndPostPatch

        var runs: [PlanRunResult] {
            switch self {
            case .noRuns: return []
            case .oneWarningRun: return [SampleRuns.warnings()]
            case .baselineAndPostPatch: return SampleRuns.all()
            }
        }
    }

    @Test(arguments: Scenario.allCases)
    func realOutputFollowsTheSchema(_ scenario: Scenario) throws {
        let verdict = try SchemaValidator.validate(JSONReport.render(scenario.runs))
        #expect(verdict.valid, "\(verdict.errors)")
    }

    /// Each breaks the real document in one way the schema must catch: so the validation above can fail.
    enum Breakage: String, CaseIterable, Sendable {
        case unknownState, unknownVerdict, unknownSeverity, missingCount, extraField, extraResultField,
            otherSchema, timeWithOffset, missingStdout, negativeDuration

        func apply(to document: inout [String: Any]) {
            switch self {
            case .unknownState: setResult(&document, key: "state", value: "exploded")
            case .unknownVerdict: document["verdict"] = "maybe"
            case .unknownSeverity: setResult(&document, key: "severity", value: "blocker")
            case .missingCount:
                var counts = document["counts"] as! [String: Any]
                counts["timed-out"] = nil
                document["counts"] = counts
            case .extraField: document["extra"] = true
            case .extraResultField: setResult(&document, key: "colour", value: "red")
            case .otherSchema: document["schema"] = "https://patchlab.dev/schemas/plan-run/v2"
            case .timeWithOffset: document["startedAt"] = "2026-01-01T10:00:00+01:00"
            case .missingStdout: setResult(&document, key: "stdout", value: nil)
            case .negativeDuration: setResult(&document, key: "durationSeconds", value: -1)
            }
        }
    }

    @Test(arguments: Breakage.allCases)
    func brokenDocumentsAreRejected(_ breakage: Breakage) throws {
        var document = try #require(JSONSerialization.jsonObject(with: JSONReport.render(runs)) as? [String: Any])
        breakage.apply(to: &document)
        let verdict = try SchemaValidator.validate(JSONSerialization.data(withJSONObject: document))
        #expect(!verdict.valid, "\(breakage) was accepted")
        #expect(!verdict.errors.isEmpty)
    }

    @Test func refusesADocumentOfAnotherSchema() throws {
        let text = String(decoding: try JSONReport.render(runs), as: UTF8.self)
            .replacingOccurrences(of: "plan-run/v1", with: "plan-run/v9")
        #expect(throws: DecodingError.self) { try JSONReport.decode(Data(text.utf8)) }
    }

    @Test func aNaNDurationIsAnErrorNotAFile() {
        var run = SampleRuns.postPatch()
        run.results[0].durationSeconds = .nan
        #expect(throws: EncodingError.self) { try JSONReport.render([run]) }
    }
}

/// Sets (or removes, with nil) a key of the third result of the second run: the failed one.
private func setResult(_ document: inout [String: Any], key: String, value: Any?) {
    var runs = document["runs"] as! [[String: Any]]
    var results = runs[1]["results"] as! [[String: Any]]
    results[2][key] = value
    runs[1]["results"] = results
    document["runs"] = runs
}
