import Foundation
import Libvirt
import PatchLabModel

/// Chooses KVM or TCG per host, and only trusts KVM once it has *booted a kernel*.
///
/// On some hosts `/dev/kvm` exists and libvirt offers kvm, yet guests abort or hang under it. So
/// `auto` boots a throw-away kernel under KVM (a transient, auto-destroyed domain) and watches its
/// serial output: a kernel that gets as far as its panic for a missing root proves KVM works. Anything
/// else within the probe's time falls back to TCG. The verdict is cached per host and hypervisor version.
public actor AcceleratorResolver {
    let environment: EngineEnvironment
    let probeTimeout: Duration
    private var memo: [String: AcceleratorChoice] = [:]

    public init(environment: EngineEnvironment, probeTimeout: Duration = .seconds(15)) {
        self.environment = environment
        self.probeTimeout = probeTimeout
    }

    /// The accelerator for machines on `connection`'s host. `probeKernel` is a kernel's path *on that
    /// host*; on a remote host the probe's serial output is written into `remotePool` and read back
    /// through libvirt.
    public func resolve(
        requested: Accelerator, connection: Connection, probeKernel: String?,
        remotePool: StoragePool? = nil
    ) async throws -> AcceleratorChoice {
        if connection.uri.hasPrefix("test:") { return AcceleratorChoice(virtType: "test", reason: "libvirt test driver") }
        if let forced = environment.acceleratorOverride, forced != .auto {
            return Self.choice(forced, reason: "forced by PATCHLAB_ACCEL")
        }
        if requested != .auto { return Self.choice(requested, reason: "forced by the lab file") }
        let key = "\(connection.uri) \(try await connection.hostname()) \(try await connection.hypervisorVersion())"
        if let known = memo[key] { return known }
        let cachePath = "\(environment.stateDirectory)/accelerator.json"
        var cache = (try? JSONFiles.read([String: AcceleratorChoice].self, from: cachePath)) ?? [:]
        if let known = cache[key] {
            memo[key] = known
            return known
        }
        let choice = try await probe(connection: connection, kernel: probeKernel, remotePool: remotePool)
        memo[key] = choice
        cache[key] = choice
        try? JSONFiles.write(cache, to: cachePath)
        return choice
    }

    static func choice(_ accelerator: Accelerator, reason: String) -> AcceleratorChoice {
        AcceleratorChoice(virtType: accelerator == .kvm ? "kvm" : "qemu", reason: reason)
    }

    static func reachedPanic(_ output: String) -> Bool {
        output.contains("Kernel panic") || output.contains("VFS: Unable to mount root")
    }

    private func probe(connection: Connection, kernel: String?, remotePool: StoragePool?) async throws -> AcceleratorChoice {
        guard (try? await connection.domainCapabilities(virtType: "kvm")) != nil else {
            return AcceleratorChoice(virtType: "qemu", reason: "auto: the host offers no KVM")
        }
        guard let kernel else {
            return AcceleratorChoice(virtType: "qemu", reason: "auto: no kernel to prove KVM with")
        }
        let name = "pl-probe-kvm-\(UUID().uuidString.prefix(6).lowercased())"
        let log: PoolFile
        if let remotePool {
            log = try await PoolFile.remote("\(name).log", in: remotePool)
        } else {
            try FileManager.default.createDirectory(atPath: environment.home + "/probe", withIntermediateDirectories: true)
            log = .local("\(environment.home)/probe/\(name).log")
        }
        let xml = """
            <domain type='kvm'><name>\(name)</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type><kernel>\(XMLText.escape(kernel))</kernel>
              <cmdline>console=ttyS0 panic=-1 root=/dev/patchlab-probe-none</cmdline></os>
              <on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>
              <devices><serial type='file'><source path='\(XMLText.escape(log.path))'/><target port='0'/></serial></devices>
            </domain>
            """
        let outcome = try await boot(xml, on: connection, log: log)
        try? await log.remove()
        switch outcome {
        case let .refused(message):
            return AcceleratorChoice(virtType: "qemu", reason: "auto: KVM refused to start (\(message))")
        case .ran(booted: true):
            return AcceleratorChoice(virtType: "kvm", reason: "auto: a probe kernel booted under KVM")
        case .ran(booted: false):
            return AcceleratorChoice(virtType: "qemu", reason: "auto: a probe kernel did not boot under KVM; using TCG")
        }
    }

    private enum ProbeOutcome {
        case refused(String)
        case ran(booted: Bool)
    }

    /// Whether the probe kernel reached its panic, or why KVM would not even start it.
    private func boot(_ xml: String, on connection: Connection, log: PoolFile) async throws -> ProbeOutcome {
        let domain: Domain
        do {
            domain = try await connection.createAutoDestroyDomain(xml: xml)
        } catch let error as LibvirtError {
            return .refused(error.message)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + probeTimeout
        var booted = false
        while clock.now < deadline {
            if Self.reachedPanic(try await output(log)) {
                booted = true
                break
            }
            // A stopped probe either panicked and was destroyed on reboot (fine) or QEMU died (not fine).
            if let state = try? await domain.state().state, state != .running {
                booted = Self.reachedPanic(try await output(log))
                break
            }
            try await Task.sleep(for: .milliseconds(log.pool == nil ? 200 : 1000))
        }
        try? await domain.destroy()
        return .ran(booted: booted)
    }

    private func output(_ log: PoolFile) async throws -> String {
        String(decoding: (try? await log.read(limit: 1 << 20)) ?? Data(), as: UTF8.self)
    }
}
