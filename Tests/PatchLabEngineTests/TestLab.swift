import Foundation
import Libvirt
import PatchLabModel
@testable import PatchLabEngine

/// A throw-away PatchLab home with a recorded golden image, and labs on libvirt's test driver.
/// Lab names are unique per test because the test driver's state is shared within the process.
struct TestLab {
    let home: String
    let environment: EngineEnvironment
    let name: String

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-test-\(UUID().uuidString)").path
        environment = EngineEnvironment(home: home, agentTimeout: .seconds(2), poolName: "patchlab-\(UUID().uuidString.prefix(8))")
        name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        let imageDirectory = "\(home)/images/tiny"
        try FileManager.default.createDirectory(atPath: imageDirectory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: imageDirectory + "/disk.qcow2", contents: Data("not really qcow2".utf8))
        try ImageCatalog(environment: environment).save(
            ImageRecord(
                name: "tiny", disk: imageDirectory + "/disk.qcow2", kernel: nil, initrd: nil, cmdline: nil,
                sha256: String(repeating: "a", count: 64), sizeBytes: 16, virtualSizeBytes: 1 << 30, builtAt: Date(), recipe: "none",
                recipeSHA256: "none"))
    }

    func yaml(
        machines: [String] = ["web-01:pilot", "web-02:critical"], image: String = "tiny",
        uri: String = "test:///default", network: Bool = false
    ) -> String {
        var text = """
            lab: \(name)
            description: test lab
            hosts:
              local: \(uri)

            """
        if network {
            text += "networks:\n  lan:\n    address: 10.213.\(Int.random(in: 100...250)).1/24\n"
        }
        text += "machines:\n"
        for spec in machines {
            let parts = spec.split(separator: ":")
            text += """
                  - name: \(parts[0])
                    role: web
                    mirrors: prod-\(parts[0]).example.com
                    image: \(image)
                    criticality: \(parts[1])
                \(network ? "    networks: [lan]\n" : "")
                """
        }
        return text
    }

    func lab(_ yaml: String? = nil) throws -> Lab {
        let path = "\(home)/\(name).yaml"
        try (yaml ?? self.yaml()).write(toFile: path, atomically: true, encoding: .utf8)
        return try Lab.load(contentsOf: path)
    }

    /// `plan.yaml` in the home: plan P, one critical case on every web machine that runs `check-nginx`.
    func writePlan() throws {
        try """
        plan: P
        title: p
        version: "1"
        owner: o
        applications: [nginx]
        cases:
          - {id: P-1, title: nginx answers, functionality: f, on: "role:web", run: "check-nginx", severity: critical}
        """.write(toFile: home + "/plan.yaml", atomically: true, encoding: .utf8)
    }

    /// Names of every libvirt object on the test driver that carries this lab's prefix.
    static func objects(named prefix: String) async throws -> [String] {
        let connection = try await Connection.open("test:///default")
        var names = try await connection.allDomains().map(\.name)
        names += try await connection.allNetworks().map(\.name)
        for pool in ["default-pool"] {
            names += try await connection.storagePool(named: pool).volumes().map(\.name)
        }
        return names.filter { $0.hasPrefix(prefix) }
    }

    func volumes() async throws -> [String] {
        let connection = try await Connection.open("test:///default")
        guard let pool = try? await connection.storagePool(named: environment.poolName) else { return [] }
        return try await pool.volumes().map(\.name)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: home) }
}
