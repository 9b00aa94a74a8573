/// Turns a lab document into a ``Lab``, reporting every problem to the reader rather than stopping at
/// the first. Returns nil when something required could not be read (it has been reported then).
struct LabParser {
    static let labKeys = ["lab", "description", "accelerator", "hosts", "networks", "machines"]
    static let hostKeys = ["uri", "max_machines", "max_parallel_boots"]
    static let networkKeys = ["address"]
    static let machineKeys = [
        "name", "role", "mirrors", "image", "memory", "vcpus", "criticality",
        "host", "networks", "kernel", "initrd", "cmdline",
    ]

    let reader: YAMLReader

    /// Names that references may use; nil when the section could not be read, so that references
    /// are not reported as unknown on top of the real problem.
    private struct KnownNames {
        /// In file order, for messages.
        var hosts: [String]?
        var networks: [String]?
        /// The same, for lookups: a lab of thousands of machines and networks checked each reference
        /// against the whole list.
        var hostSet: Set<String>
        var networkSet: Set<String>

        init(hosts: [String]?, networks: [String]?) {
            self.hosts = hosts
            self.networks = networks
            hostSet = Set(hosts ?? [])
            networkSet = Set(networks ?? [])
        }
    }

    func parse() -> Lab? {
        guard let document = reader.document(of: "lab", keys: Self.labKeys) else { return nil }
        let name = document.required("lab")?.string(expected: NameRules.nameShape, where: NameRules.isValidName)
        let description = document.required("description")?.string()
        let acceleratorValue = document.optional("accelerator")
        let accelerator = acceleratorValue?.oneOf(Accelerator.self)
        let (hosts, hostNames) = parseHosts(document.optional("hosts"))
        let (networks, networkNames) = parseNetworks(document.optional("networks"))
        let known = KnownNames(hosts: hostNames, networks: networkNames)
        let machines = parseMachines(
            document.required("machines"), known: known,
            defaultHost: hosts.first?.name ?? LabHost.defaultLocal(file: reader.file).name)

        guard let name, let description, let machines, acceleratorValue == nil || accelerator != nil else {
            return nil
        }
        let capacity = HostCapacity(hosts: hosts, machines: machines).problems
        for problem in capacity { reader.error(problem.message, at: problem.location) }
        guard capacity.isEmpty else { return nil }
        return Lab(
            name: name.value, description: description.value, accelerator: accelerator?.value ?? .auto,
            hosts: hosts, networks: networks, machines: machines, file: reader.file,
            nameLocation: name.location, acceleratorLocation: accelerator?.location)
    }

    // MARK: Hosts

    private func parseHosts(_ value: YAMLValue?) -> (hosts: [LabHost], names: [String]?) {
        guard let value, !value.isNull else {
            let local = LabHost.defaultLocal(file: reader.file)
            return ([local], [local.name])
        }
        guard let mapping = value.mapping(of: "hosts", keys: nil) else { return ([], nil) }
        if mapping.isEmpty {
            value.error("expected at least one host (name: libvirt URI) in 'hosts', found an empty mapping")
        }
        var hosts: [LabHost] = []
        for (key, entry) in mapping.entries {
            var validName = checkName(key, kind: "host")
            if validName, key.value == LabHost.automatic {
                reader.error(
                    "host name '\(LabHost.automatic)' is reserved: a machine's `host: auto` asks for a host "
                        + "chosen by free memory; expected another name", at: key.location)
                validName = false
            }
            guard let host = parseHost(named: key, entry) else { continue }
            if validName { hosts.append(host) }
        }
        return (hosts, mapping.entries.map(\.key.value))
    }

