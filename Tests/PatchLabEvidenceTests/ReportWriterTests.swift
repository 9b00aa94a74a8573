import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct ReportWriterTests {
    @Test func writesTheFourReportsAndReturnsTheirPaths() throws {
        let scratch = try TemporaryDirectory("reports")
        let directory = scratch.path("nested/out")
        let runs = SampleRuns.all()

        let paths = try ReportWriter.write(runs, to: directory)

        #expect(paths == ["results.xml", "results.json", "report.md", "report.html"].map { directory + "/" + $0 })
        let read = { (index: Int) in try String(contentsOfFile: paths[index], encoding: .utf8) }
        #expect(try read(0) == JUnitReport.render(runs))
        #expect(try Data(contentsOf: URL(fileURLWithPath: paths[1])) == JSONReport.render(runs))
        #expect(try read(2) == MarkdownReport.render(runs))
        #expect(try read(3) == HTMLReport.render(runs))
    }

    @Test func anUnwritableDirectoryThrowsAndWritesNothing() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-file-\(UUID().uuidString)")
        try Data("not a directory".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: (any Error).self) { try ReportWriter.write(SampleRuns.all(), to: file.path + "/out") }
    }

    @Test func aRunThatCannotBeWrittenAsJSONLeavesNoFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-nan-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var run = SampleRuns.postPatch()
        run.results[0].durationSeconds = .infinity
        #expect(throws: EncodingError.self) { try ReportWriter.write([run], to: directory) }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
