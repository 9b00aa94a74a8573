import PatchLabEvidence
/// The board's front page: the changes awaiting a decision (emergencies first, then the longest
/// waiting), with verdict, type and age; then those already decided.
struct PacketListPage {
    var boardName: String
    var entries: [PacketEntry]
    var signedIn: SignedInMember

    var html: String {
        BoardPage.render(title: "Packets", signedIn: signedIn) { html in
            html.element("h1", text: boardName)
            let waiting = entries.filter(\.awaitingDecision)
            html.element("h2", ["id": "awaiting"], text: "Awaiting decision (\(waiting.count))")
            table(waiting, id: "awaiting-table", into: &html)
            let decided = entries.filter { !$0.awaitingDecision }
            html.element("h2", ["id": "decided"], text: "Decided (\(decided.count))")
            table(decided, id: "decided-table", into: &html)
        }
    }

    private func table(_ entries: [PacketEntry], id: String, into html: inout Markup) {
        guard !entries.isEmpty else {
            html.element("p", ["class": "muted"], text: "None.")
            return
        }
        html.open("table", ["id": id])
        html.open("thead")
        html.open("tr")
        for heading in ["Change", "Title", "Type", "Verdict", "Age", "Board", "Run"] { html.element("th", text: heading) }
        html.close()
        html.close()
        html.open("tbody")
        for entry in entries {
            html.open("tr", ["data-change": entry.change, "data-run": entry.run])
            html.open("td")
            html.link(entry.page, entry.change)
            html.close()
            html.element("td", text: entry.title)
            html.element("td", ["class": "type-\(entry.type)"], text: entry.type)
            html.element("td", ["class": "verdict \(PacketPage.verdictClass(entry.verdict))"], text: entry.verdict)
            html.element("td", ["class": "number"], text: entry.ageText)
            html.element("td", ["class": "state \(entry.state)"], text: "\(entry.state): \(entry.summary)")
            html.element("td", ["class": "muted"], text: entry.run)
            html.close()
        }
        html.close()
        html.close()
    }
}
