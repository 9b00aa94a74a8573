import Foundation
import PatchLabModel
import Testing

@testable import PatchLabEngine

/// A capture's copied files go into a matched image as production's: a record whose file content
/// is not what its sha256 says (a hand-edited capture planting a file) is refused before anything
/// is built, naming the file.
@Suite struct ImageMatcherCopiedFileTests {
    @Test(arguments: [("/etc/sudoers", "root ALL=(ALL) NOPASSWD: ALL\n", false), ("/etc/a\n/etc/b", "x\n", true)])
    func aForgedCopiedFileIsRefusedBeforeBuilding(_ path: String, _ content: String, _ honestDigest: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-match-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var record = RehearsalFidelityTests.capture()
        record.fingerprint.system.osID = "debian"
        record.fingerprint.system.osCodename = "bookworm"
        let data = Data(content.utf8)
        let digest = honestDigest ? try FileDigest.sha256(of: data) : String(repeating: "b", count: 64)
        record.copiedFiles = [CopiedFile(path: path, sha256: digest, content: data)]
        let file = try ProductionStore(directory: folder).save(record)

        let matcher = ImageMatcher(environment: EngineEnvironment(home: folder + "/home"))
        #expect {
            try matcher.build(recipe: "debian-12", matching: file)
        } throws: { error in
            let problems = (error as? ProductionRecordError)?.problems ?? []
            return problems.count == 1 && problems[0].hasPrefix("copied file") && (error as? ProductionRecordError)?.file == file
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/home/images/debian-12-prod-web-01"), "nothing was built")
    }
}
