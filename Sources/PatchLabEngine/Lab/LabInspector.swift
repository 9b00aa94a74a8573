import Foundation
import Libvirt
import PatchLabModel

/// Reads a lab's machines as they are now, and opens a machine's guest channel for commands.
public struct LabInspector: Sendable {
    public let provisioner: LabProvisioner

    public init(provisioner: LabProvisioner) { self.provisioner = provisioner }

    /// State and guest facts for every machine of the lab, read in parallel.
    public func status(of lab: Lab) async throws -> [MachineStatus] {
        let state = try provisioner.state(of: lab.name)
        let records = Dictionary((state?.machines ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return try await withThrowingTaskGroup(of: (Int, MachineStatus).self) { group in
            for (index, machine) in lab.machines.enumerated() {
                let record = records[machine.name]
                let hostURI = record?.hostURI ?? lab.hosts.first { $0.name == machine.host }?.uri ?? ""
                let host = record?.host ?? lab.hosts.first { $0.uri == hostURI }?.name ?? machine.host
                group.addTask {
                    var status = MachineStatus(
                        name: machine.name, role: machine.role, mirrors: machine.mirrors,
                        criticality: machine.criticality.rawValue, domain: record?.domain,
                        host: host, hostURI: hostURI, accelerator: record.map { $0.virtType == "qemu" ? "tcg" : $0.virtType },
                        state: "not created")
                    guard let record else { return (index, status) }
                    do {
                        let connection = try await provisioner.connections.connection(record.hostURI)
                        guard let domain = try await connection.domainIfPresent(named: record.domain) else {
                            status.state = "missing (removed outside PatchLab)"
                            return (index, status)
                        }
                        status.state = try await domain.state().state.description
                        guard try await domain.isActive() else { return (index, status) }
                        let channel = provisioner.guestChannel(domain)
                        status.hostname = try await channel.hostname()
                        status.os = try await channel.osInfo()
                    } catch {
                        status.guestError = "\(error)"
                    }
                    return (index, status)
                }
            }
            var results: [(Int, MachineStatus)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The domain of a machine of an up lab, running or not.
    public func domain(lab: Lab, machine name: String) async throws -> Domain {
        guard let state = try provisioner.state(of: lab.name), let record = state.machines.first(where: { $0.name == name }) else {
            throw EngineError.labNotUp(lab: lab.name)
        }
        let connection = try await provisioner.connections.connection(record.hostURI)
        guard let domain = try await connection.domainIfPresent(named: record.domain) else {
            throw EngineError.machineNotRunning(machine: name, state: "its domain \(record.domain) is gone")
        }
        return domain
    }

    /// The guest channel of a running machine of an up lab.
    public func channel(lab: Lab, machine name: String) async throws -> any GuestChannel {
        guard lab.machine(named: name) != nil else {
            throw EngineError.machineNotInLab(machine: name, lab: lab.name, known: lab.machines.map(\.name))
        }
        guard let state = try provisioner.state(of: lab.name), let record = state.machines.first(where: { $0.name == name }) else {
            throw EngineError.labNotUp(lab: lab.name)
        }
        let connection = try await provisioner.connections.connection(record.hostURI)
        guard let domain = try await connection.domainIfPresent(named: record.domain) else {
            throw EngineError.machineNotRunning(machine: name, state: "its domain \(record.domain) is gone")
        }
        let current = try await domain.state().state
        guard current == .running else { throw EngineError.machineNotRunning(machine: name, state: current.description) }
        return provisioner.guestChannel(domain)
    }
}
