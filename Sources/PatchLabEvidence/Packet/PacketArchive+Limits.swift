import Foundation

extension PacketArchive {
    /// How much a packet's `.tar.gz` may unpack to. An archive is hostile input: these caps are checked
    /// as each header is read, before its content is, so a gzip bomb stops at the cap, not at a full disk.
    public struct Limits: Sendable, Equatable {
        /// 4 GiB: four times the 1 GiB of logs `bench packet` measures, and far above any demo packet (~1 MiB).
        public static let defaultMaxUnpackedBytes: Int64 = 4 << 30
        /// The environment variable `packet verify`/`show`/`export` read the cap from when no option gives it.
        public static let environmentVariable = "PATCHLAB_MAX_UNPACKED_SIZE"

        /// Bytes of file content in all (headers and names not counted).
        public var maxUnpackedBytes: Int64
        /// Headers of every kind (files, folders, long names, pax headers). A rehearsal of 100 cases on 4
        /// machines in 4 phases with 3 attempts writes ~10,000 files; ten times that is still a packet.
        public var maxEntries: Int

        public init(maxUnpackedBytes: Int64 = defaultMaxUnpackedBytes, maxEntries: Int = 100_000) {
            self.maxUnpackedBytes = maxUnpackedBytes
            self.maxEntries = maxEntries
        }

        /// Linux's NAME_MAX and PATH_MAX (less its NUL): a longer name could not be unpacked anyway.
        static let maxComponentBytes = 255
        static let maxPathBytes = 4095
        /// A pax header holds a few short records; GNU tar writes ~100 bytes for a long path.
        static let maxPaxHeaderBytes = 64 << 10
        /// GNU tar pads to its 10 KiB record (`-b20`); even a writer with 1 MiB records stays under this.
        static let maxPaddingBytes = 1 << 20

        /// A size as `--max-unpacked-size` takes it: bytes, or with a unit K, M, G or T (powers of 1024;
        /// `KiB`, `MiB`, … are the same), e.g. `4G`, `512MiB`, `1048576`. Nil when it is not one or is 0.
        public static func parseSize(_ text: String) -> Int64? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int64(digits) else { return nil }
            let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
            let shifts: [String: Int64] = ["": 0, "b": 0, "k": 10, "kib": 10, "m": 20, "mib": 20, "g": 30, "gib": 30, "t": 40, "tib": 40]
            guard let shift = shifts[unit] else { return nil }
            let (value, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
            return overflow || value <= 0 ? nil : value
        }
    }
}
