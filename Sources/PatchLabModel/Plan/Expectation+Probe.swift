extension Expectation {
    /// How long an `http` probe's curl may take: the guest agent cannot kill a guest command, so a
    /// probe must end on its own even if the harness has given up on it.
    static let httpProbeSeconds = 30
    /// The most of an HTTP body a probe prints; guest command output travels in one agent reply
    /// (about 4 MiB at most).
    static let httpBodyLimit = 1 << 20

    /// The guest command (argv) that gathers the fact a guest-fact matcher judges, or nil for an
    /// output matcher, which judges the case's check command instead.
    ///
    /// Each probe is `/bin/sh -c SCRIPT` using only what a minbase Debian guest has (coreutils,
    /// grep, dpkg, systemd, /proc, and curl for `http`), exits 0 once it has gathered the fact, and
    /// prints it in a fixed form ``evaluate(probeOutput:)`` reads. A non-zero exit means the fact
    /// could not be gathered (the outcome is then inconclusive). Names and paths from the plan are
    /// single-quoted, so they never run as code.
    ///
    /// Use: `let output = try await guest.exec(expectation.probe ?? checkCommandLine)`, then
    /// `expectation.evaluate(probeOutput: output)`.
    public var probe: [String]? {
        script.map { ["/bin/sh", "-c", $0] }
    }

    /// True when the expectation judges the case's check command rather than a probe of its own.
    public var judgesCheckOutput: Bool { probe == nil }

    private var script: String? {
        switch self {
        case .exit, .stdout, .stderr, .json, .number:
            return nil
        case let .file(path, exists, sha256, contains, _):
            // Existence first: a missing file is a fact, not a broken probe.
            var lines = [
                "p=\(ShellQuoting.quote(path))",
                "if [ ! -e \"$p\" ]; then echo state=absent; exit 0; fi",
                "if [ -d \"$p\" ]; then echo state=directory; exit 0; fi",
                "echo state=present",
            ]
            if exists, sha256 != nil {
                lines.append("s=$(sha256sum < \"$p\") || exit 3")
                lines.append("echo \"sha256=${s%% *}\"")
            }
            if exists, let contains {
                // grep exits 1 for "not found" (a fact) and 2 for trouble (no fact).
                lines.append("grep -qaF -e \(ShellQuoting.quote(contains)) < \"$p\"")
                lines.append("case $? in 0) echo contains=yes;; 1) echo contains=no;; *) exit 3;; esac")
            }
            return lines.joined(separator: "\n")
        case let .service(name, _, _, _):
            let unit = ShellQuoting.quote(name)
            return """
                command -v systemctl >/dev/null 2>&1 || { echo 'systemctl not found' >&2; exit 127; }
                a=$(systemctl is-active \(unit) 2>/dev/null)
                e=$(systemctl is-enabled \(unit) 2>/dev/null)
                printf 'active=%s\\nenabled=%s\\n' "$a" "$e"
                """
        case let .package(name, _, _):
            // dpkg-query exits 1 when the package is unknown: that is "not installed", a fact.
            return """
                command -v dpkg-query >/dev/null 2>&1 || { echo 'dpkg-query not found' >&2; exit 127; }
                dpkg-query -W -f='${Status}\\t${Version}\\n' \(ShellQuoting.quote(name)) 2>/dev/null
                exit 0
                """
        case let .port(_, proto, _, _):
            // /proc rather than ss: a minbase guest may lack iproute2, never /proc. The IPv6 table is
            // absent when IPv6 is off, which is not a problem.
            return """
                cat /proc/net/\(proto.rawValue) || exit 3
                cat /proc/net/\(proto.rawValue)6 2>/dev/null
                exit 0
                """
        case let .http(url, _, _, _):
            return """
                command -v curl >/dev/null 2>&1 || { echo 'curl not found' >&2; exit 127; }
                b=$(mktemp) || exit 3
                c=$(curl -sS -o "$b" -w '%{http_code}' --max-time \(Self.httpProbeSeconds) \(ShellQuoting.quote(url)))
                r=$?
                printf 'status=%s curl=%s\\n' "$c" "$r"
                head -c \(Self.httpBodyLimit) "$b"
                rm -f "$b"
                exit 0
                """
        }
    }
}
