import Foundation
import Libvirt
import PatchLabModel

/// A rehearsal's lab hosts that stopped answering, as libvirt tells: it closes a connection when the
/// daemon's socket ends or keepalive gets no answer (``HostConnections``). Asked after every phase
/// and whenever one fails, so a lost host ends the run wherever it happens.
struct HostWatch: Sendable {
    let provisioner: LabProvisioner
    let lab: Lab

    /// The loss, if any host of the lab is lost, as happening during `phase`.
    func loss(during phase: RehearsalPhase) async -> HostLoss? {
        let state = try? provisioner.state(of: lab.name)
        var names: [String: String] = [:]
        for host in lab.hosts { names[host.uri] = host.name }
        for machine in state?.machines ?? [] { names[machine.hostURI] = machine.host ?? names[machine.hostURI] ?? machine.hostURI }
        let lost = await provisioner.connections.lost(among: names.keys)
        guard !lost.isEmpty else { return nil }
        let hosts = lost.keys.sorted().map { HostLoss.Host(name: names[$0] ?? $0, uri: $0, reason: "\(lost[$0]!)") }
        return HostLoss(hosts: hosts, phase: phase)
    }
}

/// One or more hosts stopped answering during a phase: the rehearsal ends NO-GO with this reason.
struct HostLoss: Error, Sendable, CustomStringConvertible {
    struct Host: Sendable {
        var name: String
        var uri: String
        var reason: String
    }

    var hosts: [Host]
    var phase: RehearsalPhase

    var uris: Set<String> { Set(hosts.map(\.uri)) }

    /// "host rack-2 lost during post-patch".
    var description: String {
        let names = hosts.map(\.name)
        return (names.count == 1 ? "host \(names[0])" : "hosts \(names.joined(separator: ", "))") + " lost during \(phase.rawValue)"
    }

    /// Why, per host, for the notes.
    var details: String {
        hosts.map { "\($0.name) (\($0.uri)): \($0.reason)" }.joined(separator: "; ")
    }
}
