import Foundation

/// A cheap fingerprint of a folder's contents: every entry's path, type, size, modification time
/// (nanoseconds) and inode, from `lstat` alone, nothing read. Equal stamps mean nothing in the
/// folder was written, added, removed or swapped since, so a verification of it still holds.
enum FolderStamp {
    static func of(_ path: String) -> String {
        var lines: [String] = []
        func walk(_ relative: String) {
            let full = relative.isEmpty ? path : "\(path)/\(relative)"
            var info = stat()
            guard lstat(full, &info) == 0 else { lines.append("\(relative) missing"); return }
            lines.append("\(relative) \(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)")
            guard info.st_mode & S_IFMT == S_IFDIR else { return }
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []).sorted() {
                walk(relative.isEmpty ? name : "\(relative)/\(name)")
            }
        }
        walk("")
        return lines.joined(separator: "\n")
    }
}
