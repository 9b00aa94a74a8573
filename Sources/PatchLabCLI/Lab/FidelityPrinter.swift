import PatchLabModel

/// A fidelity report on the terminal: per machine the overall score, each dimension's counts and
/// score, where patched packages start, and the differences (at most `limit` per dimension).
enum FidelityPrinter {
    static func lines(_ report: FidelityReport, limit: Int?) -> [String] {
        var lines: [String] = []
        for machine in report.machines {
            guard let production = machine.production else {
                lines.append(
                    "\(machine.machine) (mirrors \(machine.mirrors)): fidelity not measured: \(machine.notMeasured ?? "no capture")")
                continue
            }
            lines.append(
                "\(machine.machine) (mirrors \(machine.mirrors)): fidelity \(FidelityReport.format(machine.computedScore))"
                    + " against \(production.name), captured \(production.capturedAt.formatted(.iso8601)) by \(production.capturedBy)")
            for start in machine.startVersions {
                lines.append("  \(start.matches ? "start" : "START DIFFERS"): \(start.line)")
            }
            for dimension in machine.dimensions {
                lines.append(
                    "  \(dimension.kind.title.padding(toLength: 16, withPad: " ", startingAt: 0)) "
                        + "\(FidelityReport.format(dimension.computedScore))  \(dimension.countsLine)")
                let shown = limit.map { Array(dimension.differences.prefix($0)) } ?? dimension.differences
                for difference in shown { lines.append("    \(difference.line)") }
                if shown.count < dimension.differences.count {
                    lines.append("    … \(dimension.differences.count - shown.count) more (--all, or --json)")
                }
            }
        }
        return lines
    }
}
