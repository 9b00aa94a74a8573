import Foundation
import Libvirt
import PatchLabModel

/// Keeps, in a run's folder, what the evidence packet must show about the lab *as it ran*: the lab
/// file and plans as read, each domain's XML, the golden images' digests, libvirt and QEMU versions
/// and host names, and at the end the guests' console logs. Files change and labs go away after a
/// rehearsal, so this is taken while they are there.
struct RunRecordCapture: Sendable {
    let folder: RunFolder
    let provisioner: LabProvisioner

    /// Copies the change file (a rehearsal's; a plan run has none), the lab file and every plan
    /// source file (includes too) under `change/`, `lab/` and `plans/`.
    func captureInputs(change: Change?, lab: Lab, plans: [TestPlan]) throws {
        let fm = FileManager.default
        if let change {
            try fm.createDirectory(atPath: folder.change, withIntermediateDirectories: true)
            try copy(change.file, to: "\(folder.change)/\((change.file as NSString).lastPathComponent)")
        }
        try fm.createDirectory(atPath: folder.lab, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder.plans, withIntermediateDirectories: true)
        try copy(lab.file, to: folder.labFile)
        var copied: Set<String> = [], names: Set<String> = []
        for source in plans.flatMap(\.sourceFiles) where !copied.contains(source) {
            copied.insert(source)
            let name = Self.uniqueName(for: source, taken: names)
            names.insert(name)
            try copy(source, to: "\(folder.plans)/\(name)")
        }
    }

    /// Writes each domain's XML and the environment facts, each host's versions by its name in the
    /// lab; call once the lab is up.
    func captureLab(_ lab: Lab) async throws {
        guard let state = try provisioner.state(of: lab.name) else { return }
        let inspector = LabInspector(provisioner: provisioner)
        try FileManager.default.createDirectory(atPath: folder.domains, withIntermediateDirectories: true)
        var machines: [LabEnvironmentRecord.Machine] = []
        for record in state.machines {
            let domain = try await inspector.domain(lab: lab, machine: record.name)
            try Data(try await domain.xml().utf8).write(to: URL(fileURLWithPath: folder.domainXML(record.name)))
            let machine = lab.machine(named: record.name)
            machines.append(
                LabEnvironmentRecord.Machine(
                    name: record.name, mirrors: machine?.mirrors ?? "", role: machine?.role ?? "",
                    criticality: machine.map { "\($0.criticality)" } ?? "",
                    domain: record.domain, virtType: record.virtType, image: record.image,
                    imageSHA256: record.imageSHA256, host: record.host, hostURI: record.hostURI))
        }
        var hosts: [LabEnvironmentRecord.Host] = []
        for uri in Set(state.machines.map(\.hostURI)).sorted() {
            let connection = try await provisioner.connections.connection(uri)
            let name = state.machines.first { $0.hostURI == uri }?.host ?? lab.hosts.first { $0.uri == uri }?.name
            hosts.append(
                LabEnvironmentRecord.Host(
                    name: name, uri: uri, hostname: try? await connection.hostname(),
                    libvirtVersion: try? await connection.libvirtVersion(),
                    hypervisorVersion: try? await connection.hypervisorVersion()))
        }
        let environment = LabEnvironmentRecord(
            harnessHost: ProcessInfo.processInfo.hostName, labPrefix: state.prefix,
            hosts: hosts, machines: machines)
        try JSONFiles.encoder.encode(environment).write(to: URL(fileURLWithPath: folder.environment))
    }

    /// Copies the console log of every machine of the lab under `consoles/`; before teardown removes
    /// them. A remote machine's log is streamed from its host's pool; one on a lost host is named in
    /// the returned notes, and the run goes on without it.
    @discardableResult
    func captureConsoles(labName: String) async -> [String] {
        guard let state = try? provisioner.state(of: labName) else { return [] }
        try? FileManager.default.createDirectory(atPath: folder.consoles, withIntermediateDirectories: true)
        var notes: [String] = []
        for record in state.machines {
            let target = folder.console(record.name)
            try? FileManager.default.removeItem(atPath: target)
            guard LabHost.isRemote(uri: record.hostURI) else {
                try? FileManager.default.copyItem(atPath: record.consoleLog, toPath: target)
                continue
            }
            do {
                let pool = try await provisioner.connections.connection(record.hostURI).storagePool(named: provisioner.environment.poolName)
                if let data = try await PoolFile(path: record.consoleLog, pool: pool).read() {
                    try data.write(to: URL(fileURLWithPath: target))
                }
            } catch {
                notes.append("console log of \(record.name) not copied from \(record.host ?? record.hostURI): \(error)")
            }
        }
        return notes
    }

    private func copy(_ source: String, to target: String) throws {
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }

    /// Plans from different folders may share a file name; the first keeps it, later ones get a number.
    static func uniqueName(for path: String, taken: Set<String>) -> String {
        let base = (path as NSString).lastPathComponent
        var name = base, number = 2
        while taken.contains(name) {
            name = String(format: "%02d-%@", number, base)
            number += 1
        }
        return name
    }
}
