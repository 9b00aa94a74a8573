import Testing
@testable import PatchLabModel

/// Which patches of a batch a bisection must keep together, from their packages' control fields
/// and what the machines have installed.
@Suite struct BatchUnitsTests {
    static func deb(_ control: String) -> DebPackage { DebPackage.parse(control: control)! }

    @Test func controlFieldsAndRelationsAreReadAsDpkgWritesThem() {
        let package = Self.deb(
            """
            Package: libssh2-1
            Version: 1.10.0-3+deb12u1
            Architecture: amd64
            Pre-Depends: libc6 (>= 2.34)
            Depends: libssl3 (>= 3.0.22), zlib1g (>= 1:1.1.4) | zlib-ng,
             libgcrypt20:any
            Breaks: libssh2-1-dev (<< 1.10)
            """)
        #expect(package.name == "libssh2-1" && package.version == "1.10.0-3+deb12u1")
        #expect(
            package.depends.map { $0.map(\.description) } == [
                ["libc6 (>= 2.34)"], ["libssl3 (>= 3.0.22)"],
                ["zlib1g (>= 1:1.1.4)", "zlib-ng"], ["libgcrypt20"],
            ])
        #expect(package.breaks == [PackageRelation(name: "libssh2-1-dev", relation: .earlier, version: "1.10")])
        #expect(PackageRelation(name: "x", relation: .laterOrEqual, version: "1.0").admits("1.0"))
        #expect(!PackageRelation(name: "x", relation: .later, version: "1.0").admits("1.0"))
        #expect(!PackageRelation(name: "x").admits(nil))
        #expect(PackageRelation.parseOne("x (> 2)")?.relation == .laterOrEqual, "dpkg's obsolete '>' is '>='")
        #expect(DebPackage.parse(control: "Package: x\nVersion: not a version!") == nil)
    }

    /// The new libfoo-bin needs the new libfoo1 (the machines have the old one): one unit.
    /// libbar needs libc6, which the machines have: on its own.
    @Test func patchesWhosePackagesNeedEachOtherAreOneUnit() {
        let packages = [
            "foo-bin": [Self.deb("Package: libfoo-bin\nVersion: 2.0-1\nDepends: libfoo1 (>= 2.0)")],
            "bar": [Self.deb("Package: libbar1\nVersion: 1.1-1\nDepends: libc6 (>= 2.30)")],
            "foo": [Self.deb("Package: libfoo1\nVersion: 2.0-1")],
        ]
        let units = BatchUnits.group(
            patches: ["foo-bin", "bar", "foo"], packages: packages,
            installed: [["libfoo1": "1.0-1", "libc6": "2.36-9", "libbar1": "1.0-1"]])
        #expect(units.map(\.patches) == [["foo-bin", "foo"], ["bar"]])
        #expect(units[0].reasons == ["libfoo-bin (patch foo-bin) depends on libfoo1 (>= 2.0) (patch foo), which the machines do not have"])
        // When the machines already have a version that satisfies it, nothing ties them.
        let satisfied = BatchUnits.group(patches: ["foo-bin", "foo"], packages: packages, installed: [["libfoo1": "2.0-1"]])
        #expect(satisfied.map(\.patches) == [["foo-bin"], ["foo"]])
        // One machine lacking it is enough.
        let oneLacks = BatchUnits.group(
            patches: ["foo-bin", "foo"], packages: packages,
            installed: [["libfoo1": "2.0-1"], ["libfoo1": "1.0-1"]])
        #expect(oneLacks.map(\.patches) == [["foo-bin", "foo"]])
    }

    @Test func aPackageThatBreaksTheInstalledVersionOfAnotherPatchesPackageIsGroupedWithIt() {
        let packages = [
            "new-lib": [Self.deb("Package: libz2\nVersion: 3.0-1\nBreaks: ztool (<< 3.0)")],
            "tool": [Self.deb("Package: ztool\nVersion: 3.0-1")],
            "other": [Self.deb("Package: other\nVersion: 1-1")],
        ]
        let units = BatchUnits.group(patches: ["new-lib", "other", "tool"], packages: packages, installed: [["ztool": "2.9-1"]])
        #expect(units.map(\.patches) == [["new-lib", "tool"], ["other"]])
        #expect(units[0].reasons.first?.contains("breaks ztool (<< 3.0) as the machines have it, which patch tool upgrades") == true)
    }

    @Test func chainsJoinIntoOneUnitInBatchOrder() {
        let packages = [
            "a": [Self.deb("Package: a\nVersion: 2\nDepends: b (>= 2)")],
            "b": [Self.deb("Package: b\nVersion: 2\nDepends: c (= 2)")],
            "c": [Self.deb("Package: c\nVersion: 2")],
            "d": [],
        ]
        let units = BatchUnits.group(patches: ["c", "d", "a", "b"], packages: packages, installed: [["a": "1", "b": "1", "c": "1"]])
        #expect(units.map(\.patches) == [["c", "a", "b"], ["d"]])
    }
}
