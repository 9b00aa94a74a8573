import Foundation
import PatchLabModel

/// The golden images built on this host, under `images/NAME/`, and how a lab's image reference
/// resolves to files.
public struct ImageCatalog: Sendable {
    public let environment: EngineEnvironment

    public init(environment: EngineEnvironment) { self.environment = environment }

    func recordPath(_ name: String) -> String { "\(environment.imagesDirectory)/\(name)/image.json" }

    /// Every built image, by name.
    public func list() throws -> [ImageRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: environment.imagesDirectory)) ?? []
        return names.sorted().compactMap { try? record(named: $0) }
    }

    /// The record of a built image; throws `imageNotBuilt` when there is none.
    public func record(named name: String) throws -> ImageRecord {
        let path = recordPath(name)
        guard FileManager.default.fileExists(atPath: path) else { throw EngineError.imageNotBuilt(name: name) }
        return try JSONFiles.read(ImageRecord.self, from: path)
    }

    package func save(_ record: ImageRecord) throws {
        try JSONFiles.write(record, to: recordPath(record.name))
    }

    /// What a machine boots: the base disk and, if any, the kernel to boot directly.
    public struct BootSource: Sendable, Hashable {
        public var imageName: String
        public var disk: String
        public var kernelBoot: DirectKernelBoot?
        public var sha256: String?
        /// Capacity of each linked clone.
        public var virtualSizeBytes: UInt64
    }

    /// Resolves every machine's image, collecting one diagnostic per missing image at the `image:` key.
    public func bootSources(for lab: Lab) throws -> [String: BootSource] {
        var sources: [String: BootSource] = [:]
        var problems: [Diagnostic] = []
        let labDirectory = URL(fileURLWithPath: lab.file).deletingLastPathComponent()
        for machine in lab.machines {
            switch machine.image {
            case let .named(name):
                guard let record = try? record(named: name) else {
                    let built = (try? list().map(\.name)) ?? []
                    problems.append(
                        .error(
                            "image '\(name)' is not built; expected one of: "
                                + (built.isEmpty ? "(none built yet)" : built.joined(separator: ", "))
                                + "; build it with `patchlab image build \(name)`", at: machine.locations.image))
                    continue
                }
                let boot = record.kernel.map { DirectKernelBoot(kernel: $0, initrd: record.initrd, cmdline: record.cmdline) }
                sources[machine.name] = BootSource(
                    imageName: name, disk: record.disk, kernelBoot: boot, sha256: record.sha256,
                    virtualSizeBytes: record.virtualSizeBytes)
            case let .path(path):
                let absolute = path.hasPrefix("/") ? path : labDirectory.appendingPathComponent(path).standardized.path
                guard FileManager.default.fileExists(atPath: absolute) else {
                    problems.append(
                        .error(
                            "image file '\(path)' does not exist (looked at \(absolute)); "
                                + "expected a qcow2 golden image", at: machine.locations.image))
                    continue
                }
                let size: UInt64
                do {
                    size = try QemuImage.virtualSize(of: absolute)
                } catch {
                    problems.append(
                        .error(
                            "image file '\(path)' is not a disk image qemu-img can read (\(error)); "
                                + "expected a qcow2 golden image", at: machine.locations.image))
                    continue
                }
                sources[machine.name] = BootSource(
                    imageName: URL(fileURLWithPath: absolute).lastPathComponent,
                    disk: absolute, kernelBoot: machine.kernelBoot, sha256: nil,
                    virtualSizeBytes: size)
            }
        }
        if !problems.isEmpty { throw ModelError(problems) }
        return sources
    }
}
