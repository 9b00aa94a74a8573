import Foundation
import PatchLabModel

/// `summary.html`: the one page a change board member opens from an evidence packet. The verdict
/// first, with every reason; then the change, what was patched and how the install went on each
/// machine, the machines and the production hosts they mirror, the rollback proof, what the patch
/// changed, the test results of every phase, the timings, and a link to every file of the packet.
///
/// Like ``HTMLReport``: one self-contained page, no script, no external resource, a
/// Content-Security-Policy that forbids both, all guest and plan text through ``ReportText``, and
/// well-formed XML so it parses strictly. The verdict is stated twice in fixed places
/// (`<meta name="patchlab:verdict">` and the banner's `data-verdict`) so ``statedVerdict(in:)``
/// can read it back for `packet verify`.
public enum PacketSummaryHTML {
    /// The name of the `<meta>` element that carries the verdict.
    static let verdictMeta = "patchlab:verdict"

    public static func render(_ overview: PacketOverview) -> String {
        let facts = PacketFacts(overview)
        let change = facts.change
        var html = Markup()
        html.openPage()
        html.empty("meta", [("name", verdictMeta), ("content", facts.verdictTitle)])
        html.element("title", text: "\(facts.verdictTitle) · \(change.id): \(change.title)")
        html.open("style")
        html.raw(PacketSummaryStyle.css)
        html.close()
        html.close()

        html.open("body")
        html.element("h1", text: "\(change.id): \(change.title)")
        banner(facts, into: &html)
        contents(facts, into: &html)
        changeSection(facts, into: &html)
        patchSection(facts, into: &html)
        batchSection(facts, into: &html)
        machinesSection(facts, into: &html)
        fidelitySection(facts, into: &html)
        rollbackSection(facts, into: &html)
        patchChangesSection(facts, into: &html)
        testsSection(facts, into: &html)
        timingsSection(facts, into: &html)
        filesSection(facts, into: &html)
        html.close()
        html.close()
        return html.text
    }

    private static let sections: [(id: String, title: String)] = [
        ("change", "The change"), ("patch", "What was patched"), ("batch", "Patches of the batch"),
        ("machines", "Machines and the production hosts they mirror"),
        ("fidelity", "Fidelity to production"), ("rollback", "Rollback proof"), ("patch-changes", "What the patch changed"),
        ("tests", "Test results by phase"),
        ("timings", "Timings"), ("files", "Files of this packet"),
    ]

    static func title(of section: String) -> String {
        sections.first { $0.id == section }?.title ?? section
    }

    private static func banner(_ facts: PacketFacts, into html: inout Markup) {
        let result = facts.result
        html.open(
            "header",
            [
                ("class", "banner \(result.verdict.rawValue)"), ("role", "status"),
                ("data-verdict", facts.verdictTitle),
            ])
        html.element("p", [("class", "verdict")], text: facts.verdictTitle)
        html.element(
            "p",
            text: "Rehearsed on lab \(result.labName), \(ReportFormat.dateTime(result.startedAt)), "
                + ReportFormat.duration(result.endedAt.timeIntervalSince(result.startedAt))
                + (result.interrupted ? "; interrupted by the operator" : ""))
        html.element("p", text: "Rollback proven: \(facts.rollbackProven)")
        html.element("p", text: "Fidelity to production: \(facts.fidelityHeadline)")
        if result.reasons.isEmpty {
            html.element("p", text: "No reason against the change was found.")
        } else {
            html.element("p", text: result.reasons.count == 1 ? "Reason:" : "Reasons (\(result.reasons.count)):")
            html.open("ul", [("class", "reasons")])
            for reason in result.reasons { html.element("li", text: reason) }
            html.close()
        }
        html.close()
    }

    private static func contents(_ facts: PacketFacts, into html: inout Markup) {
        html.open("nav", [("class", "contents")])
        html.open("ol")
        // A change of one patch has no batch section.
        for section in sections where section.id != "batch" || facts.change.isBatch {
            html.open("li")
            html.element("a", [("href", "#\(section.id)")], text: section.title)
            html.close()
        }
        html.close()
        html.close()
    }

    private static func changeSection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "change")])
        html.element("h2", text: title(of: "change"))
        html.definitions(facts.changeFacts + facts.packetFacts)
        html.close()
    }

    private static func machinesSection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "machines")])
        html.element("h2", text: title(of: "machines"))
        if let lab = facts.overview.lab {
            html.element("p", text: "Lab \(lab.name): \(lab.description)")
        } else {
            html.element(
                "p", [("class", "muted")],
                text: "The lab file could not be read, so the production hosts are not known; "
                    + "the machines below are those the results name.")
        }
        html.open("table", [("class", "machines")])
        html.headerRow(["Machine", "Mirrors (production host)", "Role", "Criticality", "Hypervisor host", "Patched"])
        html.open("tbody")
        for machine in facts.machines {
            html.open("tr")
            html.element("td", text: machine.name)
            html.element("td", text: machine.mirrors ?? "unknown")
            html.element("td", text: machine.role ?? "unknown")
            html.element("td", text: machine.criticality ?? "unknown")
            html.element("td", text: machine.host.map(facts.hostWithURI) ?? "unknown")
            html.element("td", text: machine.outcome.map { $0.succeeded ? "yes" : "install failed" } ?? "no")
            html.close()
        }
        html.close()
        html.close()
        html.element(
            "p",
            text: "Deployment order: \(facts.deploymentOrder). Order: "
                + (facts.deploymentMachines.isEmpty ? "none" : facts.deploymentMachines.joined(separator: " → ")) + ".")
        if !facts.hosts.isEmpty {
            html.element("h3", text: "Hypervisor hosts")
            html.open("table", [("class", "hosts")])
            html.headerRow(["Host", "URI", "Host name", "libvirt", "QEMU"])
            html.open("tbody")
            for host in facts.hosts {
                html.open("tr")
                for text in [
                    host.name, host.uri, host.hostname ?? "unknown", host.libvirtVersion ?? "unknown", host.qemuVersion ?? "unknown",
                ] {
                    html.element("td", text: text)
                }
                html.close()
            }
            html.close()
            html.close()
        }
        html.close()
    }

    private static func timingsSection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "timings")])
        html.element("h2", text: title(of: "timings"))
        let phases = facts.result.phases
        if phases.isEmpty {
            html.element("p", [("class", "muted")], text: "No phase was recorded.")
        } else {
            html.open("table", [("class", "timings")])
            html.headerRow(["Phase", "Started", "Ended", "Duration", "Status"])
            html.open("tbody")
            for phase in phases {
                html.open("tr")
                html.element("td", text: phase.name.rawValue)
                html.element("td", text: ReportFormat.dateTime(phase.startedAt))
                html.element("td", text: ReportFormat.dateTime(phase.endedAt))
                html.element("td", [("class", "number")], text: ReportFormat.duration(phase.seconds))
                html.element("td", text: phase.status)
                html.close()
            }
            html.close()
            html.close()
        }
        html.close()
    }

    private static func filesSection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "files")])
        html.element("h2", text: title(of: "files"))
        let groups = facts.fileGroups
        if groups.isEmpty { html.element("p", [("class", "muted")], text: "The packet lists no file.") }
        for group in groups {
            html.element("h3", text: group.title)
            html.fileLinks(group.files, none: "none")
        }
        html.close()
    }
}
