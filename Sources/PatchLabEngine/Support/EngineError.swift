import Foundation

/// What can go wrong in the engine, each with a message that says what to do about it.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    case invalidSetting(name: String, value: String, expected: String)
    /// libvirt could not be reached at `uri`.
    case hypervisorUnreachable(uri: String, detail: String)
    case imageNotBuilt(name: String)
    /// Rebuilding would pull the disk from under these labs' linked clones.
    case imageInUse(name: String, labs: [String])
    case recipeNotFound(name: String, directory: String)
    case imageBuildFailed(name: String, status: Int32)
    case labAlreadyUp(lab: String, prefix: String)
    case labNotUp(lab: String)
    case machineNotInLab(machine: String, lab: String, known: [String])
    case machineNotRunning(machine: String, state: String)
    /// A guest agent never answered: the boot hung, the image lacks the agent or its virtio port.
    case agentTimeout(machine: String, domain: String, seconds: Int, console: String)
    case machineStopped(machine: String, domain: String, state: String, console: String)
    case hostCommandFailed(command: String, status: Int32, output: String)
    /// A step the harness ran in a guest (fingerprint, upload, digest check) did not work.
    case guestStepFailed(machine: String, step: String, detail: String)
    /// A host stopped answering (its daemon died, or keepalive gave up on it) while this process used it.
    case hostLost(uri: String, reason: String)
    /// A file a remote host boots from could not be carried there through libvirt.
    case imageNotCarried(host: String, file: String, detail: String)
    /// What a host holds under an image's digest is not that image, even after uploading it again.
    case imageDigestMismatch(host: String, volume: String, expected: String, found: String)

    public var description: String {
        switch self {
        case let .invalidSetting(name, value, expected):
            return "\(name)=\(value) is not valid; expected \(expected)"
        case let .hypervisorUnreachable(uri, detail):
            var text = "cannot connect to libvirt at \(uri): \(detail)"
            if uri.hasPrefix("qemu:///") {
                text +=
                    "\n  is libvirtd running? Start it with `scripts/setup` (or `virtlogd -d && libvirtd -d`),"
                    + " then check with `virsh -c \(uri) version`."
            } else {
                text += "\n  is the remote libvirtd up and listening, and does `virsh -c \(uri) version` work from here?"
            }
            return text
        case let .imageNotBuilt(name):
            return "golden image '\(name)' is not built; build it with `patchlab image build \(name)`"
        case let .imageInUse(name, labs):
            return "image '\(name)' is in use by lab \(labs.joined(separator: ", ")): its machines are linked clones of it;"
                + " take the lab down (`patchlab lab down \(labs.first ?? "LAB")`) before rebuilding the image"
        case let .recipeNotFound(name, directory):
            return "no recipe for image '\(name)': expected \(directory)/\(name)/build.sh"
        case let .imageBuildFailed(name, status):
            return "building image '\(name)' failed (exit status \(status)); its output is above"
        case let .labAlreadyUp(lab, prefix):
            return "lab '\(lab)' is already up (as \(prefix)); use `patchlab lab status` to see it or `patchlab lab down` first"
        case let .labNotUp(lab):
            return "lab '\(lab)' is not up; bring it up with `patchlab lab up`"
        case let .machineNotInLab(machine, lab, known):
            return "lab '\(lab)' has no machine '\(machine)'; it has: \(known.joined(separator: ", "))"
        case let .machineNotRunning(machine, state):
            return "machine '\(machine)' is not running (\(state))"
        case let .agentTimeout(machine, domain, seconds, console):
            return "machine '\(machine)' (domain \(domain)): the guest agent did not answer within \(seconds) s."
                + " Check that the guest booted (see the console below), that the image has qemu-guest-agent"
                + " enabled and the kernel's virtio_console module, and that the accelerator works"
                + " (try PATCHLAB_ACCEL=tcg); \(console)"
        case let .machineStopped(machine, domain, state, console):
            return "machine '\(machine)' (domain \(domain)) stopped while booting (\(state)); \(console)"
        case let .guestStepFailed(machine, step, detail):
            return "\(step) on \(machine) failed: \(detail)"
        case let .hostCommandFailed(command, status, output):
            return "`\(command)` failed with status \(status): \(output)"
        case let .hostLost(uri, reason):
            return "host \(uri) stopped answering (\(reason)); once it answers again, `patchlab recover` finishes"
                + " what was left there"
        case let .imageNotCarried(host, file, detail):
            return "cannot carry \(file) to host \(host) through libvirt's storage upload: \(detail)."
                + " A remote host gets golden images, kernels and initrds only through libvirt (docs/hosts.md);"
                + " a driver without volume upload cannot boot lab machines from this machine's images"
        case let .imageDigestMismatch(host, volume, expected, found):
            return "volume \(volume) on host \(host) has sha256 \(found) after the upload, expected \(expected):"
                + " the image was changed on its way or on the host"
        }
    }

    public var errorDescription: String? { description }
}
