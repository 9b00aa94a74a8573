import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// Batches on libvirt's test driver with the fake guest side: each patch's own changes, a GO batch in
/// one pass, and the bisection of a failing batch — one culprit, two that only fail together, patches
/// that depend on each other, an install that fails inside a subset — with real snapshots and reverts.
/// The fake guest keeps which patches are installed on each machine, and forgets them when the
/// machine is reverted to its snapshot.
@Suite struct BatchBisectionTests {
    /// The patches installed on each machine, in order: installs add, a revert (or a boot) empties.
    final class Guests: @unchecked Sendable {
        private let lock = NSLock()
        private var installed: [String: [String]] = [:]
        func reset(_ machine: String) { lock.withLock { installed[machine] = [] } }
        func install(_ patch: String, on machine: String) { lock.withLock { installed[machine, default: []].append(patch) } }
        func installed(on machine: String) -> [String] { lock.withLock { installed[machine] ?? [] } }
    }

    /// A one-machine lab, a one-case plan (`check-nginx`), and a batch whose patch `ID` installs with
    /// `install-ID`. `breaks` says whether nginx fails with the installed patches; `installFails`
    /// whether a patch's install fails given those installed before it.
    struct Rig {
        let lab: TestLab
        let change: String
        let guests = Guests()
        let log = FakeGuestChannel.CommandLog()
        let breaks: @Sendable ([String]) -> Bool
        let installFails: @Sendable (String, [String]) -> Bool
        let digests: [String: String]

        static let fingerprintLines = "package libfoo1 1.0-1\npackage nginx-light 1.22.1-9+deb12u9\nport tcp 80\n"

        init(
            patches: [String], debs: [String: String] = [:], breaks: @escaping @Sendable ([String]) -> Bool,
            installFails: @escaping @Sendable (String, [String]) -> Bool = { _, _ in false }
        ) throws {
            lab = try TestLab()
            _ = try lab.lab(lab.yaml(machines: ["web-01:pilot"]))
            try lab.writePlan()
            var digests: [String: String] = [:]
            var text = """
                change: CHG-0009
                title: a batch
                type: normal
                reason: test
                risk: low
                lab: \(lab.name).yaml
                plans: [plan.yaml]
                patches:

                """
            for id in patches {
                text += "  - id: \(id)\n    description: patch \(id)\n    install: \"install-\(id)\"\n"
                guard let control = debs[id] else { continue }
                let file = try Self.buildDeb(control, in: lab.home, named: id)
                let digest = try FileDigest.sha256(ofFile: file)
                digests["/var/tmp/patchlab/CHG-0009/\(id)/\(id).deb"] = digest
                text += "    files:\n      - {source: \(id).deb, sha256: \(digest)}\n"
            }
            change = lab.home + "/CHG-0009.yaml"
            try text.write(toFile: change, atomically: true, encoding: .utf8)
            self.breaks = breaks
            self.installFails = installFails
            self.digests = digests
        }

        /// The same lab and guests, rehearsing another change file (a follow-up) on them.
        init(reusing rig: Rig, change: String) {
            lab = rig.lab
            self.change = change
            breaks = rig.breaks
            installFails = rig.installFails
            digests = rig.digests
        }

