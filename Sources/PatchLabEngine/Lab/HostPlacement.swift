import PatchLabModel

/// Which host each machine of a lab runs on: a named host as written, and `host: auto` on the host
/// with the most memory left, among those under their `max_machines` with room for the machine.
///
/// Machines named to a host are placed first and take their memory from it (they are never refused
/// for memory: the operator chose, and free memory counts page cache as used). Then the `auto`
/// machines, in file order:
///
/// | hosts under max_machines with memory ≥ the machine's | placed on                          |
/// | ---------------------------------------------------- | ---------------------------------- |
/// | none                                                 | refused at the machine's `host:`   |
/// | one                                                  | that host                          |
/// | several                                              | the most memory left; ties: the first in the file |
///
/// Linear in machines × hosts: a lab of 500 machines on 5 hosts is 2 500 comparisons.
public struct HostPlacement: Sendable, Equatable {
    /// Host name of every machine, by machine name.
    public var hostOf: [String: String]

    public init(hostOf: [String: String]) { self.hostOf = hostOf }

    /// Places `lab`'s machines on the hosts whose room is in `rooms` (every host a machine names, and
    /// every host when any machine is `auto`).
    ///
    /// - Throws: ``ModelError`` naming each machine that fits nowhere, at its `host:` line, with each
    ///   host's memory and count.
    public static func place(_ lab: Lab, rooms: [HostRoom]) throws -> HostPlacement {
        var memory = rooms.map { Int64(clamping: $0.memoryBytes) }
        var count = [Int](repeating: 0, count: rooms.count)
        let index = Dictionary(rooms.enumerated().map { ($1.host.name, $0) }, uniquingKeysWith: { first, _ in first })
        var hostOf: [String: String] = [:]
        for machine in lab.machines where !machine.isPlacedAutomatically {
            hostOf[machine.name] = machine.host
            guard let i = index[machine.host] else { continue }
            memory[i] -= Self.bytes(machine)
            count[i] += 1
        }
        var problems: [Diagnostic] = []
        for machine in lab.machines where machine.isPlacedAutomatically {
            let need = Self.bytes(machine)
            var best: Int?
            for i in rooms.indices where memory[i] >= need && count[i] < (rooms[i].host.maxMachines ?? .max) {
                if best == nil || memory[i] > memory[best!] { best = i }
            }
            guard let chosen = best else {
                problems.append(
                    .error(
                        "no host has room for machine '\(machine.name)' (\(MebibyteSize.format(machine.memoryMiB))): "
                            + Self.describe(rooms, memory: memory, count: count)
                            + "; expected a host with the memory free and under its max_machines", at: machine.locations.host))
                continue
            }
            hostOf[machine.name] = rooms[chosen].host.name
            memory[chosen] -= need
            count[chosen] += 1
        }
        if !problems.isEmpty { throw ModelError(problems) }
        return HostPlacement(hostOf: hostOf)
    }

    static func bytes(_ machine: Machine) -> Int64 { Int64(machine.memoryMiB) << 20 }

    private static func describe(_ rooms: [HostRoom], memory: [Int64], count: [Int]) -> String {
        rooms.indices.map { i in
            let host = rooms[i].host
            if let limit = host.maxMachines, count[i] >= limit { return "\(host.name) is at max_machines \(limit)" }
            let left = max(0, memory[i]) >> 20
            return "\(host.name) has \(MebibyteSize.format(Int(left))) left (\(rooms[i].memorySource))"
        }.joined(separator: ", ")
    }
}
