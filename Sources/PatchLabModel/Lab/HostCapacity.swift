/// Whether a lab's machines can fit on its hosts at all, by `max_machines` alone: what can be known
/// from the file, before any host is asked for its free memory.
///
/// | machine's `host:` | host has `max_machines` | refused when                                           |
/// | ----------------- | ----------------------- | ------------------------------------------------------ |
/// | a host's name     | no                      | never (by count)                                       |
/// | a host's name     | yes                     | it is past that host's limit, in file order            |
/// | `auto`            | on every host           | every host's room left after the pinned ones is taken  |
/// | `auto`            | not on some host        | never (by count): that host takes the rest             |
///
/// Each refusal is at the `host:` value of the first machine that does not fit.
struct HostCapacity {
    let hosts: [LabHost]
    let machines: [Machine]

    var problems: [Diagnostic] {
        var problems: [Diagnostic] = []
        var pinned: [String: Int] = [:]
        let limits = Dictionary(hosts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for machine in machines where machine.host != LabHost.automatic {
            pinned[machine.host, default: 0] += 1
            guard let host = limits[machine.host], let limit = host.maxMachines, pinned[machine.host]! > limit else { continue }
            let at = host.maxMachinesLocation.map { " (max_machines at line \($0.line))" } ?? ""
            problems.append(
                .error(
                    "machine '\(machine.name)' is machine \(pinned[machine.host]!) on host '\(host.name)', which "
                        + "takes at most \(limit)\(at); expected another host, `host: auto`, or a higher max_machines",
                    at: machine.locations.host))
        }
        // Room for `host: auto`: unlimited as soon as one host has no limit.
        guard hosts.allSatisfy({ $0.maxMachines != nil }) else { return problems }
        let room = hosts.reduce(0) { $0 + max(0, $1.maxMachines! - (pinned[$1.name] ?? 0)) }
        let automatic = machines.filter { $0.host == LabHost.automatic }
        if automatic.count > room, let first = automatic.dropFirst(room).first {
            let limits = hosts.map { "\($0.name) \($0.maxMachines!)" }.joined(separator: ", ")
            problems.append(
                .error(
                    "machine '\(first.name)' has `host: auto` but no host has room left: \(automatic.count) machines "
                        + "are placed automatically and the hosts take \(room) more (max_machines: \(limits)); "
                        + "expected fewer machines, another host, or higher max_machines", at: first.locations.host))
        }
        return problems
    }
}
