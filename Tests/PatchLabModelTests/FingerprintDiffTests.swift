import Foundation
import Testing
@testable import PatchLabModel

/// What changed between two fingerprints, classified field by field.
@Suite struct FingerprintDiffTests {
    let baseline = Fingerprint(
        machine: "web-01", phase: .baseline,
        packages: [
            "nginx-light": "1.22.1-9+deb12u9", "openssl": "3.0.15-1~deb12u1", "curl": "7.88.1-10+deb12u8",
            "old": "1.0", "same": "1.0", "epoch": "2:1.0", "tilde": "1.0", "dpkg": "1.21.22",
        ],
        services: [
            "nginx.service": ServiceStatus(active: "active", enabled: "enabled"),
            "cron.service": ServiceStatus(active: "active", enabled: "enabled"),
            "gone.service": ServiceStatus(active: "inactive", enabled: "disabled"),
        ],
        ports: ["tcp/80", "tcp/22", "udp/68"],
        files: ["/etc/nginx/nginx.conf": digestA, "/etc/removed": digestA, "/etc/same": digestB])

    var patched: Fingerprint {
        var other = baseline
        other.phase = .postPatch
        other.takenAt = baseline.takenAt.addingTimeInterval(60)
        // u11 > u9 by dpkg's order, though "u1…" sorts before "u9" as text.
        other.packages["nginx-light"] = "1.22.1-9+deb12u11"
        other.packages["openssl"] = "3.0.15-1~deb12u0"
        other.packages["curl"] = "7.88.1-10+deb12u8"
        other.packages["old"] = nil
        other.packages["new"] = "2.0"
        other.packages["broken"] = "1.1"
        other.packageStates["broken"] = "unpacked"
        other.packages["epoch"] = "1:9.9"  // a lower epoch is older, whatever follows
        other.packages["tilde"] = "1.0~rc1"  // ~ sorts before the end: a pre-release is older
        other.packages["same"] = "1.0-0"  // dpkg holds these equal: no change
        other.packageStates["dpkg"] = "half-configured"
        other.services["nginx.service"] = ServiceStatus(active: "failed", enabled: "enabled")
        other.services["cron.service"] = ServiceStatus(active: "active", enabled: "disabled")
        other.services["gone.service"] = nil
        other.services["new.service"] = ServiceStatus(active: "active", enabled: "enabled")
        other.ports = ["tcp/22", "udp/68", "tcp/8080", "tcp/443"]
        other.files["/etc/nginx/nginx.conf"] = digestB
        other.files["/etc/removed"] = nil
        other.files["/etc/nginx/conf.d/broken.conf"] = digestA
        return other
    }

    @Test func classifiesEveryDifference() {
        let diff = Fingerprint.diff(from: baseline, to: patched)
        #expect(diff.machine == "web-01")
        #expect(diff.fromPhase == .baseline && diff.toPhase == .postPatch)
        #expect(diff.packagesAdded == [.init(name: "broken", version: "1.1", state: "unpacked"), .init(name: "new", version: "2.0")])
        #expect(diff.packagesRemoved == [.init(name: "old", version: "1.0")])
        #expect(diff.packagesUpgraded == [.init(name: "nginx-light", from: "1.22.1-9+deb12u9", to: "1.22.1-9+deb12u11")])
        #expect(
            diff.packagesDowngraded == [
                .init(name: "epoch", from: "2:1.0", to: "1:9.9"),
                .init(name: "openssl", from: "3.0.15-1~deb12u1", to: "3.0.15-1~deb12u0"),
                .init(name: "tilde", from: "1.0", to: "1.0~rc1"),
            ])
        #expect(diff.packageStatesChanged == [.init(name: "dpkg", from: "installed", to: "half-configured")])
        #expect(diff.servicesChanged.map(\.name) == ["cron.service", "gone.service", "new.service", "nginx.service"])
        #expect(diff.portsOpened == ["tcp/443", "tcp/8080"])
        #expect(diff.portsClosed == ["tcp/80"])
        #expect(diff.filesAdded == ["/etc/nginx/conf.d/broken.conf"])
        #expect(diff.filesRemoved == ["/etc/removed"])
        #expect(diff.filesChanged == ["/etc/nginx/nginx.conf"])
        #expect(!diff.isEmpty)
    }

    @Test func rendersOneLinePerDifference() {
        #expect(
            Fingerprint.diff(from: baseline, to: patched).lines == [
                "package broken added 1.1 (unpacked)",
                "package new added 2.0",
                "package old removed (was 1.0)",
                "package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11",
                "package epoch downgraded 2:1.0 → 1:9.9",
                "package openssl downgraded 3.0.15-1~deb12u1 → 3.0.15-1~deb12u0",
                "package tilde downgraded 1.0 → 1.0~rc1",
                "package dpkg state installed → half-configured",
                "service cron.service enablement enabled → disabled",
                "service gone.service removed (was inactive, disabled)",
                "service new.service added (active, enabled)",
                "service nginx.service active state active → failed",
                "port tcp/443 opened",
                "port tcp/8080 opened",
                "port tcp/80 closed",
                "file /etc/nginx/conf.d/broken.conf added",
                "file /etc/removed removed",
                "file /etc/nginx/nginx.conf changed",
            ])
    }

    @Test func theReverseDiffSwapsUpAndDown() {
        let back = Fingerprint.diff(from: patched, to: baseline)
        #expect(back.packagesDowngraded.map(\.name) == ["nginx-light"])
        #expect(back.packagesUpgraded.map(\.name) == ["epoch", "openssl", "tilde"])
        #expect(back.portsOpened == ["tcp/80"])
        #expect(back.filesRemoved == ["/etc/nginx/conf.d/broken.conf"])
    }

    @Test func onlyRecordedFactsCountNotTimeOrPhase() {
        var later = baseline
        later.phase = .postRollback
        later.takenAt = baseline.takenAt.addingTimeInterval(3600)
        let diff = Fingerprint.diff(from: baseline, to: later)
        #expect(diff.isEmpty)
        #expect(diff.lines.isEmpty)
    }

    @Test func aBothWaysChangedServiceGivesTwoLines() {
        var other = baseline
        other.services["nginx.service"] = ServiceStatus(active: "inactive", enabled: "masked")
        #expect(
            Fingerprint.diff(from: baseline, to: other).lines == [
                "service nginx.service active state active → inactive",
                "service nginx.service enablement enabled → masked",
            ])
    }

    @Test func roundTripsThroughJSON() throws {
        let diff = Fingerprint.diff(from: baseline, to: patched)
        let data = try JSONEncoder().encode(diff)
        #expect(try JSONDecoder().decode(FingerprintDiff.self, from: data) == diff)
    }
}
