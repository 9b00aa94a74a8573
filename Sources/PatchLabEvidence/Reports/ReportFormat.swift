import Foundation
import PatchLabModel

/// How every report writes times, durations, states and counts, so the Markdown, the HTML and the
/// JUnit files of one run say the same thing in the same words. Everything is UTC and independent of
/// the host's locale: the same results always give the same bytes.
public enum ReportFormat {
    /// `2026-01-05T10:00:00.250Z`: ISO 8601 in UTC with milliseconds, for machine-read fields.
    public static func timestamp(_ date: Date) -> String {
        ISO8601Dates.format(date)
    }

    /// `2026-01-05T10:00:00`: ISO 8601 without a zone (UTC), the shape the JUnit XML schema
    /// (`xs:dateTime` restricted to no offset) lets Jenkins and its validators accept.
    public static func junitTimestamp(_ date: Date) -> String {
        String(date.formatted(Date.ISO8601FormatStyle()).dropLast())  // drop the "Z"
    }

    /// `2026-01-05 10:00:00 UTC`: for people.
    public static func dateTime(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(dateTimeSeparator: .space)
        return String(date.formatted(style).dropLast()) + " UTC"
    }

    /// `12.345`: seconds with three decimals, as JUnit's `time` attribute wants them.
    public static func seconds(_ seconds: Double) -> String {
        String(format: "%.3f", seconds.isFinite ? max(seconds, 0) : 0)
    }

    /// `0.42 s`, `12.3 s`, `2 min 5 s`, `1 h 2 min`: for people.
    public static func duration(_ seconds: Double) -> String {
        let seconds = seconds.isFinite ? max(seconds, 0) : 0
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// `PASSED`, `TIMED OUT`: a state as a report's reader sees it.
    public static func stateTitle(_ state: ResultState) -> String {
        state.rawValue.replacingOccurrences(of: "-", with: " ").uppercased()
    }

    /// `6 cases: 1 passed, 1 failed, 1 error, 1 skipped, 1 waived, 1 timed out`; states with no
    /// case are left out, but the total is always there.
    public static func countsLine(_ counts: [ResultState: Int]) -> String {
        let total = counts.values.reduce(0, +)
        let parts = ResultState.allCases.compactMap { state -> String? in
            guard let count = counts[state], count > 0 else { return nil }
            return "\(count) \(state.rawValue.replacingOccurrences(of: "-", with: " "))"
        }
        let head = total == 1 ? "1 case" : "\(total) cases"
        return parts.isEmpty ? head : head + ": " + parts.joined(separator: ", ")
    }

    /// `WEB`, or `WEB (post-patch)`: how a run is named in headings and JUnit suites.
    public static func runName(_ run: PlanRunResult) -> String {
        run.phase.map { "\(run.planID) (\($0))" } ?? run.planID
    }

    /// `WEB-002 on web-01`: how a result is named in headings.
    public static func resultName(_ result: CaseResult) -> String {
        "\(result.caseID) on \(result.machine)"
    }

    /// `waived: Known issue INC-42 (expires 2026-12-31, approved by CAB)`.
    public static func waiverLine(_ waiver: Waiver) -> String {
        let approval = waiver.approvedBy.map { ", approved by \($0)" } ?? ""
        return "waived: \(waiver.justification) (expires \(waiver.expires)\(approval))"
    }
}
