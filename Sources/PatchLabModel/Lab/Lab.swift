/// A lab: named machines that mirror production machines, the libvirt hosts they run on and the
/// isolated networks between them, read from `labs/NAME.yaml`.
///
/// The file format (every key is checked; an unknown key is an error):
///
/// ```yaml
/// lab: demo                       # required; [a-z][a-z0-9-]{0,23}
/// description: Web tier mirror of production   # required; free text
/// accelerator: auto               # optional: auto | kvm | tcg (default auto)
/// hosts:                          # optional; name -> libvirt URI (must contain "://");
///   local: qemu:///system         #   default { local: "qemu:///system" }; the first is the default host
/// networks:                       # optional; isolated libvirt networks (never a <forward>)
///   lan:
///     address: 10.213.10.1/24     # the host side address; DHCP serves the rest of the subnet
///                                 #   (prefix /16 to /29; subnets of one lab must not overlap)
/// machines:                       # required; at least one
///   - name: web-01                # required; [a-z][a-z0-9-]{0,23}, unique in the lab
///     role: web                   # required; [a-z][a-z0-9-]*
///     mirrors: prod-web-01.example.com   # required; the production host it stands for
///     image: debian-12            # required; a golden image name, or a path to a qcow2
///                                 #   (contains '/' or ends with .qcow2; relative to this file's folder)
///     memory: 512 MiB             # optional, default 512 MiB; 256 MiB to 16 GiB; 512, 512M, 1G, 1 GiB…
///     vcpus: 1                    # optional, default 1; 1 to 8
///     criticality: pilot          # required; pilot | low | medium | high | critical
///                                 #   (roll-out order: pilot first, critical last)
///     host: local                 # optional; a key of hosts; default: the first host
///     networks: [lan]             # optional; keys of networks
///     kernel: /boot/vmlinuz       # optional, only with a path image: direct kernel boot;
///     initrd: /boot/initrd.img    #   initrd and cmdline are optional and need kernel
///     cmdline: root=/dev/vda console=ttyS0
/// ```
///
/// An empty `hosts:` or `networks:` counts as absent. Load with ``load(contentsOf:)`` or
/// ``parse(yaml:file:)``; both throw a ``ModelError`` listing every problem at its file:line:column.
/// The limits every PatchLab file shares (size, values, nesting, characters) are in `docs/file-limits.md`.
public struct Lab: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var accelerator: Accelerator
    /// In file order; never empty, the first is the default host.
    public var hosts: [LabHost]
    /// In file order.
    public var networks: [LabNetwork]
    /// In file order; never empty for a lab read from a file.
    public var machines: [Machine]
    /// The lab file's path as given, used in locations and to resolve relative paths.
    public var file: String
    /// Where the lab's name is written.
    public var nameLocation: SourceLocation
    /// Where `accelerator:` is written, or the file's start when it was defaulted.
    public var acceleratorLocation: SourceLocation

    public init(name: String, description: String, accelerator: Accelerator = .auto,
                hosts: [LabHost], networks: [LabNetwork] = [], machines: [Machine], file: String,
                nameLocation: SourceLocation? = nil, acceleratorLocation: SourceLocation? = nil) {
        self.name = name
        self.description = description
        self.accelerator = accelerator
        self.hosts = hosts
        self.networks = networks
        self.machines = machines
        self.file = file
        self.nameLocation = nameLocation ?? .start(of: file)
        self.acceleratorLocation = acceleratorLocation ?? .start(of: file)
    }
}