        /// A real `.deb` made by the host's `dpkg-deb`, whose control file holds `control`.
        static func buildDeb(_ control: String, in folder: String, named name: String) throws -> String {
            let root = "\(folder)/deb-\(name)"
            try FileManager.default.createDirectory(atPath: root + "/DEBIAN", withIntermediateDirectories: true)
            try (control + "\nArchitecture: all\nMaintainer: t <t@example.com>\nDescription: test\n")
                .write(toFile: root + "/DEBIAN/control", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg-deb")
            process.arguments = ["--build", "--root-owner-group", root, "\(folder)/\(name).deb"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return "\(folder)/\(name).deb"
        }

        func rehearse(options: RehearsalOptions = RehearsalOptions()) async throws -> RehearsalResult {
            let (guests, breaks, installFails, digests) = (self.guests, self.breaks, self.installFails, self.digests)
            let factory = FakeGuestChannel.factory(
                log: log,
                responder: { machine, argv in
                    let command = argv.last ?? ""
                    if command.hasPrefix("install-") {
                        let patch = String(command.dropFirst("install-".count))
                        if installFails(patch, guests.installed(on: machine)) {
                            return GuestExecResult(exitCode: 1, stderr: Data("dpkg: dependency problems prevent configuration\n".utf8))
                        }
                        guests.install(patch, on: machine)
                        return GuestExecResult(exitCode: 0)
                    }
                    if command == "check-nginx" { return GuestExecResult(exitCode: breaks(guests.installed(on: machine)) ? 3 : 0) }
                    if argv.first == "sha256sum" {
                        return GuestExecResult(exitCode: 0, stdout: Data("\(digests[command] ?? "?")  \(command)\n".utf8))
                    }
                    if argv.first == "/bin/sh", command.contains("PatchLab fingerprint probe") {
                        let lines = Self.fingerprintLines + guests.installed(on: machine).map { "package patch-\($0) 1.0\n" }.joined()
                        return GuestExecResult(exitCode: 0, stdout: Data(lines.utf8))
                    }
                    return GuestExecResult(exitCode: 0, stdout: Data("ok\n".utf8))
                }, onReady: { guests.reset($0) })
            let provisioner = LabProvisioner(environment: lab.environment, guestChannel: factory)
            let rehearsal = Rehearsal(provisioner: provisioner, store: try RunStore(environment: lab.environment))
            return try await rehearsal.run(try RehearsalInputs.load(change), options: options)
        }

        func journal(_ runID: String) throws -> [JournalAction] {
            try RunStore(environment: lab.environment).journal(runID: runID).map(\.action)
        }

        func expectNothingLeft(sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
            #expect(try await TestLab.objects(named: "pl-\(lab.name)-").isEmpty, "libvirt objects left", sourceLocation: sourceLocation)
            #expect(try LabProvisioner(environment: lab.environment).state(of: lab.name) == nil, sourceLocation: sourceLocation)
        }
    }

    static func log2Ceil(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }

    @Test func aCleanBatchIsGoInOnePassAndRecordsWhatEachPatchChanged() async throws {
        let rig = try Rig(patches: ["p1", "p2", "p3"], breaks: { _ in false })
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse()
        #expect(result.verdict == .go, "\(result.reasons)")
        #expect(!result.phases.map(\.name).contains(.bisect), "no bisection of a batch that passed")
        let installs = try #require(result.batch?.installs)
        #expect(installs.map(\.patch) == ["p1", "p2", "p3"])
        #expect(installs.allSatisfy { $0.succeeded })
        // Each patch's own diff: only what it added, not what the patches before it did.
        #expect(
            installs.map { $0.diff?.lines ?? [] } == [
                ["package patch-p1 added 1.0"], ["package patch-p2 added 1.0"],
                ["package patch-p3 added 1.0"],
            ])
        #expect(result.patchVerdicts.map(\.state) == [.safe, .safe, .safe])
        #expect(result.rollbackProof?.proven == true)
        // The install commands ran in batch order, each once.
        #expect(
            rig.log.commands(ofMachine: "web-01").compactMap { $0.last?.hasPrefix("install-") == true ? $0.last : nil }
                == ["install-p1", "install-p2", "install-p3"])
        try await rig.expectNothingLeft()
    }

    @Test func oneCulpritOfFourIsFoundInAtMostLog2PlusOneSubsetRuns() async throws {
        let rig = try Rig(patches: ["p1", "p2", "p3", "p4"], breaks: { $0.contains("p4") })
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse()
        #expect(result.verdict == .noGo)
        let bisection = try #require(result.batch?.bisection)
        #expect(bisection.failure == .plans)
        #expect(bisection.culprits == ["p4"])
        #expect(bisection.complete)
        #expect(bisection.steps.count <= Self.log2Ceil(4) + 1)
        #expect(bisection.steps.map(\.patches) == [["p1", "p2"], ["p3"], ["p4"]])
        #expect(bisection.steps.map(\.outcome) == [.passed, .passed, .reproduced])
        #expect(bisection.reverts == 3, "one machine reverted before each step")
        #expect(result.reasons.contains("bisection: culprit patch p4 (3 subset runs, 3 reverts)"), "\(result.reasons)")
        #expect(result.patchVerdicts.map(\.state) == [.safe, .safe, .safe, .culprit])
        #expect(result.bisectionProblems().isEmpty, "\(result.bisectionProblems())")
        #expect(result.recomputedVerdict() == .noGo)
        // The bisection sits between the post-patch fingerprint and the rollback; no machine booted again.
        let phases = result.phases.map(\.name)
        #expect(phases.firstIndex(of: .bisect) == phases.firstIndex(of: .postPatchFingerprint)! + 1)
        #expect(phases.firstIndex(of: .rollback) == phases.firstIndex(of: .bisect)! + 1)
        let journal = try rig.journal(result.runID)
        #expect(journal.filter { $0 == .labUp }.count == 1)
        #expect(journal.filter { $0 == .snapshotRevert }.count == 4, "three steps and the rollback")
        #expect(result.rollbackProof?.proven == true, "\(result.rollbackProof?.reasons ?? [])")
        // Each step's plan reports are kept apart from the test phases'.
        #expect(bisection.steps.map { $0.planRuns.first?.phase } == [.bisect, .bisect, .bisect])
        #expect(result.planRuns[.postPatch]?.count == 1)
        try await rig.expectNothingLeft()
    }

    @Test func twoPatchesThatOnlyBreakTogetherAreBothNamed() async throws {
        let rig = try Rig(patches: ["p1", "p2", "p3", "p4"], breaks: { $0.contains("p2") && $0.contains("p3") })
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse()
        let bisection = try #require(result.batch?.bisection)
        #expect(bisection.culprits == ["p2", "p3"])
        #expect(result.reasons.contains { $0.hasPrefix("bisection: culprit patches p2, p3, together") }, "\(result.reasons)")
        #expect(result.patchVerdicts.map(\.state) == [.safe, .culprit, .culprit, .safe])
        #expect(result.bisectionProblems().isEmpty, "\(result.bisectionProblems())")
        #expect(Set(bisection.steps.map(\.patches)).count == bisection.steps.count, "no subset twice")
        try await rig.expectNothingLeft()
    }

