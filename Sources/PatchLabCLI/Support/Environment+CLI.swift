import Foundation
import PatchLabEngine
import PatchLabModel

/// What every command needs: the engine environment from `PATCHLAB_*`, and lab files loaded with
/// their diagnostics.
enum CLIContext {
    static func environment() throws -> EngineEnvironment { try EngineEnvironment.fromProcess() }

    static func provisioner() throws -> LabProvisioner { LabProvisioner(environment: try environment()) }

    static func lab(_ path: String) throws -> Lab { try Lab.load(contentsOf: path) }
}
