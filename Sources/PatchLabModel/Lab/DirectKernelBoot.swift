/// Booting a disk image that has no bootloader: libvirt hands QEMU the kernel (and initrd and command
/// line) directly. Paths are on this machine (relative ones are relative to the lab file's folder); a
/// remote host gets the files through libvirt's storage upload, like the image.
public struct DirectKernelBoot: Sendable, Hashable, Codable {
    public var kernel: String
    public var initrd: String?
    public var cmdline: String?

    public init(kernel: String, initrd: String? = nil, cmdline: String? = nil) {
        self.kernel = kernel
        self.initrd = initrd
        self.cmdline = cmdline
    }
}
