import Foundation
import Testing
@testable import PatchLabModel

/// Scoring a lab machine against production: what each dimension counts, its score, the weighted
/// overall score, what is compared at all, and where patched packages start.
@Suite struct FidelityComparisonTests {
    static let production = Fingerprint(
        machine: "prod-web-01",
        packages: ["nginx": "1.22.1-9+deb12u3", "curl": "7.88.1-10+deb12u14", "libc6:amd64": "2.36-9", "openssl": "3.0.15-1"],
        services: [
            "nginx.service": ServiceStatus(active: "active", enabled: "enabled"),
            "ssh.service": ServiceStatus(active: "active", enabled: "enabled"),
        ],
        ports: ["tcp/80", "tcp/22"],
        files: ["/etc/nginx/nginx.conf": digestA, "/etc/ssh/sshd_config": digestB, "/srv/www/index.html": digestA],
        system: SystemFacts(osID: "debian", osVersion: "12", osCodename: "bookworm", kernel: "6.1.0-26-amd64", architecture: "x86_64"))

    static let lab = Fingerprint(
        machine: "web-01",
        packages: ["nginx": "1.22.1-9+deb12u9", "libc6:amd64": "2.36-9.0", "openssl": "3.0.15-1", "qemu-guest-agent": "1:7.2"],
        packageStates: ["openssl": "half-configured"],
        services: [
            "nginx.service": ServiceStatus(active: "active", enabled: "enabled"),
            "qemu-guest-agent.service": ServiceStatus(active: "active", enabled: "static"),
        ],
        ports: ["tcp/80"],
        files: ["/etc/nginx/nginx.conf": digestA, "/etc/ssh/sshd_config": digestA, "/etc/hostname-lab": digestB],
        system: SystemFacts(osID: "debian", osVersion: "12", osCodename: "bookworm", kernel: "6.1.0-57-amd64", architecture: "x86_64"))

    func dimensions(labSpec: FingerprintSpec = FingerprintSpec(), productionSpec: FingerprintSpec = FingerprintSpec(origins: true))
        -> [FidelityDimensionKind: FidelityDimension]
    {
        let list = FidelityComparison.dimensions(
            lab: Self.lab, labSpec: labSpec, production: Self.production, productionSpec: productionSpec)
        return Dictionary(uniqueKeysWithValues: list.map { ($0.kind, $0) })
    }

