import Foundation
import Testing

@testable import PatchLabModel

/// What a capture asks a matched image to install and enable reaches the recipe's apt and
/// systemctl command lines: only Debian package names and versions and systemd unit names go
/// there; anything else a hand-edited capture holds is skipped, and said.
@Suite struct MatchPlanNamesTests {
    @Test func hostileNamesAreSkippedAndNamed() throws {
        var record = ProductionRecordTests.record()
        record.fingerprint.system.osID = "debian"
        record.fingerprint.system.osCodename = "bookworm"
        record.fingerprint.system.architecture = "x86_64"
        record.fingerprint.packages = [
            "nginx": "1.22.1-9+deb12u3", "libc6:amd64": "2.36-9+deb12u10", "-c/tmp/evil": "1.0", "*": "1.0", "curl": "$(reboot)",
        ]
        record.fingerprint.services = [
            "nginx.service": ServiceStatus(active: "active", enabled: "enabled"),
            "../../../tmp/l.service": ServiceStatus(active: "active", enabled: "enabled"),
            "--global": ServiceStatus(active: "active", enabled: "enabled"),
        ]
        let plan = try MatchPlan(record: record)
        #expect(plan.packages == ["libc6:amd64=2.36-9+deb12u10", "nginx=1.22.1-9+deb12u3"])
        #expect(plan.services == ["nginx.service"])
        #expect(plan.skipped.count == 5, "\(plan.skipped)")
        #expect(plan.skipped.contains { $0.hasPrefix("-c/tmp/evil 1.0: not a Debian package name") })
    }

    @Test(arguments: ["nginx", "g++-12", "libc6:amd64", "xz-utils", "0ad"])
    func debianNamesAreTaken(_ name: String) { #expect(MatchPlan.isPackageName(name)) }

    @Test(arguments: ["", "a", "-x", "Nginx", "a b", "a/b", "a:", "a:b:c", "*", "a;b"])
    func otherNamesAreNot(_ name: String) { #expect(!MatchPlan.isPackageName(name)) }

    @Test(arguments: ["systemd-sysext.service", "getty@tty1.service", "dev-disk-by\\x2duuid.mount"])
    func unitNamesAreTaken(_ name: String) { #expect(MatchPlan.isUnitName(name)) }

    @Test(arguments: ["--global", ".service", "a/b.service", "../x.service", "noextension", "a b.service"])
    func otherUnitNamesAreNot(_ name: String) { #expect(!MatchPlan.isUnitName(name)) }
}
