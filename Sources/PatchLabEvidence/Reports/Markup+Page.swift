import PatchLabModel

/// The parts every self-contained PatchLab page shares: the head that forbids scripts and loads, and
/// the table of a case's expected against actual results.
extension Markup {
    /// Opens the document and its `<head>` (left open for the title, style and any page meta).
    mutating func openPage() {
        raw("<!DOCTYPE html>")
        open("html", [("lang", "en")])
        open("head")
        empty("meta", [("charset", "utf-8")])
        empty("meta", [("http-equiv", "Content-Security-Policy"), ("content", HTMLStyle.contentSecurityPolicy)])
        empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        empty("meta", [("name", "referrer"), ("content", "no-referrer")])
    }

    /// Each expected result of a case beside what was found, met or not.
    mutating func outcomesTable(_ outcomes: [ExpectationOutcome]) {
        guard !outcomes.isEmpty else { return }
        open("table", [("class", "outcomes")])
        open("thead")
        open("tr")
        for cell in ["Result", "Expected", "Actual"] { element("th", text: cell) }
        close()
        close()
        open("tbody")
        for outcome in outcomes {
            open("tr", [("class", outcome.passed ? "outcome-passed" : "outcome-failed")])
            element("td", [("class", "state")], text: outcome.passed ? "met" : outcome.inconclusive ? "inconclusive" : "not met")
            open("td")
            element("code", text: outcome.expected)
            close()
            open("td")
            element("code", text: outcome.actual)
            close()
            close()
        }
        close()
        close()
    }
}
