import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

extension RealVMTests.RealLabTests {
    /// An image built to match production raises the lab's fidelity. Production is the shared lab's
    /// own guest with what a real server adds: two packages the image lacks (`tree`, `less`, at the
    /// versions Debian's archives offer), a service it has disabled (`systemd-sysext`), and one
    /// package no archive has. The matched image is built by the real recipe (apt inside the tree,
    /// checking Debian's signed index), booted, and scored against the same capture.
    @Test func anImageBuiltToMatchProductionRaisesFidelity() async throws {
        let base = try await RealLab.shared.lab()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-match-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = ProductionStore(directory: folder)
        let guest = try await FingerprintCollector(spec: FingerprintSpec()).take(machine: "prod-web-01", phase: nil, channel: base.channel)
        var production = guest
        for name in ["tree", "less"] {
            let version = try #require(Self.archiveVersion(of: name), "apt on this host does not know \(name)")
            production.packages[name] = version
        }
        production.packages["patchlab-no-such-package"] = "1.0-1"
        let sysext = try #require(guest.services["systemd-sysext.service"])
        #expect(sysext.enabled == "disabled", "the image leaves it disabled")
        production.services["systemd-sysext.service"] = ServiceStatus(active: sysext.active, enabled: "enabled")
        let path = try store.save(
            ProductionRecord(
                name: "prod-web-01", host: "it-01", capturedAt: Date(), capturedBy: "test",
                capturedOn: "test", method: .file, hostKey: nil, probeSHA256: String(repeating: "a", count: 64),
                spec: FingerprintSpec(origins: true), fingerprint: production))

        let before = try await LabFidelity(provisioner: base.provisioner, store: store).report(lab: base.lab)
        let scoreBefore = try #require(before.machines.first?.computedScore)

        let environment = try EngineEnvironment.fromProcess()
        let imageName = "debian-12-match-it\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: "\(environment.imagesDirectory)/\(imageName)") }
        let matched = try ImageMatcher(environment: environment).build(recipe: "debian-12", matching: path, as: imageName)
        #expect(matched.report.installed.contains("tree=\(production.packages["tree"]!)"), "\(matched.report)")
        #expect(matched.report.installed.contains("less=\(production.packages["less"]!)"))
        // Versions of the golden image that a later point release replaced in the archive are
        // unavailable too; the made-up package always is.
        #expect(matched.report.unavailable.contains("patchlab-no-such-package=1.0-1"))
        #expect(matched.report.enabled.contains("systemd-sysext.service"))
        #expect(matched.report.failures.isEmpty, "\(matched.report.failures)")
        #expect(FileManager.default.fileExists(atPath: "\(environment.imagesDirectory)/\(imageName)/match.json"))

        let labFile = FileManager.default.temporaryDirectory.appendingPathComponent("itm\(ProcessInfo.processInfo.processIdentifier).yaml")
            .path
        defer { try? FileManager.default.removeItem(atPath: labFile) }
        try """
        lab: itm\(ProcessInfo.processInfo.processIdentifier)
        description: matched image test lab
        machines:
          - {name: it-01, role: web, mirrors: prod-web-01.example.com, image: \(imageName), memory: 512 MiB, criticality: pilot}
        """.write(toFile: labFile, atomically: true, encoding: .utf8)
        let lab = try Lab.load(contentsOf: labFile)
        let provisioner = LabProvisioner(environment: environment)
        _ = try await provisioner.up(lab)
        do {
            let after = try await LabFidelity(provisioner: provisioner, store: store).report(lab: lab)
            let machine = try #require(after.machines.first)
            let scoreAfter = try #require(machine.computedScore)
            #expect(scoreAfter > scoreBefore, "matched \(scoreAfter), plain \(scoreBefore)")
            let packages = try #require(machine.dimension(.packages))
            let unavailable = Set(matched.report.unavailable.map { String($0.prefix { $0 != "=" }) })
            #expect(packages.differences.contains { $0.key == "patchlab-no-such-package" && $0.kind == .missingInLab })
            #expect(
                packages.differences.allSatisfy { unavailable.contains($0.key) },
                "every package the archives have is at production's version: \(packages.differences.map(\.line))")
            #expect(
                machine.dimension(.services)?.differences.isEmpty == true, "\(machine.dimension(.services)?.differences.map(\.line) ?? [])")
        } catch {
            _ = try? await provisioner.down(labNamed: lab.name)
            throw error
        }
        try await provisioner.down(labNamed: lab.name)
    }

    /// The candidate version of `name` in this host's apt lists (the same Debian suites the recipe uses).
    private static func archiveVersion(of name: String) -> String? {
        guard let output = try? Process.capture("/usr/bin/apt-cache", ["madison", name]) else { return nil }
        return output.split(separator: "\n").first.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            .flatMap { $0.count >= 2 ? $0[1] : nil }
    }
}
