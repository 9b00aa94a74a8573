import Foundation
import Libvirt
import PatchLabModel

extension LabProvisioner {
    /// Brings the lab up: validates everything first (images, hosts, placement) so bad input creates
    /// nothing, carries the images to remote hosts, then networks, then every machine in parallel
    /// (at most `max_parallel_boots` at once per host), each ready once its guest agent answers.
    /// On failure everything created is removed again, unless `keepOnFailure`.
    @discardableResult
    public func up(_ lab: Lab, keepOnFailure: Bool = false, progress: @escaping LabProgress = { _ in }) async throws -> LabState {
        if let existing = try state(of: lab.name) {
            throw EngineError.labAlreadyUp(lab: lab.name, prefix: existing.prefix)
        }
        let sources = try ImageCatalog(environment: environment).bootSources(for: lab)
        let hosts = try await LabHosts.open(lab, connections: connections, progress: progress)
        let sites = try await hosts.prepare(sources: sources, provisioner: self, progress: progress)

        let prefix = Self.newPrefix(lab: lab.name)
        let store = LabStateStore(
            state: LabState(
                lab: lab.name, labFile: lab.file, prefix: prefix, status: .provisioning,
                createdAt: Date(), machines: [], objects: []),
            path: LabStateStore.path(lab: lab.name, environment: environment))
        try await store.save()
        do {
            try await createNetworks(lab, prefix: prefix, hosts: hosts, store: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for machine in lab.machines {
                    let site = sites[hosts.placement.hostOf[machine.name]!]!
                    let bring = MachineBringUp(
                        provisioner: self, lab: lab, machine: machine, prefix: prefix,
                        source: site.sources[machine.name]!, site: site, store: store, progress: progress)
                    group.addTask { try await bring.run() }
                }
                try await group.waitForAll()
            }
            try await store.set(status: .ready)
            return await store.state
        } catch {
            if keepOnFailure {
                try? await store.set(status: .failed)
                progress(.note("kept what was created for inspection; remove it with `patchlab lab down \(lab.file)`"))
            } else {
                progress(.note("removing what this attempt created"))
                try? await teardown(await store.state, progress: progress)
            }
            throw error
        }
    }

    /// Each lab network on every host that has a machine on it. Lab networks are isolated, so
    /// machines of one network on different hosts do not reach each other.
    private func createNetworks(_ lab: Lab, prefix: String, hosts: LabHosts, store: LabStateStore) async throws {
        for network in lab.networks {
            for host in hosts.used
            where lab.machines.contains(where: {
                $0.networks.contains(network.name) && hosts.placement.hostOf[$0.name] == host.name
            }) {
                let connection = hosts.connections[host.name]!
                let name = "\(prefix)-\(network.name)"
                try await store.record(LabState.Object(kind: .network, name: name, hostURI: connection.uri))
                let defined = try await connection.defineIsolatedNetwork(xml: NetworkDefinition(name: name, network: network).xml)
                try await defined.start()
            }
        }
    }
}

/// Everything one host needs before its machines are created: its connection, the PatchLab pool
/// there, where the boot files are on it, the accelerator it runs guests with and its boot gate.
struct HostSite: Sendable {
    let host: LabHost
    let connection: Connection
    let pool: StoragePool
    /// The pool's directory on the host: remote console logs are written there.
    let poolPath: String
    /// What each machine placed here boots from, as paths on this host.
    let sources: [String: ImageCatalog.BootSource]
    let choice: AcceleratorChoice
    let gate: BootGate

    var isRemote: Bool { host.isRemote }
}

/// The steps that bring one machine up, each recorded before it acts.
struct MachineBringUp: Sendable {
    let provisioner: LabProvisioner
    let lab: Lab
    let machine: Machine
    let prefix: String
    let source: ImageCatalog.BootSource
    let site: HostSite
    let store: LabStateStore
    let progress: LabProgress

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let domainName = "\(prefix)-\(machine.name)"
        let connection = site.connection
        // The serial console is written where the domain runs: on a remote host into the pool, whence
        // libvirt can stream it back (`PoolFile`).
        let consoleLog: String
        if site.isRemote {
            consoleLog = "\(site.poolPath)/\(domainName).console.log"
        } else {
            consoleLog = "\(provisioner.environment.consolesDirectory)/\(domainName).log"
            try FileManager.default.createDirectory(atPath: provisioner.environment.consolesDirectory, withIntermediateDirectories: true)
        }

