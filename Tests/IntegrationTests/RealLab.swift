import Foundation
import Testing
import Libvirt
import PatchLabModel
@testable import PatchLabEngine

/// A one-machine lab of the real `debian-12` golden image on `qemu:///system`, booted once and
/// shared by the integration tests (snapshots keep them independent where they change the guest).
actor RealLab {
    static let shared = RealLab()

    struct Booted: Sendable {
        let lab: Lab
        let state: LabState
        let provisioner: LabProvisioner
        let domain: Domain
        let channel: any GuestChannel
    }

    private var booted: Task<Booted, any Error>?

    /// The booted lab, booting it on first use.
    func lab() async throws -> Booted {
        if booted == nil { booted = Task { try await Self.boot() } }
        return try await booted!.value
    }

    /// Takes the lab down if it is up; returns the lab that was taken down.
    @discardableResult
    func stop() async throws -> Booted? {
        guard let task = booted else { return nil }
        booted = nil
        guard let lab = try? await task.value else { return nil }
        try await lab.provisioner.down(labNamed: lab.lab.name)
        return lab
    }

    static var labName: String { "it" + String(ProcessInfo.processInfo.processIdentifier) }

    private static func boot() async throws -> Booted {
        let environment = try EngineEnvironment.fromProcess()
        guard (try? ImageCatalog(environment: environment).record(named: "debian-12")) != nil else {
            throw EngineError.imageNotBuilt(name: "debian-12")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(labName).yaml").path
        try """
        lab: \(labName)
        description: integration test lab
        machines:
          - name: it-01
            role: web
            mirrors: prod-web-01.example.com
            image: debian-12
            memory: 512 MiB
            criticality: pilot
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let lab = try Lab.load(contentsOf: file)
        let provisioner = LabProvisioner(environment: environment)
        let state = try await provisioner.up(lab)
        let connection = try await provisioner.connections.connection("qemu:///system")
        let domain = try await connection.domain(named: state.machines[0].domain)
        return Booted(lab: lab, state: state, provisioner: provisioner, domain: domain, channel: AgentGuestChannel(domain: domain))
    }
}

/// Runs `virsh` on the host, to check libvirt's view independently of PatchLab's own code.
func virsh(_ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/virsh")
    process.arguments = ["-c", "qemu:///system"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Wraps the whole integration suite: whatever happens in it, the shared lab is taken down at the end.
struct RealLabScope: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        do {
            try await function()
        } catch {
            _ = try? await RealLab.shared.stop()
            throw error
        }
        try await RealLab.shared.stop()
    }
}

extension Trait where Self == RealLabScope {
    /// Shares one booted lab across a suite and takes it down after the suite.
    static var sharedRealLab: Self { RealLabScope() }
}
