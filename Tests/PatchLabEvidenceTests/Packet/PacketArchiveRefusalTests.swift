import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// Every kind of hostile `.tar.gz` is refused by name (the rule and the entry), and nothing of it is
/// left on disk: the private scratch folder it was being unpacked into is gone.
@Suite struct PacketArchiveRefusalTests {
    typealias Entry = HostileArchive.Entry

    let scratch: TemporaryDirectory
    /// Where unpacking makes its scratch folders: empty again after every refusal.
    let unpackParent: String

    init() throws {
        scratch = try TemporaryDirectory("archive-refusal")
        unpackParent = scratch.path("unpack")
        try FileManager.default.createDirectory(atPath: unpackParent, withIntermediateDirectories: true)
    }

    /// Unpacks the archive `spec` describes; the refusal it must end in, after checking nothing was left.
    func refusal(
        _ spec: HostileArchive.Spec, limits: PacketArchive.Limits = .init(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ArchiveRefusal? {
        let archive = scratch.path("hostile-\(UUID().uuidString).tar.gz")
        try HostileArchive.write(spec, to: archive)
        return try refusal(of: archive, limits: limits, sourceLocation: sourceLocation)
    }

    func refusal(
        _ entries: [Entry], limits: PacketArchive.Limits = .init(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ArchiveRefusal? {
        try refusal(HostileArchive.Spec(entries: entries), limits: limits, sourceLocation: sourceLocation)
    }

    func refusal(
        of archive: String, limits: PacketArchive.Limits = .init(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ArchiveRefusal? {
        do {
            let unpacked = try PacketArchive.unpack(archive, limits: limits, in: unpackParent)
            Issue.record("unpacked to \(unpacked.packet) instead of being refused", sourceLocation: sourceLocation)
            return nil
        } catch let refusal as ArchiveRefusal {
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: unpackParent).isEmpty,
                "the refused archive left files behind", sourceLocation: sourceLocation)
            #expect(refusal.archive == archive, sourceLocation: sourceLocation)
            return refusal
        }
    }

    // MARK: the reported case

    /// A `.tar.gz` holding only a symbolic link to a real, intact packet folder verified as "intact and
    /// signed by a trusted key": GNU tar unpacked the link and the verifier followed it.
    @Test func anArchiveOfOnlyASymbolicLinkIsRefused() throws {
        let packet = try SamplePacket()
        let archive = scratch.path("link-only.tar.gz")
        try HostileArchive.write([.symlink("CHG-0001-run", to: packet.folder)], to: archive)
        let error = #expect(throws: ArchiveRefusal.self) { try packet.verify(archive) }
        #expect(error?.rule == .symbolicLink)
        #expect(error?.entry == "CHG-0001-run")
        #expect(
            error?.description == "\(archive): refused (symbolic-link): entry 'CHG-0001-run': a symbolic link to '\(packet.folder)'; "
                + "a packet archive holds only regular files and folders")
        #expect(try refusal(of: archive)?.rule == .symbolicLink)
    }

    // MARK: entry types

    @Test func aSymbolicLinkInsideTheTopFolderIsRefused() throws {
        let refused = try refusal([.folder("top"), .file("top/summary.md"), .symlink("top/logs/passwd", to: "/etc/passwd")])
        #expect(refused?.rule == .symbolicLink)
        #expect(refused?.entry == "top/logs/passwd")
        #expect(refused?.message.contains("'/etc/passwd'") == true)
    }

    @Test func aHardLinkIsRefused() throws {
        let refused = try refusal([.file("top/a"), .hardLink("top/b", to: "top/a")])
        #expect(refused?.rule == .hardLink)
        #expect(refused?.entry == "top/b")
    }

    @Test func devicesAreRefused() throws {
        let character = try refusal([.file("top/a"), Entry(name: "top/null", type: "3")])
        #expect(character?.rule == .device)
        #expect(character?.entry == "top/null")
        #expect(character?.message.hasPrefix("a character device") == true)
        let block = try refusal([Entry(name: "top/sda", type: "4")])
        #expect(block?.rule == .device)
        #expect(block?.message.hasPrefix("a block device") == true)
    }

    @Test func aFIFOIsRefused() throws {
        let refused = try refusal([.file("top/a"), Entry(name: "top/pipe", type: "6")])
        #expect(refused?.rule == .fifo)
        #expect(refused?.entry == "top/pipe")
    }

    @Test func otherEntryTypesAreRefused() throws {
        for (type, what) in [
            ("S", "a sparse file"), ("V", "a volume label"), ("M", "a multi-volume continuation"),
            ("7", "a contiguous file"), ("D", "a GNU dump folder"), ("Z", "an entry of unknown type 'Z'"),
        ] {
            let refused = try refusal([.file("top/a"), Entry(name: "top/odd", type: type)])
            #expect(refused?.rule == .unsupportedType, "\(type)")
            #expect(refused?.entry == "top/odd", "\(type)")
            #expect(refused?.message.hasPrefix(what) == true, "\(type): \(refused?.message ?? "")")
        }
        // A pax global header (Python writes one for pax_headers given to the archive) is refused too.
        #expect(try refusal([.file("top/a"), Entry(name: "top/global", type: "g")])?.rule == .unsupportedType)
    }

    // MARK: names

    @Test func duplicateNamesAreRefused() throws {
        let twice = try refusal([.folder("top"), .file("top/summary.md", "first\n"), .file("top/summary.md", "second\n")])
        #expect(twice?.rule == .duplicateName)
        #expect(twice?.entry == "top/summary.md")
        #expect(twice?.message == "the name appears twice in the archive")
        let folderTwice = try refusal([.folder("top"), .folder("top/logs"), .folder("top/logs")])
        #expect(folderTwice?.rule == .duplicateName)
        let belowAFile = try refusal([.file("top/logs"), .file("top/logs/stdout")])
        #expect(belowAFile?.rule == .duplicateName)
        #expect(belowAFile?.message == "it lies below 'top/logs', which is a file")
        let fileOverFolder = try refusal([.file("top/logs/stdout"), .file("top/logs")])
        #expect(fileOverFolder?.rule == .duplicateName)
    }

    @Test func anAbsolutePathIsRefused() throws {
        let first = try refusal([.file("/etc/cron.d/patchlab")])
        #expect(first?.rule == .absolutePath)
        #expect(first?.entry == "/etc/cron.d/patchlab")
        let later = try refusal([.file("top/a"), .file("/top/b")])
        #expect(later?.rule == .absolutePath)
        #expect(later?.entry == "/top/b")
    }

    @Test func aParentPathIsRefused() throws {
        let escaping = try refusal([.file("top/a"), .file("top/../../../tmp/evil")])
        #expect(escaping?.rule == .parentPath)
        #expect(escaping?.entry == "top/../../../tmp/evil")
        #expect(try refusal([.file("../evil")])?.rule == .parentPath)
        #expect(try refusal([.folder("top/logs/..")])?.rule == .parentPath)
    }

    @Test func badNamesAreRefused() throws {
        for name in ["top/./a", "top//a", "./top/a", "top/a\nb", "top/bell\u{7}"] {
            let refused = try refusal([.file(name)])
            #expect(refused?.rule == .badName, "\(name.debugDescription): \(String(describing: refused))")
        }
        let long = try refusal([.file("top/" + String(repeating: "x", count: 300))])
        #expect(long?.rule == .nameTooLong)
        #expect(long?.message == "a component of 300 bytes; at most 255")
        let deep = try refusal([.file("top/" + Array(repeating: String(repeating: "d", count: 200), count: 21).joined(separator: "/"))])
        #expect(deep?.rule == .nameTooLong)
    }

    @Test func twoTopLevelFoldersAreRefused() throws {
        let refused = try refusal([.folder("top"), .file("top/a"), .file("other/b")])
        #expect(refused?.rule == .notOneTopFolder)
        #expect(refused?.entry == "other/b")
        #expect(refused?.message.hasPrefix("a second top-level folder beside 'top'") == true)
        #expect(try refusal([.folder("top"), .folder("other")])?.rule == .notOneTopFolder)
    }

    @Test func aFileBesideTheTopFolderIsRefused() throws {
        let beside = try refusal([.folder("top"), .file("top/a"), .file("README")])
        #expect(beside?.rule == .fileBesideTopFolder)
        #expect(beside?.entry == "README")
        #expect(try refusal([.file("README"), .file("top/a")])?.rule == .fileBesideTopFolder)
    }

    @Test func anArchiveWithNoFolderIsRefused() throws {
        #expect(try refusal([])?.rule == .notOneTopFolder)
    }

    // MARK: caps

    @Test func moreThanTheSizeCapIsRefusedBeforeItsContentIsRead() throws {
        let limits = PacketArchive.Limits(maxUnpackedBytes: 1000)
        let one = try refusal([.file("top/big", String(repeating: "x", count: 1001))], limits: limits)
        #expect(one?.rule == .tooLarge)
        #expect(one?.entry == "top/big")
        #expect(one?.message.hasPrefix("its 1001 bytes take the unpacked content over the cap of 1000 bytes") == true)
        // The cap is on the total, not per file.
        let total = try refusal(
            [.file("top/a", String(repeating: "a", count: 600)), .file("top/b", String(repeating: "b", count: 600))],
            limits: limits)
        #expect(total?.rule == .tooLarge)
        #expect(total?.entry == "top/b")
        // Exactly the cap is allowed.
        let archive = scratch.path("at-cap.tar.gz")
        try HostileArchive.write(
            [.file("top/a", String(repeating: "a", count: 400)), .file("top/b", String(repeating: "b", count: 600))], to: archive)
        let unpacked = try PacketArchive.unpack(archive, limits: limits, in: unpackParent)
        defer { try? FileManager.default.removeItem(atPath: unpacked.scratch) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(unpacked.packet)/b")).count == 600)
    }

    /// 128 MiB of zeros in a ~130 KiB archive: refused at its header, so gzip is stopped long before
    /// the disk or the cap is reached.
    @Test func aGzipBombIsRefusedAtTheCap() throws {
        let archive = scratch.path("bomb.tar.gz")
        try HostileArchive.write([.file("top/summary.md"), Entry(name: "top/logs/zeros", zeros: 128 << 20)], to: archive)
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: archive)[.size] as? Int)
        #expect(compressed < 1 << 20, "not a bomb: \(compressed) bytes")
        let refused = try refusal(of: archive, limits: .init(maxUnpackedBytes: 1 << 20))
        #expect(refused?.rule == .tooLarge)
        #expect(refused?.entry == "top/logs/zeros")
    }

    /// The bomb after the end of the archive: 64 MiB of zeros that no entry accounts for.
    @Test func aBombOfPaddingAfterTheEndIsRefused() throws {
        let refused = try refusal(HostileArchive.Spec(entries: [.file("top/a")], zerosAfter: 64 << 20))
        #expect(refused?.rule == .trailingData)
        #expect(refused?.message == "more than 1048576 bytes of padding after the end-of-archive blocks")
    }

    @Test func moreEntriesThanTheCapAreRefused() throws {
        let refused = try refusal((1...5).map { .file("top/\($0)") }, limits: .init(maxEntries: 3))
        #expect(refused?.rule == .tooManyEntries)
        #expect(refused?.message == "more than 3 entries")
    }

    // MARK: damaged streams

    @Test func aTruncatedArchiveIsRefused() throws {
        let entries: [Entry] = [.folder("top"), .file("top/summary.md", String(repeating: "evidence\n", count: 200)), .file("top/b")]
        // Cut inside the gzip stream: gzip itself says so.
        let whole = scratch.path("whole.tar.gz")
        try HostileArchive.write(entries, to: whole)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: whole)[.size] as? Int)
        let cutGzip = try refusal(HostileArchive.Spec(entries: entries, cutGzipAt: size / 2))
        #expect(cutGzip?.rule == .notGzip)
        // A whole gzip stream of a cut tar stream: inside a file's content, inside a header, before the end blocks.
        let inContent = try refusal(HostileArchive.Spec(entries: entries, cutTarAt: 512 * 2 + 100))
        #expect(inContent?.rule == .truncated)
        #expect(inContent?.entry == "top/summary.md")
        #expect(try refusal(HostileArchive.Spec(entries: entries, cutTarAt: 512 * 6 + 100))?.rule == .truncated)
        let noEnd = try refusal(HostileArchive.Spec(entries: entries, cutTarAt: 512 * 8))
        #expect(noEnd?.rule == .truncated)
        #expect(noEnd?.message.hasPrefix("the archive ends without its end-of-archive blocks") == true)
    }

