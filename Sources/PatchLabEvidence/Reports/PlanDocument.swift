import Foundation
import PatchLabModel

/// A test plan as the change board reads it (`patchlab plan show`): what is tested, on which
/// machines, how, and the expected result of every case, in Markdown.
///
/// Plan text is escaped like guest text (``ReportText``): a plan is written by people, but a stray
/// `|` or `<` in a title must not break the page either.
public enum PlanDocument {
    public static func markdown(_ plan: TestPlan) -> String {
        var text = "# \(ReportText.markdown(plan.id)): \(ReportText.markdown(plan.title))\n\n"
        text += "| | |\n| --- | --- |\n"
        text += "| Plan | \(ReportText.markdownCell(plan.id)) |\n"
        text += "| Version | \(ReportText.markdownCell(plan.version)) |\n"
        text += "| Owner | \(ReportText.markdownCell(plan.owner)) |\n"
        if !plan.tags.isEmpty { text += "| Tags | \(ReportText.markdownCell(plan.tags.joined(separator: ", "))) |\n" }
        text += "| Cases | \(plan.cases.count) |\n"
        let files = plan.sourceFiles.map { ReportText.markdownCode($0, inTable: true) }.joined(separator: ", ")
        text += "| Files | \(files) |\n"
        if let description = plan.description, !description.isEmpty {
            text += "\n\(ReportText.markdown(description.trimmingCharacters(in: .whitespacesAndNewlines)))\n"
        }

        text += "\n## Applications under test\n\n"
        for application in plan.applications {
            text += "- **\(ReportText.markdown(application.name))**"
            if let description = application.description { text += ": \(ReportText.markdown(description))" }
            text += "\n"
        }
        if plan.applications.isEmpty { text += "None listed.\n" }

        text += "\n## Cases\n\n"
        text += "| Case | Title | Functionality | Machines | Severity |\n| --- | --- | --- | --- | --- |\n"
        for testCase in plan.cases {
            let cells = [
                testCase.id, testCase.title, testCase.functionality,
                testCase.targets.map(\.description).joined(separator: ", "),
            ].map(ReportText.markdownCell)
            text += "| " + (cells + [testCase.severity.rawValue]).joined(separator: " | ") + " |\n"
        }
        for testCase in plan.cases {
            text += "\n" + section(testCase, of: plan)
        }
        return text
    }

    private static func section(_ testCase: TestCase, of plan: TestPlan) -> String {
        var text = "### \(ReportText.markdown(testCase.id)): \(ReportText.markdown(testCase.title))\n\n"
        text += "- **Functionality:** \(ReportText.markdown(testCase.functionality))\n"
        text += "- **Machines:** \(ReportText.markdown(testCase.targets.map(\.description).joined(separator: ", ")))\n"
        text += "- **Severity:** \(testCase.severity.rawValue) (\(severityMeaning(testCase.severity)))\n"
        var limits = "- **Time limit:** \(DurationText.format(testCase.timeout)) per attempt"
        if testCase.retries > 0 {
            limits +=
                ", \(testCase.retries) \(testCase.retries == 1 ? "retry" : "retries") "
                + "(first after \(DurationText.format(testCase.retryDelay)))"
        }
        text += limits + "\n"
        if !testCase.tags.isEmpty { text += "- **Tags:** \(ReportText.markdown(testCase.tags.joined(separator: ", ")))\n" }
        if testCase.planID != plan.id {
            text += "- **From plan:** \(ReportText.markdown(testCase.planID)) (included)\n"
        }
        if let description = testCase.description, !description.isEmpty {
            text += "\n\(ReportText.markdown(description.trimmingCharacters(in: .whitespacesAndNewlines)))\n"
        }
        if !testCase.setup.isEmpty {
            text += "\n**Setup**\n\n" + numbered(testCase.setup)
        }
        text +=
            "\n**Steps**\n\n"
            + (testCase.check.isEmpty
                ? "None: each expected result below is checked by its own probe.\n"
                : numbered(testCase.check))
        text += "\n**Expected results** (all must hold)\n\n"
        for expectation in testCase.expectations {
            // As code: matchers quote text and patterns exactly, and Markdown must not reinterpret them.
            text += "- \(ReportText.markdownCode(expectation.description))\n"
        }
        if let waiver = testCase.waiver {
            let approval = waiver.approvedBy.map { ", approved by \(ReportText.markdown($0))" } ?? ""
            text +=
                "\n**Waiver:** \(ReportText.markdown(waiver.justification)) "
                + "(expires \(waiver.expires)\(approval)). A failure is reported as waived until then.\n"
        }
        return text
    }

    private static func numbered(_ steps: [TestStep]) -> String {
        steps.enumerated().map { index, step in
            "\(index + 1). \(stepText(step))\n"
        }.joined()
    }

    /// Commands as code, so a reader sees exactly what runs.
    private static func stepText(_ step: TestStep) -> String {
        switch step {
        case let .run(command):
            return "Run \(ReportText.markdownCode(command.description))"
        case let .upload(source, destination, mode):
            return "Upload \(ReportText.markdownCode(source)) to \(ReportText.markdownCode(destination))"
                + (mode.map { " (mode \(ReportText.markdownCode($0)))" } ?? "")
        case let .wait(until, expect, timeout, interval):
            let condition = expect.map { ReportText.markdownCode($0.description) }.joined(separator: " and ")
            return "Wait up to \(DurationText.format(timeout)), checking every \(DurationText.format(interval)), "
                + "until \(ReportText.markdownCode(until.description)) gives: \(condition)"
        }
    }

    private static func severityMeaning(_ severity: Severity) -> String {
        severity.blocksGo ? "a failure stops the change" : "a failure gives GO WITH WARNINGS"
    }
}