    /// One host: its URI alone (`rack-2: qemu+ssh://rack-2/system`), or a mapping with the URI and
    /// the limits the lab keeps on the host.
    private func parseHost(named key: Located<String>, _ entry: YAMLValue) -> LabHost? {
        let uriValue: YAMLValue?
        var maxMachines: Located<Int>?, maxParallelBoots: Located<Int>?
        var complete = true
        if entry.isMapping {
            guard let fields = entry.mapping(of: "host '\(key.value)'", keys: Self.hostKeys) else { return nil }
            uriValue = fields.required("uri")
            if let value = fields.optional("max_machines") {
                maxMachines = value.int(in: LabHost.machineLimitRange)
                complete = complete && maxMachines != nil
            }
            if let value = fields.optional("max_parallel_boots") {
                maxParallelBoots = value.int(in: LabHost.parallelBootRange)
                complete = complete && maxParallelBoots != nil
            }
        } else {
            uriValue = entry
        }
        guard let uriValue, let uri = uriValue.string() else { return nil }
        guard LabHost.isValidURI(uri.value) else {
            uriValue.error(
                "invalid libvirt URI \(uriValue.found) for host '\(key.value)'; "
                    + "expected a URI such as qemu:///system or qemu+ssh://host/system")
            return nil
        }
        guard complete else { return nil }
        return LabHost(
            name: key.value, uri: uri.value, maxMachines: maxMachines?.value, maxParallelBoots: maxParallelBoots?.value,
            location: key.location, maxMachinesLocation: maxMachines?.location)
    }

    // MARK: Networks

    private func parseNetworks(_ value: YAMLValue?) -> (networks: [LabNetwork], names: [String]?) {
        guard let value, !value.isNull else { return ([], []) }
        guard let mapping = value.mapping(of: "networks", keys: nil) else { return ([], nil) }
        var networks = SubnetIndex()
        for (key, entry) in mapping.entries {
            let validName = checkName(key, kind: "network")
            guard let fields = entry.mapping(of: "network '\(key.value)'", keys: Self.networkKeys),
                let addressValue = fields.required("address"),
                let address = parseAddress(addressValue, network: key.value)
            else { continue }
            let network = LabNetwork(
                name: key.value, address: address.address, prefixLength: address.prefixLength,
                location: key.location)
            if let earlier = networks.firstOverlap(with: network) {
                addressValue.error(
                    "subnet \(network.cidr) of network '\(network.name)' overlaps subnet "
                        + "\(earlier.cidr) of network '\(earlier.name)' "
                        + "(line \(earlier.location.line)); expected subnets that do not overlap")
                continue
            }
            if validName {
                networks.add(network)
            }
        }
        return (networks.networks, mapping.entries.map(\.key.value))
    }

    /// `a.b.c.d/p`: a host address (neither the subnet's first nor last address) and a prefix length.
    private func parseAddress(_ value: YAMLValue, network: String) -> (address: IPv4Address, prefixLength: Int)? {
        guard let text = value.string() else { return nil }
        let parts = text.value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(String(parts[0])),
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let prefixLength = Int(parts[1])
        else {
            value.error(
                "invalid address \(value.found) for network '\(network)'; "
                    + "expected an IPv4 address with a prefix length, such as 10.213.10.1/24")
            return nil
        }
        guard LabNetwork.prefixLengths.contains(prefixLength) else {
            value.error(
                "prefix length of network '\(network)' out of range; expected /\(LabNetwork.prefixLengths.lowerBound) "
                    + "to /\(LabNetwork.prefixLengths.upperBound), found /\(prefixLength)")
            return nil
        }
        let probe = LabNetwork(name: network, address: address, prefixLength: prefixLength, location: value.location)
        if address == probe.networkAddress || address == probe.broadcastAddress {
            let which = address == probe.networkAddress ? "the subnet's own address" : "the subnet's broadcast address"
            let suggestion = IPv4Address(probe.networkAddress.value + 1)
            value.error(
                "address \(address) of network '\(network)' is \(which); "
                    + "expected the host side address, such as \(suggestion)/\(prefixLength)")
            return nil
        }
        return (address, prefixLength)
    }

