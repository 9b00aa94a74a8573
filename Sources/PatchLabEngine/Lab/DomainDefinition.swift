import Foundation
import Libvirt
import PatchLabModel

/// The libvirt XML of one lab machine: a linked-clone disk, the guest agent's channel, a serial
/// console logged to a file, and PatchLab's ownership metadata.
package struct DomainDefinition {
    static let metadataNamespace = "https://patchlab.dev/xmlns/machine/1"

    package var domainName: String
    package var runPrefix: String
    package var lab: String
    package var machine: Machine
    /// `qemu` (TCG), `kvm`, or `test` for libvirt's test driver.
    package var virtType: String
    package var diskPath: String
    package var kernelBoot: DirectKernelBoot?
    package var networkNames: [String]
    package var consoleLog: String

    package init(
        domainName: String, runPrefix: String, lab: String, machine: Machine, virtType: String, diskPath: String,
        kernelBoot: DirectKernelBoot?, networkNames: [String], consoleLog: String
    ) {
        self.domainName = domainName
        self.runPrefix = runPrefix
        self.lab = lab
        self.machine = machine
        self.virtType = virtType
        self.diskPath = diskPath
        self.kernelBoot = kernelBoot
        self.networkNames = networkNames
        self.consoleLog = consoleLog
    }

    /// The lab run that created `domain`, read from PatchLab's metadata; nil for a domain PatchLab did not make.
    static func runPrefix(of domain: Domain) async throws -> String? {
        guard let element = try await domain.metadata(namespace: metadataNamespace) else { return nil }
        // libvirt re-serializes the element, so accept either quote style.
        guard let match = element.firstMatch(of: /\brun=["']([^"']*)["']/) else { return nil }
        return String(match.1)
    }

    package var xml: String {
        let e = XMLText.escape
        var os = "<type arch='x86_64' machine='pc'>hvm</type>"
        if let boot = kernelBoot {
            os += "<kernel>\(e(boot.kernel))</kernel>"
            if let initrd = boot.initrd { os += "<initrd>\(e(initrd))</initrd>" }
            if let cmdline = boot.cmdline { os += "<cmdline>\(e(cmdline))</cmdline>" }
        } else {
            os += "<boot dev='hd'/>"
        }
        let interfaces = networkNames.map {
            "<interface type='network'><source network='\(e($0))'/><model type='virtio'/></interface>"
        }.joined()
        // The test driver has no character devices or RNG; only real hypervisors get them.
        let realDevices =
            virtType == "test"
            ? ""
            : """
            <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
            <serial type='file'><source path='\(e(consoleLog))' append='on'/><target port='0'/></serial>
            <console type='file'><source path='\(e(consoleLog))' append='on'/><target type='serial' port='0'/></console>
            <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
            <memballoon model='none'/>
            """
        return """
            <domain type='\(virtType)'>
              <name>\(e(domainName))</name>
              <title>PatchLab \(e(lab))/\(e(machine.name))</title>
              <description>PatchLab lab \(e(lab)), machine \(e(machine.name)) mirroring \(e(machine.mirrors))</description>
              <metadata>
                <patchlab:machine xmlns:patchlab='\(Self.metadataNamespace)' lab='\(e(lab))' run='\(e(runPrefix))' \
            machine='\(e(machine.name))' role='\(e(machine.role))' mirrors='\(e(machine.mirrors))' criticality='\(machine.criticality.rawValue)'/>
              </metadata>
              <memory unit='MiB'>\(machine.memoryMiB)</memory>
              <vcpu>\(machine.vcpus)</vcpu>
              <os>\(os)</os>
              <features><acpi/></features>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='\(e(diskPath))'/><target dev='vda' bus='virtio'/></disk>
                \(interfaces)
                \(realDevices)
              </devices>
            </domain>
            """
    }
}
