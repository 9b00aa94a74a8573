extension FingerprintSpec {
    /// The guest command that gathers a fingerprint: `["/bin/sh", "-c", probeScript]`.
    public var probeCommandLine: [String] {
        ["/bin/sh", "-c", probeScript]
    }

    /// One POSIX `sh` script that prints this spec's fingerprint of the machine it runs on, using only
    /// what a Debian minbase guest has (coreutils, sed, awk, find, dpkg-query, systemctl, /proc/net;
    /// apt-cache for ``origins``). It prints one fact per line, sorted and each once, and exits 0
    /// once it has gathered them; ``Fingerprint/parse(probeOutput:machine:phase:takenAt:)`` reads
    /// the lines:
    ///
    /// ```
    /// arch x86_64                                         (uname -m)
    /// file /etc/nginx/nginx.conf 5f2a…(64 hex)
    /// kernel 6.1.0-26-amd64                               (uname -r)
    /// origin nginx-light bookworm/main http://deb.debian.org/debian   (origins only; "-" when no archive has it)
    /// os debian 12 bookworm                               (os-release ID, VERSION_ID, VERSION_CODENAME; "-" if unset)
    /// package nginx-light 1.22.1-9+deb12u9
    /// package nginx 1.22.1-9+deb12u11 half-configured     (a state only when not fully installed)
    /// port tcp 80
    /// service nginx.service active enabled
    /// ```
    ///
    /// A file name holding a backslash or newline is written the way `sha256sum` escapes it (`\\`,
    /// `\n`). Sections the spec turns off are not gathered. What a machine lacks is not an error: no
    /// running systemd means no service lines, a missing watch path means no file lines for it.
    /// Watched paths are read without crossing into other mounts (`find -xdev`), so watching `/`
    /// does not digest `/proc`. Every path is single-quoted (and escaped for `find -path`), so it is
    /// never run as code.
    ///
    /// It only reads: nothing is written on the machine (apt-cache builds its cache in memory, never
    /// on disk), so the same script can be run on a production host.
    ///
    /// One pass per fact class: every source is read once (one `dpkg-query`, one `systemctl` call
    /// per table, the socket tables, one `find` handing all files to `sha256sum`), and a single
    /// `awk` turns all of it into fact lines. Under TCG each process a guest starts costs tens of
    /// milliseconds and a shell `read` loop costs a system call per byte, which is where the
    /// earlier probe spent its time (`patchlab bench fingerprint`, docs/performance.md).
    ///
    /// The output of a large watch (thousands of files) may pass the agent's reply limit: the engine
    /// should redirect it to a file in the guest and read that back.
    public var probeScript: String {
        var sources: [String] = []
        if packages { sources.append(origins ? Self.packageAndOriginSection : Self.packageSection) }
        if services { sources.append(Self.serviceSection) }
        if !watch.isEmpty { sources.append(fileSection) }
        // An empty group is a syntax error in sh.
        sources.append(":")
        return [
            Self.prologue,
            ports ? Self.portSection : "tables=",
            "{",
            Self.systemSection,
            "  {",
            Self.indent(sources.joined(separator: "\n"), by: 4),
            "  } </dev/null | awk '\(Self.formatter)' - $tables $osr",
            "} | sort -u",
        ].joined(separator: "\n")
    }

    // The agent's environment may lack the system folders in PATH; they go last, after the caller's.
    private static let prologue = """
        # PatchLab fingerprint probe: one fact per line, sorted.
        LC_ALL=C
        export LC_ALL
        PATH=${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        export PATH
        osr=/etc/os-release
        [ -r "$osr" ] || osr=/usr/lib/os-release
        [ -r "$osr" ] || osr=
        """

    // The socket tables this kernel has (no tcp6 without IPv6): awk stops at a file it cannot open.
    private static let portSection = """
        tables=
        for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do
          [ -r "$f" ] && tables="$tables $f"
        done
        """

    // Kernel release and machine in one uname; the OS release comes from os-release through awk.
    private static let systemSection = """
          set -- $(uname -r -m 2>/dev/null)
          [ $# -ne 2 ] || printf 'kernel %s\\narch %s\\n' "$1" "$2"
        """

    // Each source below prints a marker line (@@NAME) and then its raw output; the formatter knows
    // the sources by their markers. Packages present but not fully installed carry their dpkg
    // state, so a half-done install shows.
    private static let packageSection = """
        if command -v dpkg-query >/dev/null 2>&1; then
          echo @@packages
          dpkg-query -W -f='${db:Status-Status} ${binary:Package} ${Version}\\n' 2>/dev/null
        else
          echo 'fingerprint: dpkg-query not found, no packages recorded' >&2
        fi
        """

    // The same package list, then apt's view of where each installed version comes from. The cache
    // options keep apt-cache from writing its cache files: it builds the cache in memory.
    private static let packageAndOriginSection = """
        if command -v dpkg-query >/dev/null 2>&1; then
          pk=$(dpkg-query -W -f='${db:Status-Status} ${binary:Package} ${Version}\\n' 2>/dev/null)
          echo @@packages
          printf '%s\\n' "$pk"
          if command -v apt-cache >/dev/null 2>&1; then
            echo @@policy
            printf '%s\\n' "$pk" | sed -e '/^not-installed /d' -e '/^config-files /d' -e 's/^[^ ]* \\([^ ]*\\).*/\\1/' |
              xargs apt-cache -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= policy 2>/dev/null
          fi
        else
          echo 'fingerprint: dpkg-query not found, no packages recorded' >&2
        fi
        """

    // Loaded units give the active state, unit files the enablement; the formatter merges them by
    // name. The unit files are asked for by pattern, not --type: systemd then works out the state
    // of service files only, where --type filters in the client after the state of every unit
    // file was worked out (under TCG 1.0 s instead of 2.0 s, the same lines). A unit that is not loaded is inactive; one without a unit file (a template's instance)
    // has "-". Without a running systemd (a container, a build host) there are no service lines.
    // With one, systemctl can still fail (a D-Bus timeout on a starved guest): it is tried three
    // times, and then an `incomplete` line makes the whole fingerprint fail rather than silently
    // miss services.
    private static let serviceSection = """
        if command -v systemctl >/dev/null 2>&1; then
          n=0
          until units=$(systemctl list-units --type=service --all --plain --no-legend --no-pager 2>&1) &&
                files=$(systemctl list-unit-files --no-legend --no-pager '*.service' 2>&1); do
            if [ ! -d /run/systemd/system ]; then units= files=; break; fi
            n=$((n+1))
            if [ $n -ge 3 ]; then
              echo @@raw
              echo "incomplete: systemctl failed 3 times: $(printf '%s\\n%s\\n' "$units" "$files" | grep . | tail -n 1)"
              units= files=
              break
            fi
            sleep 2
          done
          echo @@units
          printf '%s\\n' "$units"
          echo @@unitfiles
          printf '%s\\n' "$files"
        fi
        """

    private var fileSection: String {
        let starts = watch.map(ShellQuoting.quote).joined(separator: " ")
        // Pruned by path, so an ignored folder is not even walked.
        let pruned = ignore.map { entry -> String in
            let path = entry.count > 1 && entry.hasSuffix("/") ? String(entry.dropLast()) : entry
            return "-path " + ShellQuoting.quote(Self.findPattern(path))
        }
        let filter = pruned.isEmpty ? "" : "\\( " + pruned.joined(separator: " -o ") + " \\) -prune -o "
        return """
            echo @@files
            for w in \(starts); do
              [ -e "$w" ] || [ -L "$w" ] || continue
              find -H "$w" -xdev \(filter)-type f -exec sha256sum -- {} +
            done
            """
    }

    /// The one awk program that turns every source into fact lines (POSIX awk as mawk runs it: no
    /// interval expressions, no strtonum). Inside the script's single quotes, so it holds none
    /// (`\047` where a quote is meant).
    ///
    /// - Sockets (`/proc/net/*`): TCP state 0A is LISTEN; an unconnected bound UDP socket shows
    ///   state 07 with remote port 0. Read from /proc rather than ss: a minbase guest may lack
    ///   iproute2, never /proc.
    /// - `sha256sum` starts a line with `\` when it escaped the name; the name stays escaped.
    /// - `apt-cache policy`: the first source line under the installed version (`***`) that is not
    ///   dpkg's status file names its archive; none means no configured archive has it. apt names a
    ///   multi-arch package without its `:arch`; it is named as dpkg names it.
    /// - `systemctl list-units` puts a bullet before a failed unit, shifting the columns by one.
    static let formatter = #"""
        function hex(s,  i, n) {
          n = 0
          for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789ABCDEF", toupper(substr(s, i, 1))) - 1
          return n
        }
        function word(s) {
          gsub(/^["\047]|["\047]$/, "", s)
          gsub(/[^A-Za-z0-9._~+-]/, "_", s)
          return s == "" ? "-" : s
        }
        function origin() {
          if (cur && !got) print "origin " name " -"
          cur = 0
        }
        FILENAME ~ /^\/proc\/net\// {
          if (FNR == 1) next
          p = FILENAME; sub(/^\/proc\/net\//, "", p); sub(/6$/, "", p)
          n = split($2, l, ":"); split($3, r, ":")
          if ((p == "tcp" && $4 == "0A") || (p == "udp" && $4 == "07" && r[2] == "0000")) print "port " p " " hex(l[n])
          next
        }
        FILENAME ~ /os-release$/ {
          os = 1
          e = index($0, "=")
          if (e == 0) next
          k = substr($0, 1, e - 1)
          if (k == "ID") id = word(substr($0, e + 1))
          else if (k == "VERSION_ID") ver = word(substr($0, e + 1))
          else if (k == "VERSION_CODENAME") code = word(substr($0, e + 1))
          next
        }
        /^@@/ { origin(); m = substr($0, 3); next }
        m == "packages" {
          if (NF == 3 && $1 != "not-installed" && $1 != "config-files") {
            print "package " $2 " " $3 ($1 == "installed" ? "" : " " $1)
            b = $2; sub(/:.*/, "", b); full[b] = $2
          }
          next
        }
        m == "policy" {
          if ($0 ~ /^[^ ]/) { origin(); name = $1; sub(/:$/, "", name); if (name in full) name = full[name]; next }
          if ($0 ~ /^ \*\*\* /) { origin(); cur = 1; got = 0; next }
          if ($0 ~ /^     [^ ]/) { origin(); next }
          if (cur && !got && $0 ~ /^        [^ ]/ && $2 != "/var/lib/dpkg/status") { print "origin " name " " $3 " " $2; got = 1 }
          next
        }
        m == "units" {
          u = $1; a = $3
          if (u !~ /\.service$/) { u = $2; a = $4 }
          if (u != "") { act[u] = a; seen[u] = 1 }
          next
        }
        m == "unitfiles" { if ($1 != "") { en[$1] = $2; seen[$1] = 1 }; next }
        m == "files" {
          s = $0; esc = substr(s, 1, 1) == "\\"
          if (esc) s = substr(s, 2)
          h = substr(s, 1, 64)
          if (length(s) > 66 && substr(s, 65, 2) == "  " && h !~ /[^0-9a-f]/) print "file " substr(s, 67) " " h
          next
        }
        m == "raw" { print; next }
        END {
          origin()
          for (u in seen) print "service " u " " (u in act ? act[u] : "inactive") " " (u in en ? en[u] : "-")
          if (os) print "os " (id == "" ? "-" : id) " " (ver == "" ? "-" : ver) " " (code == "" ? "-" : code)
        }
        """#

    private static func indent(_ text: String, by spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    /// `path` as a `find -path` pattern matching only itself: the glob characters escaped.
    static func findPattern(_ path: String) -> String {
        var pattern = ""
        for character in path {
            if "\\*?[".contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern
    }
}