    @Test func packagesCountSameOtherVersionMissingAndOnlyInLab() throws {
        let packages = try #require(dimensions()[.packages])
        // libc6 2.36-9 and 2.36-9.0 differ; dpkg's equality would call 2.36-9 and 2.36-09 the same.
        #expect(packages.same == 0)
        #expect(packages.different == 3, "nginx, libc6 and openssl (half-configured in the lab)")
        #expect(packages.missingInLab == 1)
        #expect(packages.onlyInLab == 1)
        #expect(packages.computedScore == 0)
        #expect(
            packages.differences.map(\.line) == [
                "curl: missing in the lab (production 7.88.1-10+deb12u14)",
                "libc6:amd64: lab 2.36-9.0, production 2.36-9",
                "nginx: lab 1.22.1-9+deb12u9, production 1.22.1-9+deb12u3",
                "openssl: lab 3.0.15-1 (half-configured), production 3.0.15-1",
                "qemu-guest-agent: only in the lab (1:7.2)",
            ])
    }

    @Test func versionsDpkgHoldsEqualAreTheSame() throws {
        var lab = Self.production
        lab.machine = "web-01"
        lab.packages["nginx"] = "0:1.22.1-9+deb12u3"
        let packages = try #require(
            FidelityComparison.dimensions(
                lab: lab, labSpec: FingerprintSpec(), production: Self.production,
                productionSpec: FingerprintSpec()
            ).first { $0.kind == .packages })
        #expect(packages.same == 4 && packages.compared == 4 && packages.computedScore == 1)
    }

    @Test func servicesPortsAndSystem() throws {
        let all = dimensions()
        let services = try #require(all[.services])
        #expect((services.same, services.different, services.missingInLab, services.onlyInLab) == (1, 0, 1, 1))
        #expect(abs(services.computedScore - 1.0 / 3) < 1e-12)
        let ports = try #require(all[.ports])
        #expect((ports.same, ports.missingInLab, ports.onlyInLab) == (1, 1, 0))
        #expect(ports.computedScore == 0.5)
        let system = try #require(all[.system])
        #expect(system.same == 2 && system.differences.map(\.line) == ["kernel: lab 6.1.0-57-amd64, production 6.1.0-26-amd64"])
    }

    /// Only paths both sides watch are compared: production's /srv is not "missing" from a lab that
    /// does not watch it, and a file the lab's spec ignores is left out on both sides.
    @Test func filesAreComparedWhereBothSpecsWatch() throws {
        let files = try #require(
            dimensions(
                labSpec: FingerprintSpec(ignore: ["/etc/hostname-lab"]),
                productionSpec: FingerprintSpec(watch: ["/etc", "/srv"]))[.files])
        #expect(files.same == 1)
        #expect(files.differences.map(\.line) == ["/etc/ssh/sshd_config: lab \(digestA), production \(digestB)"])
        #expect(files.computedScore == 0.5)
    }

    @Test func dimensionsOneSideDidNotGatherAreLeftOut() {
        let all = dimensions(labSpec: FingerprintSpec(services: false, watch: []))
        #expect(Set(all.keys) == [.system, .packages, .ports])
        var bare = Self.lab
        bare.system = SystemFacts()
        let list = FidelityComparison.dimensions(
            lab: bare, labSpec: FingerprintSpec(), production: Self.production, productionSpec: FingerprintSpec())
        #expect(!list.contains { $0.kind == .system }, "a fingerprint without system facts cannot be compared on them")
    }

    @Test func overallScoreIsTheWeightedMeanOfMeasuredDimensions() throws {
        let reference = ProductionReference(
            name: "prod-web-01", host: "prod-web-01", capturedAt: Date(), capturedBy: "root",
            method: .ssh, hostKey: nil, recordSHA256: digestA)
        let list = FidelityComparison.dimensions(
            lab: Self.lab, labSpec: FingerprintSpec(), production: Self.production,
            productionSpec: FingerprintSpec())
        let machine = MachineFidelity(machine: "web-01", mirrors: "prod-web-01.example.com", production: reference, dimensions: list)
        // system 2/3, packages 0, services 1/3, ports 1/2, files 1/3 (nginx.conf the same, sshd_config
        // different, hostname-lab only in the lab; /srv is watched by neither default spec).
        let expected = 0.15 * 2 / 3 + 0.35 * 0 + 0.20 / 3 + 0.10 * 0.5 + 0.20 / 3
        #expect(abs(try #require(machine.computedScore) - expected) < 1e-12)
        #expect(machine.score == machine.computedScore)
        let onlyPorts = MachineFidelity(
            machine: "web-01", mirrors: "x", production: reference, dimensions: list.filter { $0.kind == .ports })
        #expect(onlyPorts.computedScore == 0.5, "weights of unmeasured dimensions are left out, not counted as zero")
        #expect(MachineFidelity.notMeasured(machine: "web-02", mirrors: "x", reason: "none").computedScore == nil)
    }

    @Test func emptyDimensionScoresOne() {
        let empty = FidelityDimension(kind: .ports, same: 0, differences: [])
        #expect(empty.computedScore == 1)
        var forged = FidelityDimension(kind: .ports, same: 3, differences: [])
        forged.different = -3
        #expect(forged.computedScore == 0, "negative counts cannot raise a score")
    }

    @Test func startVersionsCompareLabBaselineWithProduction() {
        let starts = FidelityComparison.startVersions(
            of: ["nginx", "libc6", "curl", "nginx-light", "openssl"], lab: Self.lab,
            production: Self.production)
        #expect(
            starts.map(\.package) == ["curl", "libc6:amd64", "nginx", "nginx-light", "openssl"],
            "a .deb's libc6 is dpkg's libc6:amd64")
        #expect(starts.filter(\.matches).map(\.package) == ["nginx-light", "openssl"])
        #expect(
            starts.first { $0.package == "nginx" }?.line
                == "the lab tested the upgrade of nginx from 1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3")
        #expect(starts.first { $0.package == "curl" }?.line == "the lab installed curl fresh; production runs 7.88.1-10+deb12u14")
    }

    @Test func patchedPackagesComeFromDebNamesAndTheDiff() throws {
        let change = try parseChange(changeText(source: "files/a.deb"))
        var withDeb = change
        withDeb.patch.files[0].source = "/x/nginx-light_1.22.1-9+deb12u11_all.deb"
        let diff = FingerprintDiff(
            machine: "web-01", packagesAdded: [.init(name: "libnginx-mod-x", version: "1", state: nil)],
            packagesUpgraded: [.init(name: "nginx", from: "1", to: "2")])
        #expect(PatchedPackages.names(change: withDeb, diff: diff) == ["libnginx-mod-x", "nginx", "nginx-light"])
        #expect(PatchedPackages.names(change: change, diff: nil).isEmpty, "a.deb is not NAME_VERSION_ARCH.deb")
        #expect(PatchedPackages.debPackageName("nginx_1.22.1-9+deb12u11_amd64.deb") == "nginx")
        #expect(PatchedPackages.debPackageName("../evil_1_all.deb") == nil)
    }
}
