import Foundation
import Testing
@testable import PatchLabModel
#if canImport(Glibc)
    import Glibc
#endif

/// The fingerprint probe runs for real with this host's `/bin/sh`: a Debian host has what a minbase
/// guest has (coreutils, find, sed, dpkg-query, /proc/net), so a broken script is caught without a VM.
@Suite struct FingerprintProbeScriptTests {
    /// sha256 of "hello\n" and of nothing, as `sha256sum` prints them.
    static let helloDigest = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
    static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    func probe(_ spec: FingerprintSpec, path: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        if let path { environment["PATH"] = path }
        return try runProcess(spec.probeCommandLine, environment: environment)
    }

    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [
        FingerprintSpec(),
        FingerprintSpec(packages: false, services: false, ports: false, watch: [], ignore: []),
        FingerprintSpec(watch: ["/etc", "/it's here/$(reboot)"], ignore: ["/etc/[ab]*?/", "/a'b", "/etc/back\\slash"]),
    ])
    func scriptIsValidSh(spec: FingerprintSpec) throws {
        let result = try runProcess(["/bin/sh", "-n", "-c", spec.probeScript])
        #expect(result.status == 0, "\(result.stderr)\n\(spec.probeScript)")
    }

    @Test func digestsTheWatchedFilesAndLeavesOutTheIgnoredOnes() throws {
        let root = try makeTemporaryFolder("patchlab-fingerprint")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("hello\n", to: "\(root)/etc/nginx/nginx.conf")
        try write("", to: "\(root)/etc/empty")
        try write("hello\n", to: "\(root)/etc/with space and 'quote'")
        try write("hello\n", to: "\(root)/etc/star*[x]")
        try write("hello\n", to: "\(root)/etc/new\nline")
        try write("secret\n", to: "\(root)/etc/hostname")
        try write("secret\n", to: "\(root)/etc/ssl/private/key.pem")
        try write("kept\n", to: "\(root)/etc/ssl-other/kept")
        try write("secret\n", to: "\(root)/etc/skip*[x]")
        try FileManager.default.createSymbolicLink(atPath: "\(root)/etc/link", withDestinationPath: "\(root)/etc/empty")
        try FileManager.default.createDirectory(atPath: "\(root)/etc/empty-folder", withIntermediateDirectories: true)

        let spec = FingerprintSpec(
            packages: false, services: false, ports: false,
            watch: ["\(root)/etc", "\(root)/missing"],
            ignore: ["\(root)/etc/hostname", "\(root)/etc/ssl/", "\(root)/etc/skip*[x]"])
        let result = try probe(spec)
        #expect(result.status == 0, "\(result.stderr)")
        let fingerprint = try Fingerprint.parse(probeOutput: result.stdout, machine: "host")
        #expect(
            Set(fingerprint.files.keys) == [
                "\(root)/etc/nginx/nginx.conf", "\(root)/etc/empty", "\(root)/etc/with space and 'quote'",
                "\(root)/etc/star*[x]", "\(root)/etc/new\nline", "\(root)/etc/ssl-other/kept",
            ])
        #expect(fingerprint.files["\(root)/etc/nginx/nginx.conf"] == Self.helloDigest)
        #expect(fingerprint.files["\(root)/etc/empty"] == Self.emptyDigest)
        #expect(fingerprint.files["\(root)/etc/with space and 'quote'"] == Self.helloDigest)
        #expect(fingerprint.files["\(root)/etc/new\nline"] == Self.helloDigest)
        #expect(fingerprint.packages.isEmpty && fingerprint.services.isEmpty && fingerprint.ports.isEmpty)
        // Sorted, each fact once, and the same on a second run.
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(try probe(spec).stdout == result.stdout)
    }

    @Test func aChangedFileShowsInTheDiff() throws {
        let root = try makeTemporaryFolder("patchlab-fingerprint")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("worker_processes auto;\n", to: "\(root)/nginx.conf")
        try write("old\n", to: "\(root)/old.conf")
        let spec = FingerprintSpec(packages: false, services: false, ports: false, watch: [root], ignore: [])
        let before = try Fingerprint.parse(probeOutput: try probe(spec).stdout, machine: "host", phase: .baseline)
        try write("worker_processes 1;\n", to: "\(root)/nginx.conf")
        try FileManager.default.removeItem(atPath: "\(root)/old.conf")
        try write("new\n", to: "\(root)/conf.d/broken.conf")
        let after = try Fingerprint.parse(probeOutput: try probe(spec).stdout, machine: "host", phase: .postPatch)
        #expect(
            Fingerprint.diff(from: before, to: after).lines == [
                "file \(root)/conf.d/broken.conf added", "file \(root)/old.conf removed", "file \(root)/nginx.conf changed",
            ])
        #expect(Fingerprint.diff(from: before, to: before).isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/dpkg-query")))
    func readsThisHostsPackages() throws {
        let spec = FingerprintSpec(services: false, ports: false, watch: [])
        let result = try probe(spec)
        #expect(result.status == 0, "\(result.stderr)")
        let fingerprint = try Fingerprint.parse(probeOutput: result.stdout, machine: "host")
        let dpkg = try #require(fingerprint.packages["dpkg"])
        #expect(DebianVersion(dpkg) != nil)
        let expected = try runProcess(["/usr/bin/dpkg-query", "-W", "-f", "${Version}", "dpkg"]).stdout
        #expect(dpkg == expected)
    }

    @Test func readsPackageStatesAndServicesFromDpkgAndSystemctl() throws {
        // Stand-ins for the guest's tools, first on PATH: what dpkg-query and systemctl print on a
        // guest after a failed install, including systemctl's bullet before a failed unit.
        let bin = try makeTemporaryFolder("patchlab-fakebin")
        defer { try? FileManager.default.removeItem(atPath: bin) }
        try write(
            """
            #!/bin/sh
            printf '%s\\n' 'installed nginx 1.22.1-9+deb12u9' 'half-configured nginx-common 1.22.1-9+deb12u11' \\
              'not-installed gone ' 'config-files removed-one 1.0' 'installed libc6:amd64 2.36-9'
            """, to: "\(bin)/dpkg-query")
        try write(
            """
            #!/bin/sh
            case "$1" in
              list-units) printf '%s\\n' \\
                'nginx.service loaded active running A high performance web server' \\
                '● ssh.service loaded failed failed OpenBSD Secure Shell server' \\
                'getty@tty1.service loaded active running Getty on tty1' \\
                'foo.service not-found inactive dead foo.service' ;;
              list-unit-files) printf '%s\\n' 'nginx.service enabled enabled' 'ssh.service enabled enabled' \\
                'getty@.service enabled enabled' 'cron.service disabled enabled' ;;
              *) exit 1 ;;
            esac
            """, to: "\(bin)/systemctl")
        for tool in ["dpkg-query", "systemctl"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(bin)/\(tool)")
        }
        let spec = FingerprintSpec(ports: false, watch: [])
        let result = try probe(spec, path: "\(bin):/usr/bin:/bin")
        #expect(result.status == 0, "\(result.stderr)")
        let fingerprint = try Fingerprint.parse(probeOutput: result.stdout, machine: "web-01")
        #expect(
            fingerprint.packages == [
                "nginx": "1.22.1-9+deb12u9", "nginx-common": "1.22.1-9+deb12u11",
                "libc6:amd64": "2.36-9",
            ])
        #expect(fingerprint.packageStates == ["nginx-common": "half-configured"])
        #expect(
            fingerprint.services == [
                "nginx.service": ServiceStatus(active: "active", enabled: "enabled"),
                "ssh.service": ServiceStatus(active: "failed", enabled: "enabled"),
                "getty@tty1.service": ServiceStatus(active: "active", enabled: "-"),
                "getty@.service": ServiceStatus(active: "inactive", enabled: "enabled"),
                "cron.service": ServiceStatus(active: "inactive", enabled: "disabled"),
                "foo.service": ServiceStatus(active: "inactive", enabled: "-"),
            ])
    }

    /// A running systemd whose systemctl keeps failing (a D-Bus timeout on a starved guest): after
    /// three tries the probe says it is incomplete, and the fingerprint refuses to be partial.
    @Test func aFailingSystemctlUnderSystemdMakesTheFingerprintFail() throws {
        let bin = try makeTemporaryFolder("patchlab-fakebin")
        defer { try? FileManager.default.removeItem(atPath: bin) }
        try write(
            """
            #!/bin/sh
            case "$1" in
              list-units) echo 'nginx.service loaded active running web' ;;
              *) echo 'Failed to list unit files: Connection timed out' >&2; exit 1 ;;
            esac
            """, to: "\(bin)/systemctl")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(bin)/systemctl")
        // The probe asks /run/systemd/system whether systemd runs; this host has none, so point it elsewhere.
        let systemd = try makeTemporaryFolder("patchlab-systemd")
        defer { try? FileManager.default.removeItem(atPath: systemd) }
        let spec = FingerprintSpec(packages: false, ports: false, watch: [])
        let script = spec.probeScript.replacingOccurrences(of: "/run/systemd/system", with: systemd).replacingOccurrences(
            of: "sleep 2", with: "sleep 0")
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "\(bin):/usr/bin:/bin"
        let result = try runProcess(["/bin/sh", "-c", script], environment: environment)
        #expect(result.stdout.contains("incomplete: systemctl failed 3 times: Failed to list unit files: Connection timed out"))
        #expect(throws: FingerprintParseError.self) { try Fingerprint.parse(probeOutput: result.stdout, machine: "web-01") }
    }

    /// OS release, kernel and architecture, as this host's own files and uname give them.
    @Test func readsThisHostsSystem() throws {
        let result = try probe(FingerprintSpec(packages: false, services: false, ports: false, watch: []))
        #expect(result.status == 0, "\(result.stderr)")
        let system = try Fingerprint.parse(probeOutput: result.stdout, machine: "host").system
        let uname = try runProcess(["/bin/uname", "-r", "-m"]).stdout.split(separator: " ").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(system.kernel == uname[0] && system.architecture == uname[1])
        let release = try String(contentsOfFile: "/etc/os-release", encoding: .utf8)
        func value(_ key: String) -> String? {
            release.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map {
                String($0.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        #expect(system.osID == value("ID") && system.osVersion == value("VERSION_ID") && system.osCodename == value("VERSION_CODENAME"))
    }

    /// Origins come from apt-cache policy: the first archive under the installed version (`***`),
    /// `-` when only dpkg's status file has it; other versions' archives are not the installed one's.
    @Test func readsOriginsFromAptCachePolicy() throws {
        let bin = try makeTemporaryFolder("patchlab-fakebin")
        defer { try? FileManager.default.removeItem(atPath: bin) }
        try write(
            """
            #!/bin/sh
            printf '%s\\n' 'installed nginx 1.22.1-9+deb12u3' 'installed curl 7.88.1-10+deb12u14' 'installed libc6:amd64 2.36-9' \\
              'config-files gone 1.0'
            """, to: "\(bin)/dpkg-query")
        try write(
            """
            #!/bin/sh
            # What apt-cache policy prints, and a record of what it was asked (the options keep it from writing its cache).
            echo "$*" > "$(dirname "$0")/asked"
            cat <<'POLICY'
            nginx:
              Installed: 1.22.1-9+deb12u3
              Candidate: 1.22.1-9+deb12u11
              Version table:
                 1.22.1-9+deb12u11 500
                    500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
             *** 1.22.1-9+deb12u3 500
                    500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
                    500 http://deb.debian.org/debian bookworm/main amd64 Packages
                    100 /var/lib/dpkg/status
            curl:
              Installed: 7.88.1-10+deb12u14
              Candidate: 7.88.1-10+deb12u15
              Version table:
                 7.88.1-10+deb12u15 500
                    500 http://deb.debian.org/debian bookworm/main amd64 Packages
             *** 7.88.1-10+deb12u14 100
                    100 /var/lib/dpkg/status
            libc6:amd64:
              Installed: 2.36-9
              Candidate: 2.36-9
              Version table:
             *** 2.36-9 500
                    500 http://deb.debian.org/debian bookworm/main amd64 Packages
                    100 /var/lib/dpkg/status
            POLICY
            """, to: "\(bin)/apt-cache")
        for tool in ["dpkg-query", "apt-cache"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(bin)/\(tool)")
        }
        let spec = FingerprintSpec(services: false, ports: false, origins: true, watch: [])
        let result = try probe(spec, path: "\(bin):/usr/bin:/bin")
        #expect(result.status == 0, "\(result.stderr)")
        let print = try Fingerprint.parse(probeOutput: result.stdout, machine: "prod")
        #expect(
            print.packageOrigins == [
                "nginx": PackageOrigin(archive: "bookworm-security/main", site: "http://deb.debian.org/debian-security"),
                "curl": PackageOrigin(archive: "-"),
                "libc6:amd64": PackageOrigin(archive: "bookworm/main", site: "http://deb.debian.org/debian"),
            ])
        #expect(print.packages.count == 3)
        let asked = try String(contentsOfFile: "\(bin)/asked", encoding: .utf8)
        #expect(asked == "-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= policy nginx curl libc6:amd64\n")
        // Without origins, apt-cache is never asked.
        try FileManager.default.removeItem(atPath: "\(bin)/asked")
        _ = try probe(FingerprintSpec(services: false, ports: false, watch: []), path: "\(bin):/usr/bin:/bin")
        #expect(!FileManager.default.fileExists(atPath: "\(bin)/asked"))
    }

    /// The production probe for real on this host (a Debian with apt lists): every installed
    /// package is read, with an origin for each.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/apt-cache")))
    func readsThisHostsOrigins() throws {
        let result = try probe(FingerprintSpec(services: false, ports: false, origins: true, watch: []))
        #expect(result.status == 0, "\(result.stderr)")
        let print = try Fingerprint.parse(probeOutput: result.stdout, machine: "host")
        #expect(!print.packages.isEmpty)
        #expect(Set(print.packageOrigins.keys) == Set(print.packages.keys), "one origin per installed package")
    }

    @Test func survivesAHostWithoutRunningSystemd() throws {
        // Here systemctl either is absent or fails (no systemd as PID 1): no service lines, exit 0.
        let result = try probe(FingerprintSpec(packages: false, ports: false, watch: []))
        #expect(result.status == 0, "\(result.stderr)")
        _ = try Fingerprint.parse(probeOutput: result.stdout, machine: "host")
    }

    #if canImport(Glibc)
        @Test func readsListeningPortsFromProc() throws {
            try #require(FileManager.default.fileExists(atPath: "/proc/net/tcp"))
            let port = try listen()
            defer { close(port.socket) }
            let result = try probe(FingerprintSpec(packages: false, services: false, watch: []))
            #expect(result.status == 0, "\(result.stderr)")
            let fingerprint = try Fingerprint.parse(probeOutput: result.stdout, machine: "host")
            #expect(fingerprint.ports.contains("tcp/\(port.number)"), "\(result.stdout)")
            #expect(fingerprint.packages.isEmpty && fingerprint.files.isEmpty)
        }

        /// A TCP socket listening on 127.0.0.1 at a port the kernel picks.
        private func listen() throws -> (socket: Int32, number: Int) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(fd >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && Glibc.listen(fd, 1) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            try #require(bound)
            return (fd, Int(UInt16(bigEndian: address.sin_port)))
        }
    #endif
}
