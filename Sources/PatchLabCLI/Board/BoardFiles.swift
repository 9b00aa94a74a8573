import Foundation
import PatchLabEngine
import PatchLabModel

/// Where the change board's members file is: `--members`, else `$PATCHLAB_HOME/board/members.yaml`.
/// Never a file found in the current folder: a packet or archive unpacked there could bring its own
/// "board" and approve itself.
enum BoardFiles {
    static func membersPath(_ given: String?, environment: EngineEnvironment) -> String {
        given ?? "\(environment.home)/board/members.yaml"
    }

    /// The board, when a members file is given or found in `$PATCHLAB_HOME`; nil when none exists
    /// there and none was asked for.
    static func board(_ given: String?) throws -> BoardConfiguration? {
        let path = membersPath(given, environment: try CLIContext.environment())
        if given == nil && !FileManager.default.fileExists(atPath: path) { return nil }
        return try BoardConfiguration.load(contentsOf: path)
    }

    /// The board a command cannot do without.
    static func requiredBoard(_ given: String?) throws -> BoardConfiguration {
        try BoardConfiguration.load(contentsOf: membersPath(given, environment: try CLIContext.environment()))
    }
}