    /// libfoo-bin (patch b-bin) needs the new libfoo1 (patch a-lib); the machine has the old one.
    /// Read from the real `.deb` files, so no subset holds one without the other.
    @Test func patchesWhosePackagesDependOnEachOtherAreBisectedTogether() async throws {
        let rig = try Rig(
            patches: ["a-lib", "b-bin", "c", "d"],
            debs: [
                "a-lib": "Package: libfoo1\nVersion: 2.0-1",
                "b-bin": "Package: libfoo-bin\nVersion: 2.0-1\nDepends: libfoo1 (>= 2.0), libc6",
            ],
            breaks: { $0.contains("c") },
            installFails: { patch, before in patch == "b-bin" && !before.contains("a-lib") })
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse()
        let bisection = try #require(result.batch?.bisection)
        #expect(bisection.units.map(\.patches) == [["a-lib", "b-bin"], ["c"], ["d"]])
        #expect(
            bisection.units[0].reasons == [
                "libfoo-bin (patch b-bin) depends on libfoo1 (>= 2.0) (patch a-lib), which the machines do not have"
            ])
        #expect(bisection.notes.contains { $0.hasPrefix("patches a-lib, b-bin are applied together: libfoo-bin (patch b-bin) depends on") })
        #expect(bisection.culprits == ["c"])
        #expect(bisection.steps.allSatisfy { $0.outcome != .installFailed })
        #expect(bisection.steps.allSatisfy { $0.patches.contains("b-bin") == $0.patches.contains("a-lib") })
        #expect(result.bisectionProblems().isEmpty, "\(result.bisectionProblems())")
        try await rig.expectNothingLeft()
    }

    /// p4 breaks nginx, but it cannot install without p1 (a need no control field tells): the
    /// subsets holding p4 alone fail to install, which neither reproduces the failure nor clears
    /// p4; the smallest set that reproduces the failure is p1 with p4.
    @Test func anInstallThatFailsInsideASubsetIsNotTakenForThePatchesPassing() async throws {
        let rig = try Rig(
            patches: ["p1", "p2", "p3", "p4"], breaks: { $0.contains("p4") },
            installFails: { patch, before in patch == "p4" && !before.contains("p1") })
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse()
        let bisection = try #require(result.batch?.bisection)
        #expect(bisection.culprits == ["p1", "p4"])
        let failedSteps = bisection.steps.filter { $0.outcome == .installFailed }
        #expect(!failedSteps.isEmpty)
        #expect(failedSteps.allSatisfy { $0.patches.contains("p4") && !$0.patches.contains("p1") && $0.planRuns.isEmpty })
        #expect(bisection.notes.contains { $0.contains("patch p4 did not install on web-01 with only") })
        #expect(result.patchVerdicts.first { $0.patch == "p4" }?.state == .culprit)
        #expect(result.bisectionProblems().isEmpty, "\(result.bisectionProblems())")
        try await rig.expectNothingLeft()
    }

    /// The batch's own pass: p2's install fails, p3 is never applied; the bisection tries p2 alone first.
    @Test func aPatchWhoseInstallFailsInTheBatchIsTriedAloneFirst() async throws {
        let rig = try Rig(patches: ["p1", "p2", "p3"], breaks: { _ in false }, installFails: { patch, _ in patch == "p2" })
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse()
        #expect(result.verdict == .noGo)
        let installs = try #require(result.batch?.installs)
        #expect(installs.map(\.patch) == ["p1", "p2"], "the batch stops at the failed install")
        #expect(result.patchOutcomes.first?.message?.hasPrefix("patch p2: the install command exited with status 1") == true)
        let bisection = try #require(result.batch?.bisection)
        #expect(bisection.failure == .install(patch: "p2", machine: "web-01"))
        #expect(bisection.units.map(\.patches) == [["p1"], ["p2"]], "only what the batch applied")
        #expect(bisection.steps.map(\.patches) == [["p2"]])
        #expect(bisection.culprits == ["p2"])
        #expect(result.patchVerdicts.map(\.state) == [.notCleared, .culprit, .notApplied])
        #expect(result.bisectionProblems().isEmpty, "\(result.bisectionProblems())")
        try await rig.expectNothingLeft()
    }

    @Test func bisectionCanBeTurnedOff() async throws {
        let rig = try Rig(patches: ["p1", "p2"], breaks: { $0.contains("p1") })
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse(options: RehearsalOptions(bisect: false))
        #expect(result.verdict == .noGo)
        #expect(result.batch?.bisection == nil)
        #expect(!result.phases.map(\.name).contains(.bisect))
        #expect(result.patchVerdicts.map(\.state) == [.notCleared, .notCleared])
        try await rig.expectNothingLeft()
    }
}
