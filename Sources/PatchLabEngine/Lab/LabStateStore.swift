import Foundation

/// Serializes updates to a lab's state file: parallel machine bring-up records objects concurrently.
actor LabStateStore {
    private(set) var state: LabState
    let path: String

    init(state: LabState, path: String) {
        self.state = state
        self.path = path
    }

    static func path(lab: String, environment: EngineEnvironment) -> String {
        "\(environment.stateDirectory)/labs/\(lab).json"
    }

    static func load(lab: String, environment: EngineEnvironment) throws -> LabState? {
        let path = path(lab: lab, environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try JSONFiles.read(LabState.self, from: path)
    }

    /// Records an object before it is created.
    func record(_ object: LabState.Object) throws {
        guard !state.objects.contains(object) else { return }
        state.objects.append(object)
        try save()
    }

    func record(machine: LabState.MachineRecord) throws {
        state.machines.removeAll { $0.name == machine.name }
        state.machines.append(machine)
        try save()
    }

    func forget(_ object: LabState.Object) throws {
        state.objects.removeAll { $0 == object }
        try save()
    }

    func set(status: LabState.Status) throws {
        state.status = status
        try save()
    }

    func save() throws { try JSONFiles.write(state, to: path) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
