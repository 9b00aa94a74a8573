import Foundation
import PatchLabModel

/// Read access to a packet folder by packet-relative path.
struct PacketContents {
    let folder: String

    func path(_ relative: String) -> String { "\(folder)/\(relative)" }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    func data(_ relative: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path(relative)) else { throw PacketError.unreadable(relative) }
        return data
    }

    func rehearsal() -> Result<RehearsalResult, any Error> {
        Result { try PacketJSON.decoder.decode(RehearsalResult.self, from: try data(PacketLayout.rehearsal)) }
    }

    func planRun() -> Result<PlanRunEvidence, any Error> {
        Result { try PacketJSON.decoder.decode(PlanRunEvidence.self, from: try data(PacketLayout.planRun)) }
    }

    /// Every regular file under the folder (relative paths, hidden ones too, sorted), and every entry
    /// that is neither a file nor a folder (links, devices), which a packet never holds. An array, not
    /// a set: two names Swift compares as equal Unicode are two files here.
    func allFiles() -> (files: [String], irregular: [String]) {
        var files: [String] = [], irregular: [String] = []
        func walk(_ relative: String) {
            let full = relative.isEmpty ? folder : path(relative)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
            for entry in entries {
                let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
                switch (try? FileManager.default.attributesOfItem(atPath: path(child)))?[.type] as? FileAttributeType {
                case .typeDirectory?: walk(child)
                case .typeRegular?: files.append(child)
                default: irregular.append(child)
                }
            }
        }
        walk("")
        return (files.sorted(), irregular.sorted())
    }
}
