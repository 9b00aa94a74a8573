import Testing
@testable import PatchLabModel

/// apt's own tables read back: `apt-cache policy` and `apt-cache show`, and the pending updates
/// chosen from them.
@Suite struct AptOutputTests {
    static let policy = """
        nginx-light:
          Installed: (none)
          Candidate: 1.22.1-9+deb12u11
          Version table:
             1.22.1-9+deb12u11 500
                500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
             1.22.1-9+deb12u9 500
                500 http://deb.debian.org/debian bookworm/main amd64 Packages
        curl:
          Installed: (none)
          Candidate: 7.88.1-10+deb12u15
          Version table:
             7.88.1-10+deb12u15 500
                500 http://deb.debian.org/debian bookworm/main amd64 Packages
             7.88.1-10+deb12u5 500
                500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
        tzdata:
          Installed: (none)
          Candidate: 2026f-0+deb12u1
          Version table:
         *** 2026f-0+deb12u1 500
                500 http://deb.debian.org/debian bookworm-updates/main amd64 Packages
                500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
             2026b-0+deb12u1 500
                500 http://deb.debian.org/debian bookworm/main amd64 Packages
        libgone:
          Installed: (none)
          Candidate: (none)
          Version table:
        """

    @Test func policyTablesAreRead() {
        let read = AptPolicy.parse(Self.policy)
        #expect(read.map(\.package) == ["nginx-light", "curl", "tzdata", "libgone"])
        #expect(read[0].candidate == "1.22.1-9+deb12u11")
        #expect(read[0].versions.map(\.version) == ["1.22.1-9+deb12u11", "1.22.1-9+deb12u9"])
        #expect(read[0].versions.map(\.suites) == [["bookworm-security"], ["bookworm"]])
        #expect(read[2].versions[0].suites == ["bookworm-updates", "bookworm-security"])
        #expect(read[3].candidate == nil && read[3].versions.isEmpty)
    }

    @Test func pendingUpdatesAreNewerThanInstalledSecurityFirst() {
        let release = DebianRelease(codename: "bookworm")
        let installed = ["nginx-light": "1.22.1-9+deb12u9", "curl": "7.88.1-10+deb12u14", "tzdata": "2026b-0+deb12u1", "libgone": "1"]
        let all = PendingUpdate.select(
            installed: installed, policies: AptPolicy.parse(Self.policy), release: release,
            suites: Set(DebianRelease.Suite.allCases))
        #expect(
            all.map { "\($0.package) \($0.installed) \($0.candidate) \($0.suiteName)" } == [
                "nginx-light 1.22.1-9+deb12u9 1.22.1-9+deb12u11 bookworm-security",
                "tzdata 2026b-0+deb12u1 2026f-0+deb12u1 bookworm-security",  // in -updates too: security first
                "curl 7.88.1-10+deb12u14 7.88.1-10+deb12u15 bookworm",  // the older security version is no update
            ])
        let security = PendingUpdate.select(
            installed: installed, policies: AptPolicy.parse(Self.policy), release: release, suites: [.security])
        #expect(security.map(\.package) == ["nginx-light", "tzdata"])
        let updatesOnly = PendingUpdate.select(
            installed: installed, policies: AptPolicy.parse(Self.policy), release: release, suites: [.updates])
        #expect(updatesOnly.map(\.suiteName) == ["bookworm-updates"])
    }

    @Test func indexRecordsGiveSourceDigestAndPlace() {
        let records = AptRecord.parse(
            """
            Package: libssl3
            Source: openssl (3.0.22-1~deb12u2)
            Version: 3.0.22-1~deb12u2
            Architecture: amd64
            Filename: pool/updates/main/o/openssl/libssl3_3.0.22-1~deb12u2_amd64.deb
            Size: 2039888
            SHA256: \(String(repeating: "AB", count: 32))
            Description: Secure Sockets Layer toolkit
             more text: with a colon

            Package: broken
            Version: 1
            """)
        #expect(records.count == 1)
        #expect(records[0].source == "openssl")
        #expect(records[0].fileName == "libssl3_3.0.22-1~deb12u2_amd64.deb")
        #expect(records[0].sha256 == String(repeating: "ab", count: 32))
        #expect(records[0].size == 2_039_888)
        #expect(
            AptRecord.parse("Package: nginx\nVersion: 1\nFilename: a/b.deb\nSize: 1\nSHA256: \(String(repeating: "0", count: 64))")[0]
                .source == "nginx")
    }

    @Test func releasesByNumber() {
        #expect(DebianRelease(version: "12")?.codename == "bookworm")
        #expect(DebianRelease(version: "12.4+deb12u11")?.codename == "bookworm")
        #expect(DebianRelease(version: "13.1")?.codename == "trixie")
        #expect(DebianRelease(version: "sid") == nil)
        #expect(DebianRelease(codename: "bookworm").name(of: .security) == "bookworm-security")
    }
}