    @Test func dataAfterTheEndOfTheArchiveIsRefused() throws {
        let refused = try refusal(HostileArchive.Spec(entries: [.file("top/a")], textAfter: "hidden payload"))
        #expect(refused?.rule == .trailingData)
        #expect(refused?.message.hasPrefix("data after the end-of-archive blocks") == true)
        let garbage = try refusal(HostileArchive.Spec(entries: [.file("top/a")], garbageAfterGzip: "not gzip at all"))
        #expect(garbage?.rule == .notGzip)
    }

    @Test func aHeaderWithABadChecksumIsRefused() throws {
        // Byte 20 is in the second header's name field (the first is the folder's).
        let refused = try refusal(HostileArchive.Spec(entries: [.folder("top"), .file("top/a")], flipByteAt: 512 + 20))
        #expect(refused?.rule == .badHeader)
        #expect(refused?.message.contains("the header at byte 512 is not valid: header checksum") == true)
    }

    @Test func somethingThatIsNotGzipIsRefused() throws {
        let plain = try scratch.write("just text, no gzip\n", to: "plain.tar.gz")
        #expect(try refusal(of: plain)?.rule == .notGzip)
        let empty = try scratch.write("", to: "empty.tar.gz")
        #expect(try refusal(of: empty)?.rule != nil)
    }

    /// A FIFO named like an archive is refused at once, not waited on.
    @Test func aPathThatIsNoRegularFileIsRefused() throws {
        let fifo = scratch.path("fifo.tar.gz")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(try refusal(of: fifo)?.rule == .notAFile)
        try FileManager.default.createDirectory(atPath: scratch.path("folder.tar.gz"), withIntermediateDirectories: true)
        #expect(try refusal(of: scratch.path("folder.tar.gz"))?.rule == .notAFile)
        #expect(try refusal(of: scratch.path("missing.tar.gz"))?.rule == .notAFile)
    }
}
