import Foundation

/// A lab's state on disk, updated one change at a time: parallel bring-up records objects concurrently.
///
/// Kept as `state/labs/LAB.json` (the state when last compacted) and `state/labs/LAB.log` (one JSON
/// line per change since: an object recorded before it is created, one forgotten once removed, a
/// machine, a status). An append costs the same for the 500th machine as for the first; rewriting
/// the whole file per change made `lab up` of N machines write O(N²) bytes. A line torn by a crash
/// is the last one, and is ignored: the change it announced had not started.
actor LabStateStore {
    /// One line of the log.
    struct Change: Codable {
        var record: LabState.Object?
        var forget: LabState.Object?
        var machine: LabState.MachineRecord?
        var status: LabState.Status?
    }

    /// Compact JSON, one change per line.
    private static let lineEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = JSONFiles.encoder.dateEncodingStrategy
        return encoder
    }()

    let path: String
    private var header: LabState
    private var objects: [LabState.Object?] = []
    private var position: [LabState.Object: Int] = [:]
    private var machines: [LabState.MachineRecord] = []
    private var machineIndex: [String: Int] = [:]
    private var log: FileHandle?

    init(state: LabState, path: String) {
        self.path = path
        header = state
        header.objects = []
        header.machines = []
        for object in state.objects { Self.add(object, to: &objects, &position) }
        for machine in state.machines { Self.put(machine, into: &machines, &machineIndex) }
    }

    var logPath: String { Self.logPath(path) }

    static func path(lab: String, environment: EngineEnvironment) -> String {
        "\(environment.stateDirectory)/labs/\(lab).json"
    }

    static func logPath(_ path: String) -> String {
        String(path.dropLast(".json".count)) + ".log"
    }

    /// The lab's state, or nil when it is not up. Read through ``StateCache``: the files are only
    /// decoded again when they changed, so asking per machine costs nothing per machine.
    static func load(lab: String, environment: EngineEnvironment) throws -> LabState? {
        try StateCache.shared.state(at: path(lab: lab, environment: environment))
    }

    /// Reads the compacted state and replays the log over it.
    static func read(at path: String) throws -> LabState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var state = try JSONFiles.read(LabState.self, from: path)
        guard let data = FileManager.default.contents(atPath: logPath(path)), !data.isEmpty else { return state }
        var objects: [LabState.Object?] = [], position: [LabState.Object: Int] = [:]
        var machines: [LabState.MachineRecord] = [], machineIndex: [String: Int] = [:]
        for object in state.objects { add(object, to: &objects, &position) }
        for machine in state.machines { put(machine, into: &machines, &machineIndex) }
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let change = try? JSONFiles.decoder.decode(Change.self, from: line) else { continue }
            if let object = change.record { add(object, to: &objects, &position) }
            if let object = change.forget, let at = position.removeValue(forKey: object) { objects[at] = nil }
            if let machine = change.machine { put(machine, into: &machines, &machineIndex) }
            if let status = change.status { state.status = status }
        }
        state.objects = objects.compactMap { $0 }
        state.machines = machines
        return state
    }

    var state: LabState {
        var state = header
        state.objects = objects.compactMap { $0 }
        state.machines = machines
        return state
    }

    /// Records an object before it is created.
    func record(_ object: LabState.Object) throws {
        guard position[object] == nil else { return }
        Self.add(object, to: &objects, &position)
        try append(Change(record: object))
    }

    func record(machine: LabState.MachineRecord) throws {
        Self.put(machine, into: &machines, &machineIndex)
        try append(Change(machine: machine))
    }

    func forget(_ object: LabState.Object) throws {
        guard let at = position.removeValue(forKey: object) else { return }
        objects[at] = nil
        try append(Change(forget: object))
    }

    func set(status: LabState.Status) throws {
        header.status = status
        try save()
    }

    /// Writes the whole state and starts an empty log: once at the start and once at the end of `up`.
    func save() throws {
        try JSONFiles.write(state, to: path)
        try? log?.close()
        log = nil
        try? FileManager.default.removeItem(atPath: logPath)
    }

    func remove() {
        try? log?.close()
        log = nil
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: logPath)
    }

    private func append(_ change: Change) throws {
        if log == nil {
            if !FileManager.default.fileExists(atPath: logPath) { FileManager.default.createFile(atPath: logPath, contents: nil) }
            log = FileHandle(forWritingAtPath: logPath)
            _ = try log?.seekToEnd()
        }
        guard let log else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: logPath]) }
        // One write per line, so a crash tears at most the last line.
        try log.write(contentsOf: try Self.lineEncoder.encode(change) + Data("\n".utf8))
    }

    private static func add(_ object: LabState.Object, to objects: inout [LabState.Object?], _ position: inout [LabState.Object: Int]) {
        guard position[object] == nil else { return }
        position[object] = objects.count
        objects.append(object)
    }

    private static func put(_ machine: LabState.MachineRecord, into machines: inout [LabState.MachineRecord], _ index: inout [String: Int])
    {
        if let at = index[machine.name] {
            machines[at] = machine
        } else {
            index[machine.name] = machines.count
            machines.append(machine)
        }
    }
}

/// Lab states as last read, by file, with what the files looked like then (size and modification
/// time of the state file and of its log): a state is decoded again only after it changed.
final class StateCache: @unchecked Sendable {
    static let shared = StateCache()

    private struct Entry {
        var stamp: [Int64]
        var state: LabState?
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    func state(at path: String) throws -> LabState? {
        let stamp = Self.stamp(path) + Self.stamp(LabStateStore.logPath(path))
        if let entry = lock.withLock({ entries[path] }), entry.stamp == stamp { return entry.state }
        let state = try LabStateStore.read(at: path)
        lock.withLock { entries[path] = Entry(stamp: stamp, state: state) }
        return state
    }

    private static func stamp(_ path: String) -> [Int64] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [-1, -1, -1] }
        return [Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)]
    }
}
