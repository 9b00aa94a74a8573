import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// What the archive reader accepts: every archive `PacketArchive.create` writes (GNU tar, long
/// paths as GNU long names), the same folder as Python writes it in pax and ustar, and a packet
/// whose archive name holds `:` — a local file, never a remote tape.
@Suite struct PacketArchiveReadingTests {
    let scratch: TemporaryDirectory

    init() throws { scratch = try TemporaryDirectory("archive-reading") }

    /// Every file under `folder`, by relative path, with its bytes.
    static func tree(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let relative as String in FileManager.default.enumerator(atPath: folder) ?? .init() {
            let path = "\(folder)/\(relative)"
            if (try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// Paths over 100 bytes (GNU tar's name field), a component of 250 bytes and one over 1 KiB in
    /// all, an empty file, and bytes that are not text.
    func writeLongPathFolder() throws -> String {
        let folder = scratch.path("source/packet")
        let deep = (1...5).map { "level-\($0)-" + String(repeating: "d", count: 200) }.joined(separator: "/")
        let files: [String: Data] = [
            "summary.md": Data("# summary\n".utf8),
            "logs/empty": Data(),
            "logs/" + String(repeating: "n", count: 250) + ".log": Data("long component\n".utf8),
            "\(deep)/stdout": Data((0..<3000).map { UInt8($0 % 256) }),
            "logs/baseline/WEB-001@web-01/attempt-1/caf\u{E9} \u{2603}.txt": Data("unicode\n".utf8),
        ]
        for (path, data) in files {
            let full = "\(folder)/\(path)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: full))
        }
        #expect(files.keys.contains { $0.utf8.count > 1024 })
        return folder
    }

    @Test func whatCreateWritesUnpacksExactlyEvenWithLongPaths() throws {
        let folder = try writeLongPathFolder()
        let archive = scratch.path("long.tar.gz")
        try PacketArchive.create(folder: folder, as: archive, topName: "CHG-0001-run-1")
        let unpacked = try PacketArchive.unpack(archive)
        defer { try? FileManager.default.removeItem(atPath: unpacked.scratch) }
        #expect((unpacked.packet as NSString).lastPathComponent == "CHG-0001-run-1")
        let expected = try Self.tree(folder)
        #expect(expected.count == 5)
        #expect(try Self.tree(unpacked.packet) == expected)
    }

    @Test func pythonsPaxAndUstarArchivesUnpackToo() throws {
        let folder = try writeLongPathFolder()
        let expected = try Self.tree(folder)
        for format in ["pax", "ustar", "gnu"] {
            // ustar splits a long path into prefix and name, which limits it to 255 bytes in all.
            let files = expected.filter { format != "ustar" || $0.key.utf8.count < 150 }
            let entries = files.map { HostileArchive.Entry.file("top/\($0.key)", String(decoding: $0.value, as: UTF8.self)) }
            let archive = scratch.path("python-\(format).tar.gz")
            try HostileArchive.write(.init(entries: entries.sorted { $0.name < $1.name }, format: format), to: archive)
            let unpacked = try PacketArchive.unpack(archive)
            defer { try? FileManager.default.removeItem(atPath: unpacked.scratch) }
            let found = try Self.tree(unpacked.packet)
            #expect(found.keys.sorted() == files.keys.sorted(), "\(format)")
            for (path, data) in files { #expect(found[path] == Data(String(decoding: data, as: UTF8.self).utf8), "\(format): \(path)") }
        }
    }

    /// Nothing of the archive's modes or owners is kept: the scratch folder is the user's alone.
    @Test func unpackedFilesArePrivate() throws {
        let archive = scratch.path("modes.tar.gz")
        try HostileArchive.write([.folder("top"), .file("top/logs/a")], to: archive)
        let unpacked = try PacketArchive.unpack(archive)
        defer { try? FileManager.default.removeItem(atPath: unpacked.scratch) }
        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(unpacked.scratch) == 0o700)
        #expect(try mode(unpacked.packet) == 0o700)
        #expect(try mode("\(unpacked.packet)/logs") == 0o700)
        #expect(try mode("\(unpacked.packet)/logs/a") == 0o600)
    }

    /// GNU tar reads `--file host:path` as a remote tape on `host` (through rsh). The reader opens the
    /// file itself, so such a name is a local file like any other. The path must have no `/` before
    /// its `:` to be read as remote, so the archive sits in the current folder for the test.
    @Test func anArchiveNamedWithAColonIsALocalFile() throws {
        let packet = try SamplePacket()
        let name = ".patchlab-test-\(UUID().uuidString):packet.tar.gz"
        try FileManager.default.copyItem(atPath: packet.written.archive, toPath: name)
        defer { try? FileManager.default.removeItem(atPath: name) }
        let verification = try packet.verify(name)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.packet == name)
        let read = try PacketReader.overview(of: name)
        #expect(read.result.runID == packet.result.runID)
        // And written with such a name, too (tar --force-local).
        let written = ".patchlab-test-\(UUID().uuidString):written.tar.gz"
        defer { try? FileManager.default.removeItem(atPath: written) }
        try PacketArchive.create(folder: packet.folder, as: written, topName: "CHG-0001-run")
        #expect(try packet.verify(written).isIntact)
    }

    @Test func sizesParseAsTheOptionTakesThem() {
        #expect(PacketArchive.Limits.parseSize("1048576") == 1 << 20)
        #expect(PacketArchive.Limits.parseSize("4G") == 4 << 30)
        #expect(PacketArchive.Limits.parseSize("4GiB") == 4 << 30)
        #expect(PacketArchive.Limits.parseSize("512M") == 512 << 20)
        #expect(PacketArchive.Limits.parseSize("512 mib") == 512 << 20)
        #expect(PacketArchive.Limits.parseSize("64k") == 64 << 10)
        #expect(PacketArchive.Limits.parseSize("2T") == 2 << 40)
        for bad in ["", "G", "0", "-1", "4 GB", "1.5G", "4X", "99999999999999999999", "9999999999T"] {
            #expect(PacketArchive.Limits.parseSize(bad) == nil, "\(bad)")
        }
        #expect(PacketArchive.Limits().maxUnpackedBytes == 4 << 30)
    }
}