    // MARK: Machines

    private func parseMachines(_ value: YAMLValue?, known: KnownNames, defaultHost: String) -> [Machine]? {
        guard let items = value?.list() else { return nil }
        if items.isEmpty {
            value?.error("expected at least one machine in 'machines', found an empty list")
            return nil
        }
        var machines: [Machine] = []
        var firstDefinition: [String: SourceLocation] = [:]
        var complete = true
        for item in items {
            let (name, machine) = parseMachine(item, known: known, defaultHost: defaultHost)
            // Checked on the name alone, so a duplicate is caught even when either entry has other problems.
            if let name {
                if let first = firstDefinition[name.value] {
                    reader.error(
                        "duplicate machine name '\(name.value)', first defined at line \(first.line); "
                            + "expected each machine name once", at: name.location)
                    complete = false
                    continue
                }
                firstDefinition[name.value] = name.location
            }
            guard let machine else {
                complete = false
                continue
            }
            machines.append(machine)
        }
        return complete ? machines : nil
    }

    /// The machine's name when it could be read, and the machine when all of it could.
    private func parseMachine(
        _ item: YAMLValue, known: KnownNames,
        defaultHost: String
    ) -> (name: Located<String>?, machine: Machine?) {
        guard let fields = item.mapping(of: "machine", keys: Self.machineKeys) else { return (nil, nil) }
        let name = fields.required("name")?.string(expected: NameRules.nameShape, where: NameRules.isValidName)
        let role = fields.required("role")?.string(expected: NameRules.roleShape, where: NameRules.isValidRole)
        let mirrors = fields.required("mirrors")?.string(expected: "the production host name, without spaces") {
            !$0.contains { $0.isWhitespace }
        }
        let image = fields.required("image").flatMap(parseImage)
        let memory = optionalValue(fields, "memory", default: Machine.defaultMemoryMiB) {
            $0.mebibytes(in: Machine.memoryRange)
        }
        let vcpus = optionalValue(fields, "vcpus", default: 1) { $0.int(in: Machine.vcpuRange) }
        let criticality = fields.required("criticality")?.oneOf(Criticality.self)
        let host = parseHostReference(
            fields.optional("host"), known: known, defaultHost: defaultHost,
            machine: name?.value)
        let networks = parseNetworkReferences(fields.optional("networks"), known: known, machine: name?.value)
        let kernelBoot = parseKernelBoot(fields, image: image?.value)

        guard let name, let role, let mirrors, let image, let memory, let vcpus, let criticality,
            let host, let networks, let kernelBoot
        else { return (name, nil) }
        let locations = MachineLocations(
            machine: fields.location, name: name.location, image: image.location,
            host: fields.optional("host") == nil ? fields.location : host.location, kernel: kernelBoot.value?.kernel.location,
            initrd: kernelBoot.value?.initrd?.location)
        let machine = Machine(
            name: name.value, role: role.value, mirrors: mirrors.value, image: image.value,
            memoryMiB: memory, vcpus: vcpus, criticality: criticality.value, host: host.value,
            networks: networks, kernelBoot: kernelBoot.value?.boot, locations: locations)
        return (name, machine)
    }

    /// The value of an optional key: the default when absent, nil when present but invalid (reported).
    private func optionalValue<T>(
        _ fields: YAMLMapping, _ key: String, default defaultValue: T,
        read: (YAMLValue) -> Located<T>?
    ) -> T? {
        guard let value = fields.optional(key) else { return defaultValue }
        return read(value)?.value
    }

    private func parseImage(_ value: YAMLValue) -> Located<ImageReference>? {
        guard let text = value.path() else { return nil }
        let image = ImageReference(text.value)
        if case let .named(name) = image, !NameRules.isValidImageName(name) {
            value.error(
                "invalid image \(value.found); expected a golden image name (\(NameRules.imageNameShape)) "
                    + "or a path to a qcow2 file (containing '/' or ending in .qcow2)")
            return nil
        }
        return Located(image, at: value.location)
    }

