import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

/// A lab over several hosts: every summary names the host each machine ran on (the one `host: auto`
/// chose, not "auto") and each host's libvirt and QEMU versions, from `lab/environment.json`.
@Suite struct SummaryHostsTests {
    let overview = SummaryFixtures.twoHosts()

    @Test func markdownListsEachHostWithItsVersions() {
        let text = PacketSummaryMarkdown.render(overview)
        #expect(text.contains("### Hypervisor hosts"))
        #expect(text.contains("| local | qemu:///system | lab-host | 9.0.0 | 7.2.22 |"), "\(text)")
        #expect(text.contains("| rack-2 | qemu+tcp://rack-2.example.com/system | rack-2 | 9.5.0 | 8.1.3 |"))
        #expect(
            text.contains("| web-02 | prod-web-02.example.com | web | high | rack-2 (qemu+tcp://rack-2.example.com/system) |"),
            "the machine placed by host: auto shows where it ran")
        #expect(!text.contains("| auto"))
    }

    @Test func htmlListsEachHostWithItsVersions() {
        let html = PacketSummaryHTML.render(overview)
        #expect(html.contains("<h3>Hypervisor hosts</h3>"))
        for cell in ["rack-2", "qemu+tcp://rack-2.example.com/system", "9.5.0", "8.1.3", "9.0.0", "7.2.22"] {
            #expect(html.contains("<td>\(cell)</td>"), "missing \(cell)")
        }
        #expect(html.contains("<td>rack-2 (qemu+tcp://rack-2.example.com/system)</td>"))
    }

    @Test func terminalSummaryListsEachHost() {
        let text = PacketSummaryText.render(overview, colour: false)
        #expect(text.contains("  local qemu:///system (lab-host): libvirt 9.0.0, QEMU 7.2.22"))
        #expect(text.contains("  rack-2 qemu+tcp://rack-2.example.com/system (rack-2): libvirt 9.5.0, QEMU 8.1.3"))
    }

    @Test func withoutHostFactsThereIsNoHostTable() {
        #expect(!PacketSummaryMarkdown.render(SummaryFixtures.go()).contains("Hypervisor hosts"))
        #expect(!PacketSummaryHTML.render(SummaryFixtures.go()).contains("Hypervisor hosts"))
    }

    @Test func theWriterAndReaderCarryTheEnvironmentIntoTheOverview() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-hosts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/lab", withIntermediateDirectories: true)
        try JSONEncoder().encode(overview.environment).write(to: URL(fileURLWithPath: folder + "/" + PacketLayout.environment))
        try PacketJSON.encoder.encode(overview.result).write(to: URL(fileURLWithPath: folder + "/" + PacketLayout.rehearsal))
        let read = try PacketReader.overview(ofFolder: folder)
        #expect(read.environment == overview.environment)
    }
}
