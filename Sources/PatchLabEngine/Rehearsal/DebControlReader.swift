import Foundation
import PatchLabModel

/// Reads the control fields of a batch's `.deb` files on the host (`dpkg-deb -f`), so a bisection
/// knows which patches need each other before it splits them (``BatchUnits``).
enum DebControlReader {
    /// The packages each patch ships, by patch id; a file that is not a `.deb`, or that `dpkg-deb`
    /// cannot read, is left out and said in `notes`.
    static func packages(of patches: [PatchSpec]) -> (packages: [String: [DebPackage]], notes: [String]) {
        var packages: [String: [DebPackage]] = [:]
        var notes: [String] = []
        for patch in patches {
            for file in patch.files where file.source.hasSuffix(".deb") {
                do {
                    let text = try HostCommand.capture("/usr/bin/dpkg-deb", ["-f", file.source] + DebPackage.fields)
                    guard let package = DebPackage.parse(control: text) else {
                        notes.append("\(file.fileName) (patch \(patch.id)): its control file names no package and version")
                        continue
                    }
                    packages[patch.id, default: []].append(package)
                } catch {
                    notes.append(
                        "\(file.fileName) (patch \(patch.id)): dpkg-deb could not read it, so its dependencies are not known: \(error)")
                }
            }
        }
        return (packages, notes)
    }
}