    private func parseHostReference(
        _ value: YAMLValue?, known: KnownNames, defaultHost: String,
        machine: String?
    ) -> Located<String>? {
        guard let value else { return Located(defaultHost, at: .start(of: reader.file)) }
        guard let host = value.string() else { return nil }
        if host.value == LabHost.automatic { return host }
        if let names = known.hosts, !known.hostSet.contains(host.value) {
            value.error(
                "unknown host \(value.found)\(machine.map { " for machine '\($0)'" } ?? ""); "
                    + "expected one of the lab's hosts (\(names.listedForMessage())) or auto"
                    + host.value.didYouMeanSuffix(among: names))
            return nil
        }
        return host
    }

    private func parseNetworkReferences(_ value: YAMLValue?, known: KnownNames, machine: String?) -> [String]? {
        guard let value, !value.isNull else { return [] }
        guard let items = value.list() else { return nil }
        var names: [String] = []
        var seen = Set<String>()
        var complete = true
        for item in items {
            guard let network = item.string() else { complete = false; continue }
            if let names = known.networks, !known.networkSet.contains(network.value) {
                let expected =
                    names.isEmpty
                    ? "a network defined under the lab's 'networks:' (the lab defines none)"
                    : "one of the lab's networks: \(names.listedForMessage())"
                item.error(
                    "unknown network \(item.found)\(machine.map { " for machine '\($0)'" } ?? ""); "
                        + "expected \(expected)" + network.value.didYouMeanSuffix(among: names))
                complete = false
            } else if !seen.insert(network.value).inserted {
                item.error("network \(item.found) listed twice; expected each network once")
                complete = false
            } else {
                names.append(network.value)
            }
        }
        return complete ? names : nil
    }

    private struct KernelBootRead {
        var boot: DirectKernelBoot
        var kernel: Located<String>
        var initrd: Located<String>?
    }

    /// `.some(nil)` when there is no kernel boot, nil when there was a problem (reported).
    private func parseKernelBoot(_ fields: YAMLMapping, image: ImageReference?) -> Located<KernelBootRead?>? {
        let kernelValue = fields.optional("kernel")
        let initrdValue = fields.optional("initrd")
        let cmdlineValue = fields.optional("cmdline")
        guard let kernelValue else {
            var ok = true
            for key in ["initrd", "cmdline"] where fields.optional(key) != nil {
                reader.error(
                    "'\(key)' needs 'kernel'; expected a 'kernel:' path alongside it, found none",
                    at: fields.keyLocation(key)!)
                ok = false
            }
            return ok ? Located(nil, at: fields.location) : nil
        }
        let kernel = kernelValue.path()
        let initrd = initrdValue?.path()
        let cmdline = cmdlineValue?.singleLine()
        var ok = kernel != nil && (initrdValue == nil || initrd != nil) && (cmdlineValue == nil || cmdline != nil)
        if let image, !image.isPath {
            reader.error(
                "'kernel' needs an image given by path; expected image to be a path to a qcow2 file, "
                    + "found golden image '\(image)'", at: fields.keyLocation("kernel")!)
            ok = false
        }
        guard ok, let kernel else { return nil }
        let boot = DirectKernelBoot(kernel: kernel.value, initrd: initrd?.value, cmdline: cmdline?.value)
        return Located(KernelBootRead(boot: boot, kernel: kernel, initrd: initrd), at: kernel.location)
    }

    // MARK: Names

    /// Reports a user-chosen key (host or network name) of the wrong shape; true when it is fine.
    private func checkName(_ key: Located<String>, kind: String) -> Bool {
        guard NameRules.isValidName(key.value) else {
            reader.error("invalid \(kind) name '\(key.value)'; expected \(NameRules.nameShape)", at: key.location)
            return false
        }
        return true
    }
}
