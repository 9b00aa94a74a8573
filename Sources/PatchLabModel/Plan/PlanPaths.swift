import Foundation

/// Paths a plan names (included plans, upload sources) are relative to the plan file that names
/// them, so a plan works from any current directory.
enum PlanPaths {
    /// `path` as seen from `file`'s folder, lexically normalized (`a/./b/../c` → `a/c`).
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        guard let slash = file.lastIndex(of: "/") else { return normalize(path) }
        return normalize(String(file[...slash]) + path)
    }

    /// An absolute, normalized path: relative paths are taken from the current directory.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        return normalize(FileManager.default.currentDirectoryPath + "/" + path)
    }

    /// The file's real path (symbolic links and `..` resolved by the system), or its lexical
    /// ``absolute(_:)`` form when it does not exist on disk (in-memory plans of tests). Include cycles
    /// are found on this: `a.yaml` reached again through a linked folder is the same file, where its
    /// lexical paths (`sub/sub/sub/a.yaml`…) would never repeat.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return absolute(path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Removes `.` and empty components and folds `dir/..`; keeps leading `..` of a relative path.
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", isAbsolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` written relative to `folder` (both absolute), as a file in `folder` would name it:
    /// `../labs/demo.yaml`.
    static func relative(_ path: String, from folder: String) -> String {
        let target = normalize(path).split(separator: "/"), base = normalize(folder).split(separator: "/")
        var shared = 0
        while shared < min(target.count, base.count), target[shared] == base[shared] { shared += 1 }
        let parts = Array(repeating: "..", count: base.count - shared) + target[shared...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
