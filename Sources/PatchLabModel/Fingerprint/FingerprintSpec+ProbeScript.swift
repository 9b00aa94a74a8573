extension FingerprintSpec {
    /// The guest command that gathers a fingerprint: `["/bin/sh", "-c", probeScript]`.
    public var probeCommandLine: [String] {
        ["/bin/sh", "-c", probeScript]
    }

    /// One POSIX `sh` script that prints this spec's fingerprint of the machine it runs on, using only
    /// what a Debian minbase guest has (coreutils, sed, find, dpkg-query, systemctl, /proc/net). It
    /// prints one fact per line, sorted and each once, and exits 0 once it has gathered them;
    /// ``Fingerprint/parse(probeOutput:machine:phase:takenAt:)`` reads the lines:
    ///
    /// ```
    /// file /etc/nginx/nginx.conf 5f2a…(64 hex)
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
    /// The output of a large watch (thousands of files) may pass the agent's reply limit: the engine
    /// should redirect it to a file in the guest and read that back.
    public var probeScript: String {
        var sections = [Self.prologue]
        sections.append("{")
        if packages { sections.append(Self.packageSection) }
        if services { sections.append(Self.serviceSection) }
        if ports { sections.append(Self.portSection) }
        if !watch.isEmpty { sections.append(fileSection) }
        // An empty group is a syntax error in sh.
        sections.append(":")
        sections.append("} | sort -u")
        return sections.joined(separator: "\n")
    }

    // The agent's environment may lack the system folders in PATH; they go last, after the caller's.
    private static let prologue = """
        # PatchLab fingerprint probe: one fact per line, sorted.
        LC_ALL=C
        export LC_ALL
        PATH=${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        export PATH
        """

    // Packages present but not fully installed carry their dpkg state, so a half-done install shows.
    private static let packageSection = """
        if command -v dpkg-query >/dev/null 2>&1; then
          dpkg-query -W -f='${db:Status-Status} ${binary:Package} ${Version}\\n' 2>/dev/null |
          while read -r s n v; do
            [ -n "$v" ] || continue
            case $s in
              installed) echo "package $n $v" ;;
              not-installed|config-files) ;;
              *) echo "package $n $v $s" ;;
            esac
          done
        else
          echo 'fingerprint: dpkg-query not found, no packages recorded' >&2
        fi
        """

    // Loaded units give the active state, unit files the enablement; merged by name after sorting.
    // A unit that is not loaded is inactive; one without a unit file (a template's instance) has "-".
    // Without a running systemd (a container, a build host) there are no service lines. With one,
    // systemctl can still fail (a D-Bus timeout on a starved guest): it is tried three times, and
    // then an `incomplete` line makes the whole fingerprint fail rather than silently miss services.
    private static let serviceSection = """
        if command -v systemctl >/dev/null 2>&1; then
          n=0
          until units=$(systemctl list-units --type=service --all --plain --no-legend --no-pager 2>&1) &&
                files=$(systemctl list-unit-files --type=service --no-legend --no-pager 2>&1); do
            if [ ! -d /run/systemd/system ]; then units= files=; break; fi
            n=$((n+1))
            if [ $n -ge 3 ]; then
              echo "incomplete: systemctl failed 3 times: $(printf '%s\\n%s\\n' "$units" "$files" | grep . | tail -n 1)"
              units= files=
              break
            fi
            sleep 2
          done
          {
            [ -z "$units" ] || printf '%s\\n' "$units" |
            while read -r u l a rest; do
              case $u in *.service) ;; *) u=$l a=${rest%% *} ;; esac
              echo "$u 1 $a"
            done
            [ -z "$files" ] || printf '%s\\n' "$files" |
            while read -r u s rest; do echo "$u 2 $s"; done
          } | sort | {
            c=
            while read -r u k v; do
              if [ "$u" != "$c" ]; then
                [ -z "$c" ] || echo "service $c $a $e"
                c=$u a=inactive e=-
              fi
              case $k in 1) a=$v ;; 2) e=$v ;; esac
            done
            [ -z "$c" ] || echo "service $c $a $e"
          }
        fi
        """

    // From /proc rather than ss: a minbase guest may lack iproute2, never /proc. TCP state 0A is
    // LISTEN; an unconnected bound UDP socket shows state 07 with remote port 0.
    private static let portSection = """
        for p in tcp udp; do
          for f in /proc/net/$p /proc/net/${p}6; do
            [ -r "$f" ] || continue
            while read -r _ l r st rest; do
              case $p:$st in
                tcp:0A) ;;
                udp:07) [ "${r##*:}" = 0000 ] || continue ;;
                *) continue ;;
              esac
              echo "port $p $((0x${l##*:}))"
            done < "$f"
          done
        done
        """

    private var fileSection: String {
        let starts = watch.map(ShellQuoting.quote).joined(separator: " ")
        // Pruned by path, so an ignored folder is not even walked.
        let pruned = ignore.map { entry -> String in
            let path = entry.count > 1 && entry.hasSuffix("/") ? String(entry.dropLast()) : entry
            return "-path " + ShellQuoting.quote(Self.findPattern(path))
        }
        let filter = pruned.isEmpty ? "" : "\\( " + pruned.joined(separator: " -o ") + " \\) -prune -o "
        // sha256sum starts a line with "\" when it escaped the name; the name stays escaped.
        return """
            for w in \(starts); do
              [ -e "$w" ] || [ -L "$w" ] || continue
              find -H "$w" -xdev \(filter)-type f -exec sha256sum -- {} +
            done | sed -n -e 's/^\\\\\\([0-9a-f]\\{64\\}\\)  \\(.*\\)$/file \\2 \\1/p' \\
                          -e 's/^\\([0-9a-f]\\{64\\}\\)  \\(.*\\)$/file \\2 \\1/p'
            """
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
