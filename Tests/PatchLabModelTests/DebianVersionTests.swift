import Testing
@testable import PatchLabModel

/// dpkg's version ordering. Every row was checked with `dpkg --compare-versions` (dpkg 1.21.22).
@Suite struct DebianVersionTests {
    static let table: [(String, String, String)] = [
        ("1.0", "=", "1.0"),
        ("1.0", "<", "1.1"),
        ("1.0~rc1", "<", "1.0"),
        ("1.0~rc1", "<", "1.0~rc2"),
        ("1.0~~", "<", "1.0~"),
        ("1.0~~a", "<", "1.0~"),
        ("1.0~", "<", "1.0"),
        ("1.0", "<", "1.0a"),
        ("1.0a", "<", "1.0+"),
        ("1.0+", "<", "1.0."),
        ("1:0.1", ">", "2.0"),
        ("0:1.0", "=", "1.0"),
        ("2:1.0", ">", "1:9.9"),
        ("1.22.1-9", "<", "1.22.1-9+deb12u1"),
        ("1.22.1-9", "<", "1.22.1-10"),
        ("1.22.1-9", ">", "1.22.1"),
        ("1.22.1", "=", "1.22.1-0"),
        ("1.00", "=", "1.0"),
        ("2.0", "<", "10.0"),
        ("1.2.3", ">", "1.2"),
        ("1.2", "<", "1.2.0"),
        ("7.6p2-4", ">", "7.6-0"),
        ("1.0-1~bpo1", "<", "1.0-1"),
        ("1.18.0+dfsg-1", ">", "1.18.0-1"),
        ("3.0~beta1+git20200101", "<", "3.0"),
        ("1.0-1", "<", "1.0-1.1"),
        ("1.0.0-2", ">", "1.0-2"),
        ("0.9.9", "<", "1.0"),
        ("1.0-1ubuntu1", ">", "1.0-1"),
        ("1.0-1+b1", ">", "1.0-1"),
        ("2.36.1-8+deb12u1", "<", "2.36.1-8+deb12u2"),
    ]

    @Test(arguments: table)
    func ordersLikeDpkg(lhs: String, relation: String, rhs: String) throws {
        let a = try #require(DebianVersion(lhs)), b = try #require(DebianVersion(rhs))
        switch relation {
        case "<": #expect(a < b); #expect(b > a); #expect(a != b)
        case ">": #expect(a > b); #expect(b < a); #expect(a != b)
        default: #expect(a == b); #expect(!(a < b)); #expect(!(b < a)); #expect(a.hashValue == b.hashValue)
        }
    }

    @Test func partsAreSplitOnTheFirstColonAndTheLastDash() throws {
        let version = try #require(DebianVersion("2:1.2-3-4"))
        #expect(version.epoch == 2)
        #expect(version.upstream == "1.2-3")
        #expect(version.revision == "4")
        #expect(version.description == "2:1.2-3-4")
        let native = try #require(DebianVersion("1.22.1"))
        #expect(native.epoch == 0)
        #expect(native.revision == "")
    }

    @Test(arguments: [
        ("", "empty"),
        ("1.0 beta", "no spaces"),
        ("a:1.0", "epoch"),
        ("1.0-", "revision (after the last '-') is empty"),
        ("v1.0", "must start with a digit"),
        ("1.0_1", "upstream version may hold only"),
        ("1.0-a_b", "revision may hold only"),
    ])
    func invalidVersionsAreExplained(text: String, problem: String) {
        #expect(DebianVersion(text) == nil)
        #expect(DebianVersion.problem(with: text)?.contains(problem) == true, "\(DebianVersion.problem(with: text) ?? "nil")")
    }

    @Test func versionMatchers() throws {
        let installed = try #require(DebianVersion("1.22.1-9"))
        #expect(VersionMatcher.installed.matches(installed))
        #expect(VersionMatcher.equals(DebianVersion("1.22.1-9")!).matches(installed))
        #expect(!VersionMatcher.equals(DebianVersion("1.22.1-9+deb12u1")!).matches(installed))
        #expect(VersionMatcher.atLeast(DebianVersion("1.22.1")!).matches(installed))
        #expect(VersionMatcher.atLeast(DebianVersion("1.22.1-9")!).matches(installed))
        #expect(!VersionMatcher.atLeast(DebianVersion("1.22.1-10")!).matches(installed))
        #expect(VersionMatcher.newerThan(DebianVersion("1.22.1-8")!).matches(installed))
        #expect(!VersionMatcher.newerThan(DebianVersion("1.22.1-9")!).matches(installed))
        #expect(VersionMatcher.olderThan(DebianVersion("1.22.1-9+deb12u1")!).matches(installed))
        #expect(!VersionMatcher.olderThan(DebianVersion("1.22.1-9")!).matches(installed))
    }
}