        progress(
            .step(machine: machine.name, "creating linked clone of \(source.imageName)" + (site.isRemote ? " on \(site.host.name)" : "")))
        let volumeName = "\(domainName).qcow2"
        try await store.record(
            LabState.Object(
                kind: .volume, name: volumeName, hostURI: connection.uri,
                machine: machine.name, pool: site.pool.name))
        let volume = try await site.pool.createVolume(
            xml: """
                <volume><name>\(XMLText.escape(volumeName))</name><capacity unit='bytes'>\(source.virtualSizeBytes)</capacity>
                <target><format type='qcow2'/></target>
                <backingStore><path>\(XMLText.escape(source.disk))</path><format type='qcow2'/></backingStore></volume>
                """)

        try await store.record(
            LabState.Object(
                kind: .consoleLog, name: consoleLog, hostURI: connection.uri, machine: machine.name,
                pool: site.isRemote ? site.pool.name : nil))
        try await store.record(LabState.Object(kind: .domain, name: domainName, hostURI: connection.uri, machine: machine.name))
        let definition = DomainDefinition(
            domainName: domainName, runPrefix: prefix, lab: lab.name, machine: machine,
            virtType: site.choice.virtType, diskPath: volume.path, kernelBoot: source.kernelBoot,
            networkNames: machine.networks.map { "\(prefix)-\($0)" }, consoleLog: consoleLog)
        let domain = try await connection.defineDomain(xml: definition.xml)
        try await store.record(
            machine: LabState.MachineRecord(
                name: machine.name, domain: domainName, host: site.host.name,
                hostURI: connection.uri, virtType: site.choice.virtType,
                image: source.imageName, imageSHA256: source.sha256, consoleLog: consoleLog))
        try await site.gate.admit { try await boot(domain, consoleLog: consoleLog) }
        let elapsed = clock.now - start
        progress(
            .ready(
                machine: machine.name, domain: domainName,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }

    /// The failed boot's console, kept and quoted (``ConsoleTail``); a remote host's log is first
    /// streamed here from its pool.
    private func consoleTail(_ domainName: String, consoleLog: String) async -> String {
        let directory = provisioner.environment.consolesDirectory
        guard site.isRemote else { return ConsoleTail.keep(consoleLog, domain: domainName, consolesDirectory: directory).text }
        let copy = "\(directory)/\(domainName).from-\(site.host.name).log"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let data = try? await PoolFile(path: consoleLog, pool: site.pool).read() { try? data.write(to: URL(fileURLWithPath: copy)) }
        defer { try? FileManager.default.removeItem(atPath: copy) }
        return ConsoleTail.keep(copy, domain: domainName, consolesDirectory: directory).text + " (from \(consoleLog) on \(site.host.name))"
    }

    /// Start, agent, services: the part of bring-up that loads the host, inside its boot gate.
    private func boot(_ domain: Domain, consoleLog: String) async throws {
        let where_ = site.isRemote ? " on \(site.host.name)" : ""
        progress(.step(machine: machine.name, "starting \(domain.name) (\(site.choice.displayName))\(where_)"))
        try await domain.start()

        progress(.step(machine: machine.name, "waiting for the guest agent"))
        let channel = provisioner.guestChannel(domain)
        do {
            try await channel.waitUntilReady(timeout: provisioner.environment.agentTimeout)
        } catch GuestAgentError.notConnected {
            throw EngineError.agentTimeout(
                machine: machine.name, domain: domain.name,
                seconds: Int(provisioner.environment.agentTimeout.components.seconds),
                console: await consoleTail(domain.name, consoleLog: consoleLog))
        } catch let GuestAgentError.domainNotRunning(_, state) {
            throw EngineError.machineStopped(
                machine: machine.name, domain: domain.name, state: state,
                console: await consoleTail(domain.name, consoleLog: consoleLog))
        }
        // Clones share the golden image's hostname: give each the machine's name so outputs tell them
        // apart. Then wait for systemd to finish starting services: the agent starts early in boot,
        // and a lab is only ready when what it mirrors (nginx, …) is up. A degraded system still counts.
        progress(.step(machine: machine.name, "waiting for services to start"))
        let settle = """
            echo \(machine.name) > /etc/hostname && hostname \(machine.name)
            command -v systemctl >/dev/null 2>&1 && systemctl is-system-running --wait >/dev/null 2>&1
            true
            """
        _ = try await channel.exec(.shell(settle, timeout: .seconds(120)))
    }
}
