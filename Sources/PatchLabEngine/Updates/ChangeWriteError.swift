/// Why `change new` cannot write the change asked for; nothing is written then.
public enum ChangeWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    case nothingPending(origin: String)
    case notPending([String], pending: [String])
    case exists(String)
    case unwritable(String)
    case notABatchRun(run: String, detail: String)
    case unknownPatches([String], known: [String])
    case nothingLeft(run: String)
    case noCulprit(run: String)

    public var description: String {
        switch self {
        case let .nothingPending(origin):
            "no pending update for \(origin) in the suites asked for: nothing to put in a change"
        case let .notPending(names, pending):
            "--only names \(names.joined(separator: ", ")), which \(names.count == 1 ? "has" : "have") no pending update; expected "
                + "source or binary packages of the pending updates: \(pending.joined(separator: ", "))"
        case let .exists(path):
            "\(path) already exists; expected a new change file (choose another --output or --id)"
        case let .unwritable(path):
            "cannot write \(path)"
        case let .notABatchRun(run, detail):
            "run \(run) \(detail)"
        case let .unknownPatches(names, known):
            "--without names \(names.joined(separator: ", ")), not a patch of the run's change; expected some of: "
                + known.joined(separator: ", ")
        case let .nothingLeft(run):
            "without those patches the change of run \(run) holds none; expected at least one patch left"
        case let .noCulprit(run):
            "run \(run) has no bisection that found a culprit; say which patches to leave out with --without"
        }
    }
}
