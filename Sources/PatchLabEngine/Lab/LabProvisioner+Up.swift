import Foundation
import Libvirt
import PatchLabModel

extension LabProvisioner {
    /// Brings the lab up: validates everything first (images, hosts) so bad input creates nothing,
    /// then networks, then every machine in parallel, each ready once its guest agent answers.
    /// On failure everything created is removed again, unless `keepOnFailure`.
    @discardableResult
    public func up(_ lab: Lab, keepOnFailure: Bool = false, progress: @escaping LabProgress = { _ in }) async throws -> LabState {
        if let existing = try state(of: lab.name) {
            throw EngineError.labAlreadyUp(lab: lab.name, prefix: existing.prefix)
        }
        let sources = try ImageCatalog(environment: environment).bootSources(for: lab)
        var hostConnections: [String: Connection] = [:]
        var choices: [String: AcceleratorChoice] = [:]
        let probeKernel = sources.values.compactMap(\.kernelBoot?.kernel).first
        for host in lab.hosts where lab.machines.contains(where: { $0.host == host.name }) {
            let connection = try await connections.connection(host.uri)
            hostConnections[host.name] = connection
            let choice = try await accelerators.resolve(requested: lab.accelerator, connection: connection, probeKernel: probeKernel)
            choices[host.name] = choice
            progress(.accelerator(host: host.name, choice: choice))
        }

        let prefix = Self.newPrefix(lab: lab.name)
        let store = LabStateStore(state: LabState(lab: lab.name, labFile: lab.file, prefix: prefix, status: .provisioning,
                                                  createdAt: Date(), machines: [], objects: []),
                                  path: LabStateStore.path(lab: lab.name, environment: environment))
        try await store.save()
        do {
            var pools: [String: StoragePool] = [:]
            for (host, connection) in hostConnections { pools[host] = try await ensurePool(on: connection) }
            try await createNetworks(lab, prefix: prefix, connections: hostConnections, store: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for machine in lab.machines {
                    let connection = hostConnections[machine.host]!
                    let bring = MachineBringUp(provisioner: self, lab: lab, machine: machine, prefix: prefix,
                                               source: sources[machine.name]!, choice: choices[machine.host]!,
                                               connection: connection, pool: pools[machine.host]!, store: store,
                                               progress: progress)
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

    private func createNetworks(_ lab: Lab, prefix: String, connections: [String: Connection], store: LabStateStore) async throws {
        for network in lab.networks {
            for (_, connection) in connections where lab.machines.contains(where: { $0.networks.contains(network.name) }) {
                let name = "\(prefix)-\(network.name)"
                try await store.record(LabState.Object(kind: .network, name: name, hostURI: connection.uri))
                let defined = try await connection.defineIsolatedNetwork(xml: NetworkDefinition(name: name, network: network).xml)
                try await defined.start()
            }
        }
    }
}

/// The steps that bring one machine up, each recorded before it acts.
struct MachineBringUp: Sendable {
    let provisioner: LabProvisioner
    let lab: Lab
    let machine: Machine
    let prefix: String
    let source: ImageCatalog.BootSource
    let choice: AcceleratorChoice
    let connection: Connection
    let pool: StoragePool
    let store: LabStateStore
    let progress: LabProgress

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let domainName = "\(prefix)-\(machine.name)"
        let consoleLog = "\(provisioner.environment.consolesDirectory)/\(domainName).log"
        try FileManager.default.createDirectory(atPath: provisioner.environment.consolesDirectory, withIntermediateDirectories: true)

        progress(.step(machine: machine.name, "creating linked clone of \(source.imageName)"))
        let volumeName = "\(domainName).qcow2"
        try await store.record(LabState.Object(kind: .volume, name: volumeName, hostURI: connection.uri,
                                               machine: machine.name, pool: pool.name))
        let volume = try await pool.createVolume(xml: """
            <volume><name>\(XMLText.escape(volumeName))</name><capacity unit='bytes'>\(source.virtualSizeBytes)</capacity>
            <target><format type='qcow2'/></target>
            <backingStore><path>\(XMLText.escape(source.disk))</path><format type='qcow2'/></backingStore></volume>
            """)

        try await store.record(LabState.Object(kind: .consoleLog, name: consoleLog, hostURI: connection.uri, machine: machine.name))
        try await store.record(LabState.Object(kind: .domain, name: domainName, hostURI: connection.uri, machine: machine.name))
        let definition = DomainDefinition(domainName: domainName, runPrefix: prefix, lab: lab.name, machine: machine,
                                          virtType: choice.virtType, diskPath: volume.path, kernelBoot: source.kernelBoot,
                                          networkNames: machine.networks.map { "\(prefix)-\($0)" }, consoleLog: consoleLog)
        let domain = try await connection.defineDomain(xml: definition.xml)
        try await store.record(machine: LabState.MachineRecord(name: machine.name, domain: domainName, hostURI: connection.uri,
                                                               virtType: choice.virtType, image: source.imageName,
                                                               imageSHA256: source.sha256, consoleLog: consoleLog))
        progress(.step(machine: machine.name, "starting \(domainName) (\(choice.displayName))"))
        try await domain.start()

        progress(.step(machine: machine.name, "waiting for the guest agent"))
        let channel = provisioner.guestChannel(domain)
        do {
            try await channel.waitUntilReady(timeout: provisioner.environment.agentTimeout)
        } catch GuestAgentError.notConnected {
            let tail = ConsoleTail.keep(consoleLog, domain: domainName, consolesDirectory: provisioner.environment.consolesDirectory)
            throw EngineError.agentTimeout(machine: machine.name, domain: domainName,
                                           seconds: Int(provisioner.environment.agentTimeout.components.seconds), console: tail.text)
        } catch let GuestAgentError.domainNotRunning(_, state) {
            let tail = ConsoleTail.keep(consoleLog, domain: domainName, consolesDirectory: provisioner.environment.consolesDirectory)
            throw EngineError.machineStopped(machine: machine.name, domain: domainName, state: state, console: tail.text)
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
        let elapsed = clock.now - start
        progress(.ready(machine: machine.name, domain: domainName,
                        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }
}
