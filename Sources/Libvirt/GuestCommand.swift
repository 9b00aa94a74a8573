import Foundation

/// A command to run in a guest through `guest-exec`, with the limits the harness enforces.
public struct GuestCommand: Sendable {
    /// How output comes back.
    public enum Output: Sendable {
        /// qemu-ga captures it and returns it in the status reply: fastest, but a reply over libvirt's
        /// ~4 MiB message cap is lost, so use only for commands known to print little.
        case inline
        /// Redirected to files in the guest and read back in chunks of at most 1 MiB, so any size works.
        /// At most `keep` bytes of each stream are kept in memory; every byte goes to `sinkDirectory`
        /// (as `stdout` / `stderr` files) when one is given.
        case viaGuestFiles(keep: Int, sinkDirectory: String?)
    }

    public var path: String
    public var arguments: [String]
    public var environment: [String]?
    public var input: Data?
    public var timeout: Duration
    public var output: Output

    public init(
        path: String, arguments: [String] = [], environment: [String]? = nil, input: Data? = nil,
        timeout: Duration = .seconds(60), output: Output = .inline
    ) {
        self.path = path
        self.arguments = arguments
        self.environment = environment
        self.input = input
        self.timeout = timeout
        self.output = output
    }

    /// `/bin/sh -c script`.
    public static func shell(_ script: String, timeout: Duration = .seconds(60), output: Output = .inline) -> GuestCommand {
        GuestCommand(path: "/bin/sh", arguments: ["-c", script], timeout: timeout, output: output)
    }
}
