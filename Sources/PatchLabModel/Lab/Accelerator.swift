/// How a lab's guests are run by QEMU. `auto` proves KVM works before using it, because on some hosts
/// libvirt advertises KVM yet guests do not boot under it; `tcg` is the always-working emulator.
public enum Accelerator: String, Sendable, Hashable, Codable, CaseIterable {
    case auto
    case kvm
    case tcg
}
