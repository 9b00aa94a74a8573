import Foundation
import PatchLabModel

/// Where PatchLab keeps its files and which overrides the operator set; one value passed down so
/// tests can point everything at a temporary folder.
public struct EngineEnvironment: Sendable {
    /// Root of PatchLab's files (`PATCHLAB_HOME`, default `/var/lib/patchlab`).
    public var home: String
    /// Where image recipes live (`labs/images` of the repository, or `PATCHLAB_RECIPES`).
    public var recipesDirectory: String
    /// `PATCHLAB_ACCEL`: forces kvm or tcg for every lab, over the lab file.
    public var acceleratorOverride: Accelerator?
    /// How long `lab up` waits for each guest agent (`PATCHLAB_AGENT_TIMEOUT`, seconds).
    public var agentTimeout: Duration
    /// The libvirt storage pool that holds lab disks.
    public var poolName: String
    /// The run store's SQLite file (`PATCHLAB_DB`, default `$PATCHLAB_HOME/runs.sqlite`).
    public var runStoreOverride: String?

    public init(
        home: String, recipesDirectory: String = "labs/images", acceleratorOverride: Accelerator? = nil,
        agentTimeout: Duration = .seconds(180), poolName: String = "patchlab"
    ) {
        self.home = home
        self.recipesDirectory = recipesDirectory
        self.acceleratorOverride = acceleratorOverride
        self.agentTimeout = agentTimeout
        self.poolName = poolName
    }

    public var imagesDirectory: String { home + "/images" }
    public var poolDirectory: String { home + "/pool" }
    public var stateDirectory: String { home + "/state" }
    public var consolesDirectory: String { home + "/consoles" }
    public var runStorePath: String { runStoreOverride ?? home + "/runs.sqlite" }

    /// Reads the `PATCHLAB_*` variables; an invalid value is an error, not a silent default.
    public static func fromProcess(_ variables: [String: String] = ProcessInfo.processInfo.environment) throws -> EngineEnvironment {
        var environment = EngineEnvironment(
            home: variables["PATCHLAB_HOME"] ?? "/var/lib/patchlab",
            recipesDirectory: variables["PATCHLAB_RECIPES"] ?? "labs/images")
        environment.runStoreOverride = variables["PATCHLAB_DB"].flatMap { $0.isEmpty ? nil : $0 }
        if let accel = variables["PATCHLAB_ACCEL"], !accel.isEmpty {
            guard let value = Accelerator(rawValue: accel) else {
                throw EngineError.invalidSetting(
                    name: "PATCHLAB_ACCEL", value: accel,
                    expected: Accelerator.allCases.map(\.rawValue).joined(separator: ", "))
            }
            environment.acceleratorOverride = value
        }
        if let timeout = variables["PATCHLAB_AGENT_TIMEOUT"], !timeout.isEmpty {
            guard let seconds = Int(timeout), seconds > 0 else {
                throw EngineError.invalidSetting(name: "PATCHLAB_AGENT_TIMEOUT", value: timeout, expected: "a whole number of seconds")
            }
            environment.agentTimeout = .seconds(seconds)
        }
        return environment
    }
}
