import Foundation
import PatchLabModel

/// Writes every report of a set of plan runs into one directory (`--report-dir`): `results.xml`
/// (JUnit), `results.json`, `report.md` and `report.html`.
public enum ReportWriter {
    /// The file names, in the order ``write(_:to:)`` returns their paths.
    public static let fileNames = ["results.xml", "results.json", "report.md", "report.html"]

    /// Renders every report first and only then writes, each file atomically, so a failure leaves no
    /// half-written report; creates the directory if needed.
    ///
    /// - Returns: the paths written, in the order of ``fileNames``.
    public static func write(_ runs: [PlanRunResult], to directory: String) throws -> [String] {
        let contents: [Data] = [
            Data(JUnitReport.render(runs).utf8),
            try JSONReport.render(runs),
            Data(MarkdownReport.render(runs).utf8),
            Data(HTMLReport.render(runs).utf8),
        ]
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for (name, data) in zip(fileNames, contents) {
            // Joined as text so the paths read the way the user gave the directory.
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            paths.append(path)
        }
        return paths
    }
}
