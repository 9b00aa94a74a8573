extension Lab {
    /// Machines with the given role, in file order (how test plans select their targets).
    public func machines(withRole role: String) -> [Machine] {
        machines.filter { $0.role == role }
    }

    public func machine(named name: String) -> Machine? {
        machines.first { $0.name == name }
    }

    public func host(named name: String) -> LabHost? {
        hosts.first { $0.name == name }
    }

    public func network(named name: String) -> LabNetwork? {
        networks.first { $0.name == name }
    }

    /// The host a machine runs on.
    public func host(of machine: Machine) -> LabHost? {
        host(named: machine.host)
    }

    /// Machines in phased roll-out order: least critical first; machines of equal criticality keep
    /// their file order, so the operator decides the order within a phase.
    public var phasedOrder: [Machine] {
        machines.enumerated()
            .sorted { ($0.element.criticality.rank, $0.offset) < ($1.element.criticality.rank, $1.offset) }
            .map(\.element)
    }

    /// A path from the lab file (image, kernel, initrd) made usable: relative paths are relative to
    /// the lab file's folder, so a lab works whatever the current directory is.
    public func resolvedPath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
    }
}
