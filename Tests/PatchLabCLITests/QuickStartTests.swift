import Foundation
import Testing

/// The README's quick start and install step, as a new user follows them: the main job runs the
/// optimised build, and the install step puts that binary on the PATH.
@Suite struct QuickStartTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    func read(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theDemoBuildsAndRunsTheReleaseBinary() throws {
        let demo = try read("scripts/demo")
        let commands = demo.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(
            separator: "\n")
        #expect(commands.contains("swift build -c release --product patchlab"))
        #expect(commands.contains("patchlab=$(swift build -c release --show-bin-path)/patchlab"))
        #expect(!commands.contains("swift build --product patchlab"), "no debug build in the main job")
        #expect(commands.contains("\"$patchlab\" rehearse changes/CHG-0001-nginx-security-update.yaml"))
    }

    @Test func theReadmeHasTwoQuickStartCommandsAndAnInstallStep() throws {
        let readme = try read("README.md")
        let quickStart = try #require(readme.range(of: "## Quick start").map { String(readme[$0.upperBound...]) })
        let block = try #require(quickStart.components(separatedBy: "```").dropFirst().first)
        let commands = block.split(separator: "\n").map { $0.split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? "" }
            .filter { !$0.isEmpty }
        #expect(commands == ["scripts/demo", "scripts/test"])
        #expect(
            readme.contains("swift build -c release --product patchlab && install -m 0755 .build/release/patchlab /usr/local/bin/patchlab"))
        // CI runs the README's test command.
        #expect(try read(".ci/run").contains("exec scripts/test"))
    }
}
