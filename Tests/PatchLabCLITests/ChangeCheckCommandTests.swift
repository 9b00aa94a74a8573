import Foundation
import Testing
import PatchLabTestSupport

/// `patchlab change check`: what a rehearsal would check and do, with nothing started.
@Suite struct ChangeCheckCommandTests {
    /// A lab of two machines on libvirt's test driver, a plan, a patch file, and a change naming them.
    func write(_ binary: PatchlabBinary, digest: String? = nil) throws -> String {
        _ = try binary.write(
            "lab.yaml",
            """
            lab: checked
            description: a lab for change check
            hosts:
              local: test:///default
            machines:
              - {name: web-01, role: web, mirrors: prod-web-01, image: debian-12, criticality: pilot}
              - {name: web-02, role: web, mirrors: prod-web-02, image: debian-12, criticality: critical}
            """)
        _ = try binary.write(
            "plan.yaml",
            """
            plan: P
            title: p
            version: "2"
            owner: o
            applications: [nginx]
            cases:
              - {id: P-1, title: t, functionality: f, on: "role:web", run: "true"}
            """)
        let patchFile = try binary.write("fix.conf", "server_tokens off;\n")
        let actual =
            String(decoding: try ToolProcess.run("/usr/bin/sha256sum", [patchFile], timeout: .seconds(30)).stdout, as: UTF8.self).split(
                separator: " "
            ).first.map(String.init) ?? ""
        return try binary.write(
            "CHG-0100.yaml",
            """
            change: CHG-0100
            title: a checked change
            type: normal
            reason: test
            risk: low
            lab: lab.yaml
            plans: [plan.yaml]
            patch:
              description: a conf file
              files:
                - source: fix.conf
                  sha256: \(digest ?? actual)
                  destination: /etc/nginx/conf.d/fix.conf
              install: "systemctl reload nginx"
            deployment:
              order: phased
            """)
    }

    @Test func aGoodChangeIsDescribedWithItsMachinesInDeploymentOrder() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let change = try write(binary)
        let result = try binary.run(["change", "check", change])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("change CHG-0100 (normal, risk low): a checked change"))
        #expect(result.stdout.contains("  P p, version 2: 1 case(s)"))
        #expect(result.stdout.contains("fix.conf "), "the patch file is listed with its digest")
        #expect(result.stdout.contains("install: systemctl reload nginx"))
        #expect(result.stdout.contains("  1. web-01 [pilot]") && result.stdout.contains("  2. web-02 [critical]"))
        let json = try binary.run(["change", "check", change, "--json", "--machines", "web-02"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["targets"] as? [[String: Any]])?.map { $0["machine"] as? String } == ["web-02"])
        #expect(!FileManager.default.fileExists(atPath: binary.home + "/state"), "no lab state: nothing was started")
        #expect(!FileManager.default.fileExists(atPath: binary.home + "/runs.sqlite"), "no run was recorded")
    }

    @Test func aWrongDigestIsAnErrorAtItsLineAndNothingStarts() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let change = try write(binary, digest: String(repeating: "0", count: 64))
        let result = try binary.run(["change", "check", change])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(change):12:"), "\(result.stderr)")
        #expect(result.stderr.contains("patch file fix.conf has sha256"))
        let unknown = try binary.run(["change", "check", change, "--machines", "db-01"])
        #expect(unknown.status == 1)
        #expect(!FileManager.default.fileExists(atPath: binary.home + "/state"))
    }
}
