import Foundation
import Testing
@testable import PatchLabModel

/// Every input of ``HostileCorpus`` through the real loaders, from disk.
@Suite(.serialized) struct HostileCorpusTests {
    /// For each input: it is refused with a `ModelError` whose every diagnostic is at a
    /// file:line:column in the right file (and, when the entry says so, mentions its text and is on
    /// its line), or it is valid and accepted. Either way within a second of CPU and 200 MiB (see
    /// ``ResourceGuard`` for how both are measured), with a 10 s wall-clock guard against hangs.
    @Test func everyHostileInputIsRefusedAtItsPlaceOrIsValid() throws {
        let workspace = try LoaderWorkspace()
        try workspace.prepareSpecialFiles()
        let entries = HostileCorpus.entries()
        #expect(entries.count >= 500)
        for kind in LoaderKind.allCases {
            #expect(entries.filter { $0.kind == kind }.count >= 100, "too few \(kind) inputs")
        }
        var worstCPU = (seconds: 0.0, name: ""), worstMemory = (mebibytes: 0.0, name: "")
        for entry in entries {
            let path = workspace.inputPath(entry.kind)
            try entry.bytes.write(to: URL(fileURLWithPath: path))
            let kind = entry.kind
            let load = GuardedLoad.run(wallLimit: 10) { try LoaderWorkspace.load(kind, path) }
            ResourceGuard.expectWithinLimits(load.measurement, entry.name)
            if load.measurement.cpuSeconds > worstCPU.seconds { worstCPU = (load.measurement.cpuSeconds, entry.name) }
            if load.measurement.peakGrowthMiB > worstMemory.mebibytes { worstMemory = (load.measurement.peakGrowthMiB, entry.name) }
            guard load.measurement.finished else { continue }
            check(entry, load, inputPath: path, workspace: workspace)
        }
        print(
            "hostile corpus: \(entries.count) inputs; most CPU \(String(format: "%.3f", worstCPU.seconds)) s (\(worstCPU.name)); "
                + "most memory \(Int(worstMemory.mebibytes)) MiB (\(worstMemory.name)); memory by \(ResourceGuard.memoryMethod)")
    }

    private func check(_ entry: CorpusEntry, _ load: GuardedLoad, inputPath: String, workspace: LoaderWorkspace) {
        switch entry.expectation {
        case .accept:
            #expect(load.accepted, "\(entry.name): expected it to load, got:\n\(load.errorText)")
        case let .reject(mentions, line, file):
            guard let diagnostics = load.diagnostics, !load.accepted else {
                Issue.record("\(entry.name): expected a ModelError, got: \(load.errorText)")
                return
            }
            let errors = diagnostics.filter { $0.severity == .error }
            #expect(!errors.isEmpty, "\(entry.name): a ModelError without errors")
            let expectedFile = file.map(workspace.path) ?? inputPath
            for diagnostic in diagnostics {
                #expect(
                    diagnostic.location.line >= 1 && diagnostic.location.column >= 1
                        && diagnostic.location.file == expectedFile,
                    "\(entry.name): expected file:line:column in \(expectedFile), got \(diagnostic)")
            }
            if let mentions {
                #expect(
                    errors.contains { $0.message.contains(mentions) },
                    "\(entry.name): no error mentions '\(mentions)':\n\(load.errorText)")
            }
            if let line {
                #expect(errors.contains { $0.location.line == line }, "\(entry.name): no error on line \(line):\n\(load.errorText)")
            }
        }
    }
}
