import Foundation
import Libvirt
import PatchLabModel
import PatchLabEngine
import PatchLabEvidence

/// Measures `lab up` against the raw libvirt floor in the same run: the floor is a bare linked clone,
/// define and start of the same domain XML, then polling `guest-ping` until the agent first answers —
/// what a script around `virsh` would do, with none of PatchLab's bookkeeping.
public struct LabBenchmark: Sendable {
    public struct Row: Sendable, Codable {
        public var machines: Int
        public var rawSeconds: Double
        public var patchlabSeconds: Double
        public var ratio: Double { patchlabSeconds / rawSeconds }
    }

    public let provisioner: LabProvisioner
    public let image: String
    public let hostURI: String

    public init(provisioner: LabProvisioner, image: String = "debian-12", hostURI: String = "qemu:///system") {
        self.provisioner = provisioner
        self.image = image
        self.hostURI = hostURI
    }

    public func run(machineCounts: [Int], progress: @escaping @Sendable (String) -> Void) async throws -> [Row] {
        var rows: [Row] = []
        for count in machineCounts {
            let lab = try benchLab(machines: count)
            progress("N=\(count): raw define+start+first agent answer…")
            let raw = try await rawFloor(lab)
            progress("N=\(count): raw \(String(format: "%.1f", raw)) s; patchlab lab up…")
            let start = ContinuousClock.now
            try await provisioner.up(lab)
            let patchlab = (ContinuousClock.now - start).seconds
            try await provisioner.down(labNamed: lab.name)
            rows.append(Row(machines: count, rawSeconds: raw, patchlabSeconds: patchlab))
            progress("N=\(count): patchlab \(String(format: "%.1f", patchlab)) s")
        }
        return rows
    }

    func benchLab(machines count: Int) throws -> Lab {
        let machines = (1...count).map { i in
            "  - {name: m\(i), role: bench, mirrors: bench-\(i), image: \(image), criticality: low}"
        }.joined(separator: "\n")
        return try Lab.parse(
            yaml: """
                lab: bench\(count)
                description: lab-up benchmark
                hosts: {local: "\(hostURI)"}
                machines:
                \(machines)
                """, file: "<bench>")
    }

    /// The floor: same image, same XML, no state file, no events, no hostname; cleaned up after.
    private func rawFloor(_ lab: Lab) async throws -> Double {
        let connection = try await provisioner.connections.connection(hostURI)
        let source = try ImageCatalog(environment: provisioner.environment).bootSources(for: lab).values.first!
        let choice = try await provisioner.accelerators.resolve(
            requested: .auto, connection: connection,
            probeKernel: source.kernelBoot?.kernel)
        let pool = try await provisioner.ensurePool(on: connection)
        let created = CreatedObjects()
        let start = ContinuousClock.now
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for machine in lab.machines {
                    group.addTask {
                        let name = "pl-rawbench-\(UUID().uuidString.prefix(6).lowercased())-\(machine.name)"
                        let volume = try await pool.createVolume(
                            xml: """
                                <volume><name>\(name).qcow2</name><capacity unit='bytes'>\(source.virtualSizeBytes)</capacity>
                                <target><format type='qcow2'/></target>
                                <backingStore><path>\(source.disk)</path><format type='qcow2'/></backingStore></volume>
                                """)
                        created.add(volume: volume)
                        let xml = DomainDefinition(
                            domainName: name, runPrefix: "pl-rawbench", lab: "rawbench", machine: machine,
                            virtType: choice.virtType, diskPath: volume.path, kernelBoot: source.kernelBoot,
                            networkNames: [],
                            consoleLog: "\(self.provisioner.environment.consolesDirectory)/\(name).log"
                        ).xml
                        let domain = try await connection.defineDomain(xml: xml)
                        created.add(domain: domain)
                        try await domain.start()
                        let agent = GuestAgent(domain: domain)
                        while (try? await agent.ping(timeoutSeconds: 1)) == nil {
                            try await Task.sleep(for: .milliseconds(50))
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            await created.remove(consoles: provisioner.environment.consolesDirectory)
            throw error
        }
        let elapsed = (ContinuousClock.now - start).seconds
        await created.remove(consoles: provisioner.environment.consolesDirectory)
        return elapsed
    }
}

/// What the raw floor created, removed whatever happens: a benchmark must not leak domains either.
final class CreatedObjects: @unchecked Sendable {
    private let lock = NSLock()
    private var domains: [Domain] = []
    private var volumes: [StorageVolume] = []

    func add(domain: Domain) { lock.withLock { domains.append(domain) } }
    func add(volume: StorageVolume) { lock.withLock { volumes.append(volume) } }

    func remove(consoles: String) async {
        let (domains, volumes) = lock.withLock { (self.domains, self.volumes) }
        for domain in domains {
            try? await domain.destroy()
            try? await domain.undefine()
            try? FileManager.default.removeItem(atPath: "\(consoles)/\(domain.name).log")
        }
        for volume in volumes { try? await volume.delete() }
    }
}
