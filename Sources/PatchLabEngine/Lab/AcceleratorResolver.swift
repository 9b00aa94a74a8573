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

    public func resolve(requested: Accelerator, connection: Connection, probeKernel: String?) async throws -> AcceleratorChoice {
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
        let choice = try await probe(connection: connection, kernel: probeKernel)
        memo[key] = choice
        cache[key] = choice
        try? JSONFiles.write(cache, to: cachePath)
        return choice
    }

    static func choice(_ accelerator: Accelerator, reason: String) -> AcceleratorChoice {
        AcceleratorChoice(virtType: accelerator == .kvm ? "kvm" : "qemu", reason: reason)
    }

    static func reachedPanic(_ log: String) -> Bool {
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return output.contains("Kernel panic") || output.contains("VFS: Unable to mount root")
    }

    private func probe(connection: Connection, kernel: String?) async throws -> AcceleratorChoice {
        guard (try? await connection.domainCapabilities(virtType: "kvm")) != nil else {
            return AcceleratorChoice(virtType: "qemu", reason: "auto: the host offers no KVM")
        }
        guard let kernel else {
            return AcceleratorChoice(virtType: "qemu", reason: "auto: no kernel to prove KVM with")
        }
        let name = "pl-probe-kvm-\(UUID().uuidString.prefix(6).lowercased())"
        let log = "\(environment.home)/probe/\(name).log"
        try FileManager.default.createDirectory(atPath: environment.home + "/probe", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let xml = """
        <domain type='kvm'><name>\(name)</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
          <os><type arch='x86_64' machine='pc'>hvm</type><kernel>\(XMLText.escape(kernel))</kernel>
          <cmdline>console=ttyS0 panic=-1 root=/dev/patchlab-probe-none</cmdline></os>
          <on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>
          <devices><serial type='file'><source path='\(XMLText.escape(log))'/><target port='0'/></serial></devices>
        </domain>
        """
        let domain: Domain
        do {
            domain = try await connection.createAutoDestroyDomain(xml: xml)
        } catch let error as LibvirtError {
            return AcceleratorChoice(virtType: "qemu", reason: "auto: KVM refused to start (\(error.message))")
        }
        let clock = ContinuousClock()
        let deadline = clock.now + probeTimeout
        var booted = false
        while clock.now < deadline {
            if Self.reachedPanic(log) {
                booted = true
                break
            }
            // A stopped probe either panicked and was destroyed on reboot (fine) or QEMU died (not fine).
            if let state = try? await domain.state().state, state != .running {
                booted = Self.reachedPanic(log)
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        try? await domain.destroy()
        return booted
            ? AcceleratorChoice(virtType: "kvm", reason: "auto: a probe kernel booted under KVM")
            : AcceleratorChoice(virtType: "qemu", reason: "auto: a probe kernel did not boot under KVM; using TCG")
    }
}
