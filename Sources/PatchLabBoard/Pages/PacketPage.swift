import PatchLabEvidence
import Foundation

/// One packet: the verdict and its reasons, where the board stands and every signed decision, the
/// form to decide (for members who may), the results per phase, the rollback proof, the logs, and
/// the packet's own summary page in a sandboxed frame.
struct PacketPage {
    var detail: PacketDetail
    var signedIn: SignedInMember

    static func verdictClass(_ title: String) -> String {
        title.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    var html: String {
        let packet = detail.packet
        return BoardPage.render(title: "\(packet.change) \(packet.verdict)", signedIn: signedIn) { html in
            html.element("h1", text: "\(packet.change): \(packet.title)")
            banner(into: &html)
            batch(into: &html)
            decisions(into: &html)
            form(into: &html)
            results(into: &html)
            rollback(into: &html)
            logs(into: &html)
            html.element("h2", ["id": "summary"], text: "The packet's summary")
            // Not a void element: written with its end tag, or the rest of the page would be the frame's text.
            html.element(
                "iframe",
                [
                    "class": "summary", "title": "Packet summary", "sandbox": "",
                    "src": "\(packet.page)/files/summary.html",
                ], text: "")
            html.open("p")
            html.link("\(packet.page)/files/summary.html", "Open the summary on its own")
            html.close()
        }
    }

    private func banner(into html: inout Markup) {
        let packet = detail.packet
        html.open(
            "section",
            [
                "class": "banner \(Self.verdictClass(packet.verdict))", "id": "verdict",
                "data-verdict": packet.verdict,
            ])
        html.element("p", ["class": "big"], text: packet.verdict)
        html.element(
            "p",
            text: "Change type: \(packet.type). Run \(packet.run) on lab \(detail.lab), "
                + "ran by \(detail.ranBy ?? "unknown"); packet made \(packet.ageText) ago.")
        html.element(
            "p", ["id": "fidelity", "data-measured": detail.fidelity.measured ? "yes" : "no"],
            text: "Fidelity to production: \(detail.fidelity.summary)")
        let starts = detail.fidelity.machines.flatMap { machine in machine.startVersionMismatches.map { "\(machine.machine): \($0)" } }
        if !starts.isEmpty {
            html.open("ul", ["class": "reasons", "id": "start-versions"])
            for line in starts { html.element("li", text: line) }
            html.close()
        }
        if detail.reasons.isEmpty {
            html.element("p", text: "No reason against the change was found.")
        } else {
            html.open("ul", ["class": "reasons"])
            for reason in detail.reasons { html.element("li", text: reason) }
            html.close()
        }
        let integrity = detail.integrity
        html.element(
            "p", ["id": "integrity", "data-intact": integrity.intact ? "yes" : "no"],
            text: integrity.intact
                ? "Packet verified: every file as signed by \(integrity.signer ?? "a trusted key")."
                : "Packet FAILS verification, so it cannot be approved: " + integrity.problems.joined(separator: "; "))
        html.close()
    }

    private func decisions(into html: inout Markup) {
        let packet = detail.packet
        html.element("h2", ["id": "decisions"], text: "Board decision")
        html.element(
            "p", ["class": "state \(packet.state)", "id": "board-state", "data-state": packet.state],
            text: "\(packet.state): \(packet.summary)")
        guard !detail.decisions.isEmpty else { return }
        html.open("table", ["id": "decision-table"])
        html.open("thead")
        html.open("tr")
        for heading in ["Decision", "Member", "Role", "When (UTC)", "Conditions / comment", "Emergency", "Signed record"] {
            html.element("th", text: heading)
        }
        html.close()
        html.close()
        html.open("tbody")
        for decision in detail.decisions {
            html.open("tr", ["data-approver": decision.approver, "data-decision": decision.decision])
            html.element("td", ["class": "state"], text: decision.decision)
            html.element("td", text: decision.approver)
            html.element("td", text: decision.role)
            html.element("td", text: Self.time(decision.at))
            html.element(
                "td",
                text: [decision.conditions.map { "Conditions: \($0)" }, decision.comment].compactMap { $0 }
                    .joined(separator: " — "))
            html.element(
                "td",
                text: decision.emergency.map {
                    "\($0.incident): \($0.justification); review due \(decision.postImplementationReviewDue ?? "?")"
                } ?? "")
            html.open("td")
            html.link("\(packet.page)/files/\(Self.urlPath(decision.path))", decision.path)
            html.close()
            html.close()
        }
        html.close()
        html.close()
    }

    private func form(into html: inout Markup) {
        let packet = detail.packet
        let member = signedIn.member
        guard member.mayDecide else {
            html.element("p", ["class": "muted"], text: "You are an observer on this board: you can read, not decide.")
            return
        }
        guard packet.state != "rejected", packet.state != "pre-approved" else { return }
        html.element("h2", ["id": "decide"], text: "Decide as \(member.name)")
        html.element(
            "p", ["class": "muted"],
            text: "Your decision is signed here, in this browser, with your own private key: "
                + "pick your key file and the page signs the record and sends only the signed record. The key never leaves your machine.")
        html.open(
            "form",
            [
                "class": "decide", "id": "decision-form", "autocomplete": "off",
                "data-draft": "\(packet.api)/decision-drafts", "data-file": "\(packet.api)/decisions",
                "data-done": "\(packet.page)#decisions", "data-member": member.id, "data-run": packet.run,
                "data-change": packet.change, "data-manifest": "\(packet.page)/files/\(PacketLayout.manifest)",
            ])
        html.empty("input", ["type": "hidden", "name": StateChangeGuard.formField, "value": signedIn.session.csrfToken])
        html.element("label", ["for": "decision"], text: "Decision")
        html.open("select", ["id": "decision", "name": "decision"])
        for (value, label) in [
            ("approve", "Approve"), ("approve-with-conditions", "Approve with conditions"),
            ("reject", "Reject"), ("defer", "Defer"),
        ] {
            html.element("option", ["value": value], text: label)
        }
        html.close()
        html.element("label", ["for": "conditions"], text: "Conditions (for approve with conditions)")
        html.empty("input", ["type": "text", "id": "conditions", "name": "conditions"])
        html.element("label", ["for": "comment"], text: "Comment")
        html.element("textarea", ["id": "comment", "name": "comment", "rows": "3"], text: "")
        html.open("fieldset")
        html.element(
            "legend",
            text: packet.verdict == "NO-GO"
                ? "Emergency approval: a NO-GO can only be approved as an emergency, with both fields"
                : "Emergency approval (only for an emergency)")
        html.element("label", ["for": "justification"], text: "Justification")
        html.element("textarea", ["id": "justification", "name": "justification", "rows": "2"], text: "")
        html.element("label", ["for": "incident"], text: "Incident reference")
        html.empty("input", ["type": "text", "id": "incident", "name": "incident"])
        html.close()
        html.element("label", ["for": "key_file"], text: "Your private key file (PEM), read by this page only")
        html.empty("input", ["type": "file", "id": "key_file", "name": "key_file", "accept": ".key,.pem"])
        html.element("button", ["type": "submit", "id": "submit-decision", "disabled": "disabled"], text: "Sign and record the decision")
        html.element("p", ["id": "decision-status", "class": "notice", "role": "status", "hidden": "hidden"], text: "")
        html.element(
            "p", ["id": "no-ed25519", "class": "problem", "hidden": "hidden"],
            text: "This browser cannot sign with Ed25519 (WebCrypto), so it cannot sign your decision here. Sign it with "
                + "the command line instead, where your key is: patchlab approve \(packet.change)/\(packet.run) --board URL "
                + "--as \(member.id) --key YOUR.key --decision …")
        html.close()
        html.open("noscript")
        html.element(
            "p", ["class": "problem"],
            text: "Deciding here needs JavaScript (the page signs in your browser); or use "
                + "`patchlab approve --board`.")
        html.close()
        html.element("script", ["src": DecisionScript.path, "integrity": DecisionScript.integrity, "crossorigin": "anonymous"], text: "")
    }

    private func results(into html: inout Markup) {
        html.element("h2", ["id": "results"], text: "Results per phase")
        guard !detail.results.isEmpty else {
            html.element("p", ["class": "muted"], text: "No plan ran.")
            return
        }
        html.open("table", ["id": "results-table"])
        html.open("thead")
        html.open("tr")
        for heading in ["Phase", "Plan", "Verdict", "Passed", "Failed", "Other"] { html.element("th", text: heading) }
        html.close()
        html.close()
        html.open("tbody")
        for row in detail.results {
            html.open("tr")
            html.element("td", text: row.phase)
            html.element("td", text: "\(row.plan): \(row.title)")
            html.element("td", ["class": "verdict \(Self.verdictClass(row.verdict))"], text: row.verdict)
            html.element("td", ["class": "number"], text: "\(row.passed)")
            html.element("td", ["class": "number"], text: "\(row.failed)")
            html.element("td", ["class": "number"], text: "\(row.other)")
            html.close()
        }
        html.close()
        html.close()
    }

    private func rollback(into html: inout Markup) {
        html.element("h2", ["id": "rollback"], text: "Rollback proof")
        let proof = detail.rollback
        html.element(
            "p", ["id": "rollback-proven"], text: "Rollback proven: " + (proof.proven.map { $0 ? "yes" : "NO" } ?? "not rehearsed"))
        if !proof.reasons.isEmpty {
            html.open("ul")
            for reason in proof.reasons { html.element("li", text: reason) }
            html.close()
        }
    }

    private func logs(into html: inout Markup) {
        let packet = detail.packet
        html.element("h2", ["id": "logs"], text: "Logs (\(detail.logs.count))")
        html.open("ul", ["class": "files", "id": "log-files"])
        for file in detail.logs {
            html.open("li")
            html.link("\(packet.page)/files/\(Self.urlPath(file))", file)
            html.close()
        }
        html.close()
        let others = detail.files.filter { !$0.hasPrefix("logs/") }
        html.element("h2", ["id": "files"], text: "Other files (\(others.count))")
        html.open("ul", ["class": "files"])
        for file in others {
            html.open("li")
            html.link("\(packet.page)/files/\(Self.urlPath(file))", file)
            html.close()
        }
        html.close()
    }

    /// Each path component percent-encoded: packet file names come from guests and may hold anything.
    static func urlPath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
            .joined(separator: "/")
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date)
    }
}
