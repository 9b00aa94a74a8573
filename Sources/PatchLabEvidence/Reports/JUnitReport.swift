import Foundation
import PatchLabModel

/// Plan runs as JUnit XML (`results.xml`), the format Jenkins, GitLab and GitHub test reporters read.
///
/// ```xml
/// <testsuites name="PatchLab: WEB" tests="6" failures="1" errors="2" skipped="2" time="…" timestamp="…">
///   <testsuite name="WEB (post-patch)" … hostname="demo">
///     <properties><property name="plan-id" value="WEB"/>…</properties>
///     <testcase classname="WEB.post-patch.web-01" name="WEB-002: nginx starts at boot" time="1.250">
///       <failure message="…" type="failed">expected vs actual, one pair per expected result</failure>
///       <system-out>…</system-out>
/// ```
///
/// How states map, following the common convention: `failed` → `<failure>`; `error` and `timed-out`
/// → `<error>` (the system under test was not judged); `skipped` → `<skipped>`; `waived` →
/// `<skipped message="waived: …">`, so a waived failure neither fails the build nor disappears.
/// The `timestamp` attributes are UTC without an offset, the shape the JUnit schema allows.
public enum JUnitReport {
    /// The XML document for the runs, one `<testsuite>` per run in the given order.
    public static func render(_ runs: [PlanRunResult]) -> String {
        let totals = ReportTotals(runs)
        var xml = Markup()
        xml.raw(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        let name = totals.planIDs.isEmpty ? "PatchLab" : "PatchLab: " + totals.planIDs.joined(separator: ", ")
        var rootAttributes: Markup.Attributes = [("name", name)]
        rootAttributes += countAttributes(totals.counts, seconds: totals.durationSeconds)
        if let start = totals.startedAt { rootAttributes.append(("timestamp", ReportFormat.junitTimestamp(start))) }
        xml.open("testsuites", rootAttributes)
        var names = UniqueNames()
        for (index, run) in runs.enumerated() {
            suite(run, id: index, into: &xml, names: &names)
        }
        xml.close()
        return xml.text
    }

    private static func suite(_ run: PlanRunResult, id: Int, into xml: inout Markup, names: inout UniqueNames) {
        var attributes: Markup.Attributes = [("name", ReportFormat.runName(run))]
        attributes += countAttributes(run.counts, seconds: run.durationSeconds)
        attributes += [
            ("timestamp", ReportFormat.junitTimestamp(run.startedAt)),
            // The lab stands for the host: the suite ran on its machines.
            ("hostname", run.lab),
            ("id", String(id)),
        ]
        xml.open("testsuite", attributes)
        xml.open("properties")
        var properties: [(String, String)] = [
            ("plan-id", run.planID), ("plan-title", run.planTitle), ("plan-version", run.planVersion),
            ("plan-digest", run.planDigest), ("lab", run.lab), ("run-id", run.runID),
        ]
        if let phase = run.phase { properties.append(("phase", phase.rawValue)) }
        properties += [
            ("verdict", run.verdict.rawValue),
            ("started-at", ReportFormat.timestamp(run.startedAt)),
            ("ended-at", ReportFormat.timestamp(run.endedAt)),
        ]
        for (name, value) in properties {
            xml.empty("property", [("name", name), ("value", value)])
        }
        xml.close()
        for result in run.results {
            testCase(result, run: run, into: &xml, names: &names)
        }
        xml.close()
    }

    private static func testCase(
        _ result: CaseResult, run: PlanRunResult, into xml: inout Markup,
        names: inout UniqueNames
    ) {
        // The phase joins the class name so a baseline and a post-patch run of one plan, reported
        // together, keep distinct (classname, name) pairs; reporters merge or drop duplicates.
        let classname = ([result.planID] + (run.phase.map { [$0.rawValue] } ?? []) + [result.machine]).joined(separator: ".")
        let name = names.unique(classname: classname, name: "\(result.caseID): \(result.title)")
        xml.open(
            "testcase",
            [
                ("classname", classname), ("name", name),
                ("time", ReportFormat.seconds(result.durationSeconds)),
            ])
        switch result.state {
        case .passed:
            break
        case .failed:
            xml.element(
                "failure", [("message", problemSummary(result)), ("type", result.state.rawValue)],
                text: detailText(result))
        case .error, .timedOut:
            xml.element(
                "error", [("message", problemSummary(result)), ("type", result.state.rawValue)],
                text: detailText(result))
        case .skipped:
            xml.element("skipped", [("message", result.message ?? "skipped")], text: detailText(result))
        case .waived:
            let message = result.waiver.map(ReportFormat.waiverLine) ?? "waived: " + (result.message ?? "no waiver recorded")
            xml.element("skipped", [("message", message)], text: detailText(result))
        }
        if !result.stdout.isEmpty { xml.element("system-out", text: result.stdout) }
        if !result.stderr.isEmpty { xml.element("system-err", text: result.stderr) }
        xml.close()
    }

    private static func countAttributes(_ counts: [ResultState: Int], seconds: Double) -> Markup.Attributes {
        let count = { (state: ResultState) in counts[state] ?? 0 }
        return [
            ("tests", String(counts.values.reduce(0, +))),
            ("failures", String(count(.failed))),
            ("errors", String(count(.error) + count(.timedOut))),
            ("skipped", String(count(.skipped) + count(.waived))),
            ("time", ReportFormat.seconds(seconds)),
        ]
    }

    /// One line for the `message` attribute: the runner's message, else the first expected result
    /// that did not hold.
    private static func problemSummary(_ result: CaseResult) -> String {
        if let message = result.message { return ReportText.singleLine(message) }
        let missed = result.outcomes.filter { !$0.passed }
        guard let first = missed.first else { return ReportFormat.stateTitle(result.state).lowercased() }
        let more = missed.count > 1 ? " (and \(missed.count - 1) more)" : ""
        return ReportText.singleLine("expected \(first.expected), actual \(first.actual)\(more)")
    }

    /// The body of `<failure>`, `<error>` and `<skipped>`: every expected result beside what was
    /// found, then the facts a reader needs to reproduce it.
    private static func detailText(_ result: CaseResult) -> String {
        var lines = [
            "\(ReportFormat.stateTitle(result.state)): \(result.caseID) on \(result.machine) "
                + "(severity \(result.severity.rawValue), attempts \(result.attempts)"
                + (result.exitCode.map { ", exit status \($0)" } ?? "") + ")"
        ]
        if let message = result.message { lines.append("message: \(message)") }
        if let waiver = result.waiver { lines.append(ReportFormat.waiverLine(waiver)) }
        for outcome in result.outcomes {
            let mark = outcome.passed ? "PASS" : outcome.inconclusive ? "INCONCLUSIVE" : "FAIL"
            lines.append("[\(mark)] expected: \(outcome.expected)")
            lines.append(String(repeating: " ", count: mark.count + 3) + "actual:   \(outcome.actual)")
        }
        if let log = result.stdoutLog { lines.append("full stdout: \(log)") }
        if let log = result.stderrLog { lines.append("full stderr: \(log)") }
        return lines.joined(separator: "\n")
    }
}
