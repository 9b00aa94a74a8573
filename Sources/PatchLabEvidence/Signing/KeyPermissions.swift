import Foundation
import PatchLabModel

/// Refuses key folders and key files that someone other than the user running patchlab could
/// change. Whoever can write to the trusted-keys folder, or replace a key file in it, decides which
/// packets verify; whoever can write to the keys folder can swap the key packets are signed with.
///
/// | owner | group/world-writable | accepted |
/// | --- | --- | --- |
/// | the user running patchlab | no | yes |
/// | root | no | yes: root can change anything anyway, and a host's keys are often root's to manage (OpenSSH's StrictModes draws the same line) |
/// | anyone else | any | no: `chown` |
/// | any | yes | no: `chmod go-w` |
///
/// Only the folder and its files are checked, not the folders above it.
public enum KeyPermissions {
    /// - Parameter what: what the path holds, for the message: "trusted-keys folder", "keys folder", "trusted key file".
    /// - Throws: ``KeyError/unsafePermissions(path:holding:mode:owner:user:)`` naming the path, its
    ///   mode and owner, and the command that fixes it; ``KeyError/io(path:reason:)`` when it cannot be examined.
    public static func check(_ path: String, holding what: String) throws(KeyError) {
        switch FilePermissions.problem(path) {
        case nil: return
        case let .cannotExamine(reason)?: throw .io(path: path, reason: "cannot be examined: \(reason)")
        case let .loose(looseness)?:
            throw .unsafePermissions(path: path, holding: what, mode: looseness.mode, owner: looseness.owner, user: looseness.user)
        }
    }

    static func explain(path: String, holding what: String, mode: UInt16, owner: UInt32, user: UInt32) -> String {
        FilePermissions.explain(path: path, holding: what, FilePermissions.Looseness(mode: mode, owner: owner, user: user))
    }
}
