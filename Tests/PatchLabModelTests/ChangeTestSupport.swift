import Foundation
import Testing
@testable import PatchLabModel

/// Where inline change texts are parsed: an absolute path, so resolved paths do not depend on the
/// current directory. Locations read `/x/changes/t.yaml:LINE:COLUMN`.
let changeFile = "/x/changes/t.yaml"

/// A digest of the right shape, for files whose contents do not matter.
let digestA = String(repeating: "a", count: 64)
let digestB = String(repeating: "b", count: 64)

/// In-memory files for change tests: absolute paths that exist, and the text of those read.
struct ChangeFiles {
    var existing: Set<String> = [
        "/x/labs/demo.yaml", "/x/testplans/web.yaml", "/x/testplans/smoke.yaml",
        "/x/changes/files/a.deb", "/x/changes/files/b.deb",
    ]
    var contents: [String: String] = [:]

    func exists(_ path: String) -> Bool {
        existing.contains(path) || contents[path] != nil
    }

    func read(_ path: String) throws -> String {
        guard let text = contents[path] else { throw CocoaError(.fileReadNoSuchFile) }
        return text
    }
}

func parseChange(_ yaml: String, files: ChangeFiles = ChangeFiles()) throws -> Change {
    try Change.parse(yaml: yaml, file: changeFile, fileExists: files.exists, readFile: files.read)
}

/// The diagnostics a change text is rejected with; records an issue if it is accepted.
func changeDiagnostics(
    _ yaml: String, files: ChangeFiles = ChangeFiles(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    rejectionDiagnostics(
        { try parseChange(yaml, files: files) }, describe: { "change \($0.id)" },
        sourceLocation: sourceLocation)
}

/// Asserts the change is rejected with exactly one error at `position` (`line:column` in the change
/// file, or a whole `file:line:column`), whose message contains every fragment.
func expectChangeError(
    _ yaml: String, at position: String, mentions fragments: [String],
    files: ChangeFiles = ChangeFiles(), sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let expected = position.hasPrefix("/") ? position : "\(changeFile):\(position)"
    expectOnlyError(
        changeDiagnostics(yaml, files: files, sourceLocation: sourceLocation), at: expected,
        mentions: fragments, sourceLocation: sourceLocation)
}

/// A valid change whose parts can be replaced. Lines: 1 change, 2 title, 3 type, 4 reason, 5 risk,
/// 6 lab, 7 plans, 8 patch:, 9 description, 10 files:, 11 source, 12 sha256, 13 install, 14+ `patchExtra`
/// (indented by the caller), then `top`.
func changeText(
    id: String = "CHG-0001", type: String = "normal", risk: String = "low",
    lab: String = "../labs/demo.yaml", plans: String = "[../testplans/web.yaml]",
    source: String = "files/a.deb", sha256: String = "sha256: \(digestA)",
    install: String = #""dpkg -i /var/tmp/patchlab/CHG-0001/a.deb""#,
    patchExtra: String = "", top: String = ""
) -> String {
    """
    change: \(id)
    title: Test change
    type: \(type)
    reason: Testing
    risk: \(risk)
    lab: \(lab)
    plans: \(plans)
    patch:
      description: A patch
      files:
        - source: \(source)
          \(sha256)
      install: \(install)
    \(patchExtra)
    \(top)
    """
}

/// Runs a program and returns its exit status and output.
@discardableResult
func runProcess(_ argv: [String], environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: argv[0])
    process.arguments = Array(argv.dropFirst())
    if let environment { process.environment = environment }
    // stderr goes to a file, so a chatty child never blocks on a full pipe nobody reads yet.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errorHandle
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errorHandle.close()
    let stderr = try String(contentsOf: errorFile, encoding: .utf8)
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), stderr)
}

/// A fresh temporary folder, removed by the caller.
func makeTemporaryFolder(_ name: String = "patchlab-test") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
