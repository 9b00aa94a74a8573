import Foundation
import Testing
@testable import PatchLabEvidence

/// The "change any single byte of any file" check of a packet: one byte of every file, each in turn
/// (an empty file gets one), must make `verify` fail and name that very file; each file is put back
/// before the next, and the packet verifies again at the end.
enum EveryByteTamper {
    static func check(
        folder: String, minimumFiles: Int, verify: () throws -> PacketVerification,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: "\(folder)/\(path)", isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }
        #expect(files.count > minimumFiles, sourceLocation: sourceLocation)
        for file in files.sorted() {
            let url = URL(fileURLWithPath: "\(folder)/\(file)")
            let original = try Data(contentsOf: url)
            var changed = original
            if changed.isEmpty { changed.append(0x0A) } else { changed[changed.count / 2] ^= 0x01 }
            try changed.write(to: url)
            let verification = try verify()
            #expect(!verification.isIntact, "a changed byte in \(file) went unnoticed", sourceLocation: sourceLocation)
            #expect(
                verification.problems.contains { $0.contains(file) }, "\(file) not named in \(verification.problems)",
                sourceLocation: sourceLocation)
            try original.write(to: url)
        }
        #expect(try verify().isIntact, sourceLocation: sourceLocation)
    }
}
