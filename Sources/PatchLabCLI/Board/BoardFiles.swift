import Foundation
import PatchLabModel

/// Where the change board's members file is: `--members`, else `$PATCHLAB_BOARD_MEMBERS`, else
/// `board/members.yaml` in the current folder.
enum BoardFiles {
    static func membersPath(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["PATCHLAB_BOARD_MEMBERS"] ?? "board/members.yaml"
    }

    /// The board, when a members file is given or found; nil when none exists and none was asked for.
    static func board(_ given: String?) throws -> BoardConfiguration? {
        let path = membersPath(given)
        if given == nil && !FileManager.default.fileExists(atPath: path) { return nil }
        return try BoardConfiguration.load(contentsOf: path)
    }
}
