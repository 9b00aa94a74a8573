import Foundation
import PatchLabEngine
import PatchLabModel

/// The files of one scale run, in a folder of their own: `hosts` test-driver hosts (`test:///FILE`,
/// each a libvirt of its own), a stand-in golden image, a lab of `machines` machines placed by
/// `host: auto` within `max_machines` and `max_parallel_boots`, a two-case plan, and a change that
/// patches every machine, phased.
struct ScaleScenario {
    let folder: String
    let machines: Int
    let hostURIs: [String]
    let bootLimit: Int
    let patchDestination = "/etc/patchlab-bench/fix.conf"
    let patchDigest: String
    var environment: EngineEnvironment { EngineEnvironment(home: folder + "/home", agentTimeout: .seconds(60), poolName: "patchlab") }
    var changeFile: String { folder + "/change.yaml" }
    var labName: String { "scale\(machines)" }

    init(folder: String, machines: Int, hosts: Int, bootLimit: Int) throws {
        self.folder = folder
        self.machines = machines
        self.bootLimit = bootLimit
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/home/images/tiny", withIntermediateDirectories: true)
        hostURIs = try (1...hosts).map { index in
            let path = "\(folder)/host\(index).xml"
            // 1 TiB each: memory never limits here, `max_machines` does.
            try """
            <node>
              <cpu><nodes>1</nodes><sockets>1</sockets><cores>64</cores><threads>1</threads><active>64</active><mhz>2000</mhz><model>x86_64</model></cpu>
              <memory>\(1 << 30)</memory>
            </node>
            """.write(toFile: path, atomically: true, encoding: .utf8)
            return "test://\(path)"
        }
        let disk = folder + "/home/images/tiny/disk.qcow2"
        _ = fm.createFile(atPath: disk, contents: Data("a stand-in: the test driver never reads it".utf8))
        try ImageCatalog(environment: EngineEnvironment(home: folder + "/home")).save(
            ImageRecord(
                name: "tiny", disk: disk, kernel: nil, initrd: nil, cmdline: nil, sha256: try FileDigest.sha256(ofFile: disk),
                sizeBytes: 42, virtualSizeBytes: 1 << 30, builtAt: Date(), recipe: "none", recipeSHA256: "none"))
        try "server_tokens off;\n".write(toFile: folder + "/fix.conf", atomically: true, encoding: .utf8)
        patchDigest = try FileDigest.sha256(ofFile: folder + "/fix.conf")
        try labYAML(hosts: hosts).write(toFile: folder + "/lab.yaml", atomically: true, encoding: .utf8)
        try """
        plan: SCALE
        title: scale benchmark plan
        version: "1"
        owner: bench
        applications: [nginx]
        cases:
          - {id: S-1, title: the machine answers, functionality: reachable, on: "role:bench", run: [uname, -s], severity: critical}
          - {id: S-2, title: nginx runs, functionality: serving, on: "role:bench", run: [systemctl, is-active, nginx], severity: critical}
        """.write(toFile: folder + "/plan.yaml", atomically: true, encoding: .utf8)
        try """
        change: CHG-9999
        title: scale benchmark change
        type: normal
        reason: measure the orchestration
        risk: low
        lab: lab.yaml
        plans: [plan.yaml]
        patch:
          description: a conf file
          files:
            - source: fix.conf
              sha256: \(patchDigest)
              destination: \(patchDestination)
          install: "systemctl reload nginx"
        deployment:
          order: phased
        """.write(toFile: changeFile, atomically: true, encoding: .utf8)
    }

    private func labYAML(hosts: Int) -> String {
        let perHost = (machines + hosts - 1) / hosts
        var text = "lab: \(labName)\ndescription: scale benchmark\nhosts:\n"
        for (index, uri) in hostURIs.enumerated() {
            text += "  h\(index + 1): {uri: \"\(uri)\", max_machines: \(perHost), max_parallel_boots: \(bootLimit)}\n"
        }
        text += "machines:\n"
        let criticalities = ["pilot", "low", "medium", "high", "critical"]
        for i in 1...machines {
            text += "  - {name: m\(i), role: bench, mirrors: bench-\(i), image: tiny, criticality: \(criticalities[i % 5]), host: auto}\n"
        }
        return text
    }
}
