import Foundation

/// A built golden image as recorded in `images/NAME/image.json`: where its files are and the
/// digest later evidence names it by.
public struct ImageRecord: Sendable, Codable, Equatable {
    public var name: String
    /// The qcow2 base disk that lab machines are linked clones of.
    public var disk: String
    /// Direct kernel boot files; nil for an image with its own bootloader.
    public var kernel: String?
    public var initrd: String?
    public var cmdline: String?
    public var sha256: String
    public var sizeBytes: UInt64
    /// The disk's virtual size: every linked clone gets this capacity.
    public var virtualSizeBytes: UInt64
    public var builtAt: Date
    /// The recipe it was built from and that recipe's digest, so a changed recipe is visible.
    public var recipe: String
    public var recipeSHA256: String

    public init(
        name: String, disk: String, kernel: String?, initrd: String?, cmdline: String?, sha256: String,
        sizeBytes: UInt64, virtualSizeBytes: UInt64, builtAt: Date, recipe: String, recipeSHA256: String
    ) {
        self.name = name
        self.disk = disk
        self.kernel = kernel
        self.initrd = initrd
        self.cmdline = cmdline
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.virtualSizeBytes = virtualSizeBytes
        self.builtAt = builtAt
        self.recipe = recipe
        self.recipeSHA256 = recipeSHA256
    }
}
