import Foundation
import Testing
@testable import PatchLabModel

// Swift Testing has its own `SourceLocation`; the model's is named in full where both are visible.
typealias FileLocation = PatchLabModel.SourceLocation

/// The file name every inline lab is parsed under, so locations read `t.yaml:LINE:COLUMN`.
let testFile = "t.yaml"

/// The repository root, found from this file's path so tests run from any directory.
let repositoryRoot: String = {
    // Resolved so that a package reaching these tests through a symlink still finds the repository.
    var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    for _ in 0..<3 { url.deleteLastPathComponent() }  // PatchLabModelTests, Tests, repo
    return url.path
}()

/// The diagnostics a lab text is rejected with; records an issue if it is accepted.
func labDiagnostics(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    rejectionDiagnostics(
        { try Lab.parse(yaml: yaml, file: testFile) }, describe: { "lab \($0.name)" },
        sourceLocation: sourceLocation)
}

/// Asserts the lab text is rejected with exactly one error, at `line:column`, whose message contains
/// every fragment (what was expected and what was found).
func expectSingleError(
    _ yaml: String, at position: String, mentions fragments: [String],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    expectOnlyError(
        labDiagnostics(yaml, sourceLocation: sourceLocation), at: "\(testFile):\(position)",
        mentions: fragments, sourceLocation: sourceLocation)
}

/// A valid one-machine lab with `extra` lines appended to the machine (indented by the caller).
/// Lines: 1 lab, 2 description, 3 machines, 4 name, 5 role, 6 mirrors, 7 image, 8 criticality, 9+ extra.
func oneMachineLab(_ extra: String = "", top: String = "") -> String {
    """
    lab: t
    description: test lab
    machines:
      - name: web-01
        role: web
        mirrors: prod-web-01.example.com
        image: debian-12
        criticality: pilot
    \(extra)
    \(top)
    """
}
