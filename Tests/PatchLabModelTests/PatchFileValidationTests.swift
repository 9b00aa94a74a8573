import Foundation
import Testing
@testable import PatchLabModel

/// Patch files: each must exist, have a digest (inline or from the sha256_file) and go somewhere of
/// its own.
@Suite struct PatchFileValidationTests {
    let sumsPath = "/x/changes/files/SHA256SUMS"

    func files(sums: String?) -> ChangeFiles {
        var files = ChangeFiles()
        files.contents[sumsPath] = sums
        return files
    }

    @Test func aFileWithoutAnyDigest() {
        expectChangeError(
            changeText(sha256: ""), at: "11:15",
            mentions: ["no digest for patch file 'files/a.deb'", "expected a 'sha256:' here, or a 'sha256_file:'"])
    }

    @Test func malformedDigests() {
        for digest in [String(repeating: "a", count: 63), String(repeating: "g", count: 64), "sha256:" + digestA] {
            expectChangeError(
                changeText(sha256: "sha256: \(digest)"), at: "12:15",
                mentions: ["for 'sha256'; expected a sha256 digest: 64 hexadecimal digits"])
        }
    }

    @Test func aMissingSourceIsReportedAtItsPath() {
        expectChangeError(
            changeText(source: "files/c.deb"), at: "11:15",
            mentions: ["patch file 'files/c.deb' not found (/x/changes/files/c.deb)", "relative to the change file's folder"])
    }

    @Test func aMissingSha256File() {
        expectChangeError(
            changeText(sha256: "", patchExtra: "  sha256_file: files/SHA256SUMS"), at: "14:16",
            mentions: [
                "cannot read sha256_file 'files/SHA256SUMS' (/x/changes/files/SHA256SUMS): no such file",
                "expected a sha256sum-format file",
            ])
    }

    @Test func aSha256FileWithoutTheSource() {
        expectChangeError(
            changeText(sha256: "", patchExtra: "  sha256_file: files/SHA256SUMS"), at: "11:15",
            mentions: ["no digest for patch file 'files/a.deb': sha256_file 'files/SHA256SUMS' has no entry for it"],
            files: files(sums: "\(digestB)  b.deb\n"))
    }

    @Test func aMalformedSha256FileLineIsReportedInThatFile() {
        expectChangeError(
            changeText(sha256: "", patchExtra: "  sha256_file: files/SHA256SUMS"),
            at: "\(sumsPath):2:1",
            mentions: [
                "malformed line 'not a digest line' in sha256 file",
                "expected 'DIGEST  NAME' as sha256sum writes it",
            ],
            files: files(sums: "\(digestA)  a.deb\nnot a digest line\n"))
        expectChangeError(
            changeText(sha256: "", patchExtra: "  sha256_file: files/SHA256SUMS"),
            at: "\(sumsPath):2:1", mentions: ["'a.deb' is listed again with a different digest (first at line 1)"],
            files: files(sums: "\(digestA)  a.deb\n\(digestB)  a.deb\n"))
    }

    @Test func anInlineDigestMustAgreeWithTheSha256File() {
        expectChangeError(
            changeText(patchExtra: "  sha256_file: files/SHA256SUMS"), at: "12:15",
            mentions: [
                "sha256 of 'files/a.deb' differs from its entry in the sha256_file (\(sumsPath):1:1)",
                "found \(digestA) here and \(digestB) there",
            ],
            files: files(sums: "\(digestB)  a.deb\n"))
    }

    @Test func destinations() throws {
        expectChangeError(
            changeText(sha256: "sha256: \(digestA)\n      destination: tmp/a.deb"), at: "13:20",
            mentions: ["invalid value 'tmp/a.deb' for 'destination'; expected an absolute guest path"])
        let twice = changeText(
            sha256: """
                sha256: \(digestA)
                      destination: /tmp/x.deb
                    - source: files/b.deb
                      sha256: \(digestB)
                      destination: /tmp/x.deb
                """)
        expectChangeError(twice, at: "14:15", mentions: ["patch files at lines 11 and 14 both upload to '/tmp/x.deb'"])
        let sameSource = changeText(
            sha256: """
                sha256: \(digestA)
                    - source: ./files/a.deb
                      sha256: \(digestA)
                """)
        expectChangeError(sameSource, at: "13:15", mentions: ["patch file '/x/changes/files/a.deb' listed twice (first at line 11)"])
        let file = try parseChange(changeText(sha256: "sha256: \(digestA)\n      destination: /opt/./drop/../x.deb"))
        #expect(file.patch.files.map(\.destination) == ["/opt/x.deb"])
    }

    @Test func unknownPatchFileKeyIsReportedWithTheMissingDigest() {
        let diagnostics = changeDiagnostics(changeText(sha256: "sha265: \(digestA)"))
        #expect(diagnostics.map(\.location.description) == ["\(changeFile):11:15", "\(changeFile):12:7"], "\(diagnostics)")
        #expect(diagnostics.last?.message.contains("unknown key 'sha265' in patch file") == true)
        #expect(diagnostics.last?.message.contains("did you mean 'sha256'?") == true)
    }
}
