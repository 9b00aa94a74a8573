import Foundation
import PatchLabModel

/// Collects each patch's install on each machine as a batch is applied (from parallel machines in an
/// all-at-once deployment), for the result's ``BatchRecord`` or a bisection step.
final class PatchInstallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [PatchInstall] = []

    func append(_ installs: [PatchInstall]) { lock.withLock { entries += installs } }

    var installs: [PatchInstall] { lock.withLock { entries } }
}
