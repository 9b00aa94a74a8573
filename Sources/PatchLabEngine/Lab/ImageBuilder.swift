import Foundation

/// Builds a golden image from its recipe (`labs/images/NAME/build.sh OUTDIR`) and records its digest.
///
/// The recipe writes into a staging folder; only a complete build replaces the current image, so a
/// failed build leaves the previous image usable.
public struct ImageBuilder: Sendable {
    public let environment: EngineEnvironment

    public init(environment: EngineEnvironment) { self.environment = environment }

    /// Labs that are up with machines cloned from image `name`.
    func labsUsing(_ name: String) throws -> [String] {
        let folder = "\(environment.stateDirectory)/labs"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().compactMap { file in
            guard let state = try? LabStateStore.read(at: "\(folder)/\(file)") else { return nil }
            return state.machines.contains { $0.image == name } ? state.lab : nil
        }
    }

    /// The recipe script of image `name`.
    func recipe(_ name: String) throws -> String {
        let recipe = URL(fileURLWithPath: "\(environment.recipesDirectory)/\(name)/build.sh").standardized.path
        guard FileManager.default.fileExists(atPath: recipe) else {
            throw EngineError.recipeNotFound(name: name, directory: environment.recipesDirectory)
        }
        return recipe
    }

    /// One digest over every file of the recipe's folder, so a change to any helper file counts too.
    func recipeDigest(_ recipe: String) throws -> String {
        let folder = URL(fileURLWithPath: recipe).deletingLastPathComponent().path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { folder + "/" + $0 }
        return try FileDigest.sha256(ofFiles: files)
    }

    /// The current record when the image is built from the recipe as it is now and its disk is intact
    /// in size; nil when it needs (re)building.
    public func upToDate(_ name: String) throws -> ImageRecord? {
        guard let record = try? ImageCatalog(environment: environment).record(named: name) else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: record.disk)[.size] as? NSNumber)?.uint64Value
        guard size == record.sizeBytes, record.recipeSHA256 == (try recipeDigest(try recipe(name))) else { return nil }
        return record
    }

    /// Builds the image; the previous one stays until the new one is complete.
    ///
    /// - Parameters:
    ///   - name: the recipe (`labs/images/NAME/build.sh`).
    ///   - imageName: the image to write, when not the recipe's own name (a matched image).
    ///   - recipeEnvironment: added to the recipe's environment (`PATCHLAB_MATCH`).
    public func build(_ recipeName: String, as imageName: String? = nil, recipeEnvironment: [String: String] = [:]) throws -> ImageRecord {
        let name = imageName ?? recipeName
        // Clones of a running lab are backed by the current disk: replacing it under them corrupts them.
        let users = try labsUsing(name)
        if !users.isEmpty { throw EngineError.imageInUse(name: name, labs: users) }
        let recipe = try recipe(recipeName)
        let fm = FileManager.default
        let finalDirectory = "\(environment.imagesDirectory)/\(name)"
        let staging = "\(environment.imagesDirectory)/.\(name).building"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let status = try HostCommand.passthrough("/bin/bash", [recipe, staging], environment: recipeEnvironment)
        guard status == 0 else {
            try? fm.removeItem(atPath: staging)
            throw EngineError.imageBuildFailed(name: name, status: status)
        }
        try? fm.removeItem(atPath: finalDirectory)
        try fm.moveItem(atPath: staging, toPath: finalDirectory)

        let disk = finalDirectory + "/disk.qcow2"
        func optional(_ file: String) -> String? {
            let path = "\(finalDirectory)/\(file)"
            return fm.fileExists(atPath: path) ? path : nil
        }
        let cmdline = optional("cmdline").flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let size = (try fm.attributesOfItem(atPath: disk)[.size] as? NSNumber)?.uint64Value ?? 0
        let record = ImageRecord(
            name: name, disk: disk, kernel: optional("vmlinuz"), initrd: optional("initrd.img"),
            cmdline: cmdline, sha256: try FileDigest.sha256(ofFile: disk), sizeBytes: size,
            virtualSizeBytes: try QemuImage.virtualSize(of: disk),
            builtAt: Date(), recipe: recipe, recipeSHA256: try recipeDigest(recipe))
        try ImageCatalog(environment: environment).save(record)
        return record
    }
}
