/// A lab: named machines that mirror production machines, the libvirt hosts they run on and the
/// isolated networks between them, read from `labs/NAME.yaml`.
///
/// The file format (every key is checked; an unknown key is an error):
///
/// ```yaml
/// lab: demo                       # required; [a-z][a-z0-9-]{0,23}
/// description: Web tier mirror of production   # required; free text
/// accelerator: auto               # optional: auto | kvm | tcg (default auto)
/// hosts:                          # optional; name -> libvirt URI (must contain "://"), or a mapping;
///   local: qemu:///system         #   default { local: "qemu:///system" }; the first is the default host
///   rack-2:                       #   the mapping form: the URI and the limits the lab keeps on the host
///     uri: qemu+ssh://root@rack-2.example.com/system   # required; a URI naming a server is a remote host:
///                                 #   golden images and kernels are carried there by libvirt (docs/hosts.md)
///     max_machines: 20            # optional, 1 to 1000; at most this many of the lab's machines run there
///     max_parallel_boots: 4       # optional, 1 to 64; at most this many boot there at once (default: all)
///                                 # the name `auto` is reserved
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
///     host: local                 # optional; a key of hosts, or `auto`: the host with the most free
///                                 #   memory (libvirt's node figures) that is under its max_machines;
///                                 #   default: the first host. Machines named to a host past its
///                                 #   max_machines, or more `auto` machines than the limits leave room
///                                 #   for, are refused here; free memory is checked at `lab up`
///     networks: [lan]             # optional; keys of networks
///     kernel: /boot/vmlinuz       # optional, only with a path image: direct kernel boot; paths are on
///                                 #   this machine and carried to a remote host like the image;
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

    public init(
        name: String, description: String, accelerator: Accelerator = .auto,
        hosts: [LabHost], networks: [LabNetwork] = [], machines: [Machine], file: String,
        nameLocation: SourceLocation? = nil, acceleratorLocation: SourceLocation? = nil
    ) {
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
