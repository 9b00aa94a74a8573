import Foundation

/// The shell that runs a file-routed command's wrapper (see `GuestOutputFiles`), and which one each
/// guest has proven it can use.
///
/// Why two: the wrapper costs one program start per command on top of the command's own, and under
/// TCG a dynamically linked start (dash: ld.so and libc relocations, all emulated) costs about a
/// bare `guest-exec` of `true`, while the statically linked busybox starts in a third of that
/// (measured in the debian-12 guest: 63 ms vs 19 ms per `sh -c :`). The project's images ship
/// `busybox-static`; guests without a busybox that passes the probe keep `/bin/sh`.
enum WrapperShell: Sendable, Equatable {
    case busybox
    case posix

    var path: String {
        switch self {
        case .busybox: "/bin/busybox"
        case .posix: "/bin/sh"
        }
    }

    /// Arguments before `-c script`.
    var leadingArguments: [String] {
        switch self {
        case .busybox: ["sh"]
        case .posix: []
        }
    }

    /// Run once per domain: busybox is used only if it answers exactly this, so an old busybox
    /// without `exec -a`, or one without `sh` or `head`, can never turn into a wrong exit status.
    static let probeScript = "(exec -a pl-probe /bin/sh -c 'exit 7'); [ $? = 7 ] && head -c 2 /dev/null && echo ok"
    static let probeAnswer = "ok\n"

    /// What each domain (by UUID) answered to the probe, for the life of the process.
    static let known = PerDomain<WrapperShell>()
}
