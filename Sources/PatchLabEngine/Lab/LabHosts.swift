import Foundation
import Libvirt
import PatchLabModel

/// The hosts one `lab up` uses: connected, asked for their room when a machine is `host: auto`,
/// and each machine placed (``HostPlacement``). Then each used host is prepared: its pool, the
/// boot files carried to it when it is remote (``ImageCarrier``), its accelerator, its boot gate.
struct LabHosts: Sendable {
    let lab: Lab
    /// By host name: every host a machine names, and every host when one is `auto`.
    let connections: [String: Connection]
    let placement: HostPlacement

    /// The hosts that got at least one machine, in file order.
    var used: [LabHost] {
        let names = Set(placement.hostOf.values)
        return lab.hosts.filter { names.contains($0.name) }
    }

    static func open(_ lab: Lab, connections: HostConnections, progress: LabProgress) async throws -> LabHosts {
        let automatic = lab.machines.contains(where: \.isPlacedAutomatically)
        let candidates = lab.hosts.filter { host in automatic || lab.machines.contains { $0.host == host.name } }
        let opened = try await withThrowingTaskGroup(of: (String, Connection).self) { group in
            for host in candidates { group.addTask { (host.name, try await connections.connection(host.uri)) } }
            return try await group.reduce(into: [String: Connection]()) { $0[$1.0] = $1.1 }
        }
        let placement: HostPlacement
        if automatic {
            var rooms: [HostRoom] = []
            for host in candidates { rooms.append(try await HostRoom.measure(host, on: opened[host.name]!)) }
            placement = try HostPlacement.place(lab, rooms: rooms)
            for machine in lab.machines where machine.isPlacedAutomatically {
                progress(.placed(machine: machine.name, host: placement.hostOf[machine.name]!))
            }
        } else {
            placement = HostPlacement(hostOf: Dictionary(uniqueKeysWithValues: lab.machines.map { ($0.name, $0.host) }))
        }
        return LabHosts(lab: lab, connections: opened, placement: placement)
    }

    /// Every used host made ready for its machines, in parallel; by host name.
    func prepare(
        sources: [String: ImageCatalog.BootSource], provisioner: LabProvisioner,
        progress: @escaping LabProgress
    ) async throws -> [String: HostSite] {
        let digests = LocalDigests()
        var byHost: [String: [String]] = [:]
        for machine in lab.machines { byHost[placement.hostOf[machine.name]!, default: []].append(machine.name) }
        return try await withThrowingTaskGroup(of: HostSite.self) { group in
            for host in used {
                let (connection, machines, lab) = (connections[host.name]!, byHost[host.name]!, self.lab)
                group.addTask {
                    let pool = try await provisioner.ensurePool(on: connection)
                    var hostSources: [String: ImageCatalog.BootSource] = [:]
                    if host.isRemote {
                        // Once per distinct source, however many machines boot from it.
                        let carrier = ImageCarrier(host: host, pool: pool, progress: progress)
                        var carried: [ImageCatalog.BootSource: ImageCatalog.BootSource] = [:]
                        for machine in machines {
                            let source = sources[machine]!
                            if carried[source] == nil { carried[source] = try await carrier.carry(source, digests: digests) }
                            hostSources[machine] = carried[source]
                        }
                    } else {
                        for machine in machines { hostSources[machine] = sources[machine] }
                    }
                    let probeKernel = hostSources.values.compactMap(\.kernelBoot?.kernel).min()
                    let choice = try await provisioner.accelerators.resolve(
                        requested: lab.accelerator, connection: connection,
                        probeKernel: probeKernel, remotePool: host.isRemote ? pool : nil)
                    progress(.accelerator(host: host.name, choice: choice))
                    return HostSite(
                        host: host, connection: connection, pool: pool,
                        poolPath: host.isRemote ? try await pool.targetPath() : provisioner.environment.poolDirectory,
                        sources: hostSources, choice: choice, gate: await provisioner.bootGates.gate(for: host))
                }
            }
            return try await group.reduce(into: [String: HostSite]()) { $0[$1.host.name] = $1 }
        }
    }
}
