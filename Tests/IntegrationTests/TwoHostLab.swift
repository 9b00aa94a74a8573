import Foundation
import Testing
import Libvirt
import PatchLabModel
@testable import PatchLabEngine

/// A two-host variant of `labs/demo.yaml`, booted once and shared by the multi-host tests: web-01 on
/// this machine's libvirtd (`local`), web-02 on a second libvirtd (``SecondHost``) as `rack-2`,
/// reached only over TCP, so its golden image and kernel get there through libvirt's upload.
actor TwoHostLab {
    static let shared = TwoHostLab()

    struct Booted: Sendable {
        let host: SecondHost
        /// A folder of this run's lab and change files.
        let folder: String
        let labFile: String
        let lab: Lab
        let state: LabState
    }

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var labName: String { "it2h" + String(ProcessInfo.processInfo.processIdentifier) }

    private var second: Task<SecondHost, any Error>?
    private var booted: Task<Booted, any Error>?

    /// The second daemon, started on first use.
    func secondHost() async throws -> SecondHost {
        if second == nil {
            second = Task {
                let host = try SecondHost()
                try await host.start()
                return host
            }
        }
        return try await second!.value
    }

    /// The lab, up on both hosts.
    func lab() async throws -> Booted {
        let host = try await secondHost()
        if booted == nil { booted = Task { try await Self.boot(on: host) } }
        return try await booted!.value
    }

    /// The lab down on both hosts (the second daemon answering again if it was killed), then the
    /// second daemon stopped and its folders removed.
    func stop() async {
        if let task = second, let host = try? await task.value, !host.isRunning { try? await host.start() }
        if let task = booted, let lab = try? await task.value {
            // A fresh provisioner: a connection lost when the daemon was killed is never reused.
            _ = try? await LabProvisioner(environment: try EngineEnvironment.fromProcess()).down(labNamed: lab.lab.name)
            try? FileManager.default.removeItem(atPath: lab.folder)
        }
        booted = nil
        if let task = second, let host = try? await task.value { await host.stop() }
        second = nil
    }

    private static func boot(on host: SecondHost) async throws -> Booted {
        let environment = try EngineEnvironment.fromProcess()
        guard (try? ImageCatalog(environment: environment).record(named: "debian-12")) != nil else {
            throw EngineError.imageNotBuilt(name: "debian-12")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-\(labName)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let labFile = "\(folder)/two-hosts.yaml"
        try twoHostVariant(of: "\(repository)/labs/demo.yaml", secondHost: host.uri).write(
            toFile: labFile, atomically: true, encoding: .utf8)
        let lab = try Lab.load(contentsOf: labFile)
        let state = try await LabProvisioner(environment: environment).up(lab)
        return Booted(host: host, folder: folder, labFile: labFile, lab: lab, state: state)
    }

    /// `labs/demo.yaml` with its name changed, a second host `rack-2`, and web-02 placed there.
    static func twoHostVariant(of path: String, secondHost uri: String) throws -> String {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (anchor, replacement) in [
            ("lab: demo ", "lab: \(labName) "),
            ("hosts:\n  local: qemu:///system\n", "hosts:\n  local: qemu:///system\n  rack-2:\n    uri: \(uri)\n    max_machines: 1\n"),
            ("    criticality: critical\n", "    criticality: critical\n    host: rack-2\n"),
        ] {
            guard text.contains(anchor) else {
                throw EngineError.invalidSetting(name: "labs/demo.yaml", value: anchor, expected: "the line")
            }
            text = text.replacingOccurrences(of: anchor, with: replacement)
        }
        return text
    }

    /// CHG-0001 as shipped, rehearsed on the two-host lab (its paths made absolute).
    static func securityUpdate(in booted: Booted) throws -> String {
        var text = try String(contentsOfFile: "\(repository)/changes/CHG-0001-nginx-security-update.yaml", encoding: .utf8)
        for (anchor, replacement) in [
            ("lab: ../labs/demo.yaml", "lab: \(booted.labFile)"),
            ("../testplans/", "\(repository)/testplans/"),
            ("source: CHG-0001/", "source: \(repository)/changes/CHG-0001/"),
            ("sha256_file: CHG-0001/", "sha256_file: \(repository)/changes/CHG-0001/"),
        ] {
            guard text.contains(anchor) else { throw EngineError.invalidSetting(name: "CHG-0001", value: anchor, expected: "the text") }
            text = text.replacingOccurrences(of: anchor, with: replacement)
        }
        let path = "\(booted.folder)/CHG-0001-two-hosts.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A quick change for the host-loss test: a marker file and a flag, the smoke plan, phased.
    static func markerPatch(in booted: Booted) throws -> String {
        let fixtures = "\(repository)/Tests/IntegrationTests/Fixtures/changes"
        let path = "\(booted.folder)/ITEST-0003.yaml"
        try """
        change: ITEST-0003
        title: Marker patch on two hosts
        type: normal
        reason: Exercise a host lost in the middle of a rehearsal.
        risk: low
        lab: \(booted.labFile)
        plans: [\(repository)/testplans/smoke.yaml]
        patch:
          description: marker file, then a flag file
          files:
            - source: \(fixtures)/marker.txt
              sha256: 0b8dde16cf8e1146c5f8e262dbf2beac5326e57cebb981c2b79462950c0a0535
              destination: /etc/patchlab-it/marker.txt
          install: "touch /etc/patchlab-it/patched"
          timeout: 2m
        deployment:
          order: phased
        rollback:
          strategy: snapshot
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Wraps the multi-host suite: whatever happens in it, the two-host lab and the second daemon go.
struct TwoHostLabScope: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        do {
            try await function()
        } catch {
            await TwoHostLab.shared.stop()
            throw error
        }
        await TwoHostLab.shared.stop()
    }
}

extension Trait where Self == TwoHostLabScope {
    /// Shares one second host and one two-host lab across a suite, and removes both after it.
    static var sharedTwoHostLab: Self { TwoHostLabScope() }
}
