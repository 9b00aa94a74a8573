import PatchLabEvidence

/// A batch's patches on the packet page, right under the verdict: which are safe to go, which is the
/// culprit, and which were not judged on their own, with the bisection that says so.
extension PacketPage {
    func batch(into html: inout Markup) {
        guard let patches = detail.patches else { return }
        html.element("h2", ["id": "patches"], text: "Patches of the batch (\(patches.count))")
        if let bisection = detail.bisection { html.element("p", ["id": "bisection"], text: bisection) }
        let safe = patches.filter { $0.state == .safe }.map(\.patch)
        html.element(
            "p", ["id": "safe-patches", "data-safe": safe.joined(separator: ",")],
            text: safe.isEmpty ? "No patch is shown safe yet." : "Safe to go: " + safe.joined(separator: ", ") + ".")
        html.open("table", ["id": "patch-verdicts"])
        html.open("thead")
        html.open("tr")
        for heading in ["Patch", "Priority", "Verdict", "Why"] { html.element("th", text: heading) }
        html.close()
        html.close()
        html.open("tbody")
        for patch in patches {
            html.open("tr", ["data-patch": patch.patch, "data-state": patch.state.rawValue])
            html.element("td", text: patch.patch)
            html.element("td", text: patch.priority.rawValue)
            html.element("td", ["class": "state \(patch.state.rawValue)"], text: patch.state.title)
            html.element("td", text: patch.evidence)
            html.close()
        }
        html.close()
        html.close()
    }
}
