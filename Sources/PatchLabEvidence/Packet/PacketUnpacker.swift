import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Unpacks a packet's `.tar.gz` into a private scratch folder (mkdtemp, mode 0700) and nowhere else,
/// each name checked before anything is made for it:
///
/// | an entry whose name … | is |
/// | --- | --- |
/// | starts with `/` | refused: absolute path |
/// | has a `..` component | refused: parent path |
/// | is empty, has an empty or `.` component, a control character, or is not UTF-8 | refused: bad name |
/// | has a component over 255 bytes, or is over 4,095 | refused: name too long |
/// | was seen before, or lies below a file | refused: duplicate name |
/// | is a file at the top level | refused: file beside the top folder |
/// | starts with another folder than the first entry's | refused: not one top folder |
/// | pushes the files' total size over the cap | refused: too large (before its content is read) |
///
/// Files are created `O_CREAT|O_EXCL|O_NOFOLLOW` (mode 0600), folders 0700: nothing from the archive
/// (owner, mode, time, link) is taken, and nothing is ever opened through a link.
struct PacketUnpacker {
    let archive: String
    let limits: PacketArchive.Limits
    /// Where the scratch folder is made (the system's temporary folder unless a test says otherwise).
    let parent: String

    /// The packet folder inside a new scratch folder; the caller removes `scratch` when done. On a
    /// refusal or an error the scratch folder is already gone.
    func unpack() throws -> (packet: String, scratch: String) {
        let scratch = try makeScratch()
        do {
            let stream = try GunzipStream(archive: archive)
            defer { stream.stop() }
            let reader = TarReader(stream: stream, archive: archive, limits: limits)
            var tree = Tree(scratch: scratch)
            // next() is nil only after the stream was read to its end and gzip exited well.
            while let entry = try reader.next() {
                if let file = try place(entry, in: &tree, reader: reader) { try write(entry, to: file, from: reader) }
            }
            guard let top = tree.top else {
                throw ArchiveRefusal(.notOneTopFolder, archive: archive, "the archive holds no folder (a packet archive holds one)")
            }
            return ("\(scratch)/\(String(decoding: top, as: UTF8.self))", scratch)
        } catch {
            try? FileManager.default.removeItem(atPath: scratch)
            throw error
        }
    }

    /// What was unpacked so far, by the exact bytes of each name: two names Swift compares as equal
    /// Unicode (precomposed and decomposed) are still two files on Linux.
    private struct Tree {
        let scratch: String
        var top: [UInt8]?
        var kinds: [[UInt8]: TarReader.Entry.Kind] = [:]
        /// Folders made for a name below them, before (or without) an entry of their own.
        var implicit: Set<[UInt8]> = []
        var unpackedBytes: Int64 = 0

        func path(_ name: [UInt8]) -> String { "\(scratch)/\(String(decoding: name, as: UTF8.self))" }

        mutating func makeFolder(_ name: [UInt8]) throws {
            guard mkdir(path(name), 0o700) == 0 else { throw PacketError.unwritable(path(name)) }
            kinds[name] = .directory
        }
    }

    /// Checks every rule for `entry`, makes the folders above it (and it, if it is one), and returns
    /// where its content goes when it is a file.
    private func place(_ entry: TarReader.Entry, in tree: inout Tree, reader: TarReader) throws -> String? {
        func refuse(_ rule: ArchiveRefusal.Rule, _ message: String) -> ArchiveRefusal {
            reader.refusal(rule, entry: entry.displayName, message)
        }
        var name = entry.name
        if entry.kind == .directory, name.count > 1, name.last == UInt8(ascii: "/") { name.removeLast() }
        guard !name.isEmpty else { throw refuse(.badName, "an empty name") }
        guard name.first != UInt8(ascii: "/") else {
            throw refuse(.absolutePath, "an absolute path; a packet archive holds one relative folder")
        }
        let components = name.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        if components.contains(where: { $0.elementsEqual("..".utf8) }) {
            throw refuse(.parentPath, "a '..' component; a packet archive holds one relative folder")
        }
        guard !components.contains(where: { $0.isEmpty || $0.elementsEqual(".".utf8) }) else {
            throw refuse(.badName, "an empty or '.' component")
        }
        guard String(validating: name, as: UTF8.self) != nil else { throw refuse(.badName, "the name is not UTF-8") }
        guard !name.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { throw refuse(.badName, "a control character in the name") }
        guard name.count <= PacketArchive.Limits.maxPathBytes else {
            throw refuse(.nameTooLong, "\(name.count) bytes; at most \(PacketArchive.Limits.maxPathBytes)")
        }
        if let long = components.first(where: { $0.count > PacketArchive.Limits.maxComponentBytes }) {
            throw refuse(.nameTooLong, "a component of \(long.count) bytes; at most \(PacketArchive.Limits.maxComponentBytes)")
        }
        if components.count == 1 && entry.kind == .file {
            throw refuse(.fileBesideTopFolder, "a file at the top level; a packet archive holds exactly one folder")
        }
        let top = Array(components[0])
        if let existing = tree.top, existing != top {
            throw refuse(
                .notOneTopFolder,
                "a second top-level folder beside '\(String(decoding: existing, as: UTF8.self))'; "
                    + "a packet archive holds exactly one")
        }
        tree.top = top
        // An entry below a file would give that file's name a second meaning.
        var parent: [UInt8] = []
        for component in components.dropLast() {
            if !parent.isEmpty { parent.append(UInt8(ascii: "/")) }
            parent += component
            switch tree.kinds[parent] {
            case .file?: throw refuse(.duplicateName, "it lies below '\(String(decoding: parent, as: UTF8.self))', which is a file")
            case .directory?: continue
            case nil:
                try tree.makeFolder(parent)
                tree.implicit.insert(parent)
            }
        }
        if tree.kinds[name] != nil {
            // A folder's own entry after a name below it made it is its first mention, not a second one.
            guard entry.kind == .directory, tree.implicit.remove(name) != nil else {
                throw refuse(.duplicateName, "the name appears twice in the archive")
            }
            return nil
        }
        switch entry.kind {
        case .directory:
            try tree.makeFolder(name)
            return nil
        case .file:
            let (total, overflow) = tree.unpackedBytes.addingReportingOverflow(entry.size)
            guard !overflow, total <= limits.maxUnpackedBytes else {
                throw refuse(
                    .tooLarge,
                    "its \(entry.size) bytes take the unpacked content over the cap of \(limits.maxUnpackedBytes) bytes "
                        + "(--max-unpacked-size or \(PacketArchive.Limits.environmentVariable))")
            }
            tree.unpackedBytes = total
            tree.kinds[name] = .file
            return tree.path(name)
        }
    }

    /// Creates the file (never over anything, never through a link) and copies exactly its content.
    private func write(_ entry: TarReader.Entry, to path: String, from reader: TarReader) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PacketError.unwritable(path) }
        defer { close(fd) }
        try reader.copyContent(of: entry) { chunk in
            var done = 0
            while done < chunk.count {
                let count = Glibc.write(fd, chunk.baseAddress! + done, chunk.count - done)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw PacketError.unwritable(path) }
                done += count
            }
        }
    }

    /// A new folder only this user can enter (mkdtemp makes it 0700), under a name nobody could have prepared.
    private func makeScratch() throws -> String {
        var template = Array("\(parent)/patchlab-unpack-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw PacketError.unwritable("\(parent)/patchlab-unpack-XXXXXX")
        }
        return String(cString: made)
    }
}
