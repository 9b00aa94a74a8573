import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab change new`: a batch change of pending updates, or the follow-up of a batch rehearsal
/// without its culprit.
struct ChangeNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a change file: a batch of pending updates, or a rehearsed batch without its culprit.",
        discussion: """
            --from-updates LAB|production/NAME.json: one patch per source package of the pending updates (as \
            `patchlab updates` lists them), priority high for security updates; the .deb files are fetched by apt on \
            the host into a folder named after the change file, checked against the archive's signed index and \
            listed in its SHA256SUMS. --only keeps some packages (source or binary names), e.g. an emergency subset \
            with --type emergency.

            --from-run RUN: the run's change without the patches --without names (by default the culprit its \
            bisection found), to rehearse next.

            The file is read back as `rehearse` reads it before the command succeeds.
            """)

    @Option(help: "A lab file (up) or a stored fingerprint (.json) whose pending updates make the batch.")
    var fromUpdates: String?

    @Option(help: "A rehearsal run whose change is written again without some patches.")
    var fromRun: String?

    @Option(help: "The new change's id (CHG-0003). Required with --from-updates; with --from-run, the next free number.")
    var id: String?

    @Option(help: "The test plans, comma-separated (with --from-updates).")
    var plans: String?

    @Option(help: "The lab file the change is rehearsed on (with --from-updates; default: the lab given to --from-updates).")
    var lab: String?

    @Option(help: "Which suites, comma-separated: security, updates, release (default: all three).")
    var suites: String?

    @Option(help: "Only these packages, source or binary names, comma-separated (with --from-updates).")
    var only: String?

    @Option(help: "normal, standard or emergency (with --from-updates; default normal).")
    var type: ChangeType = .normal

    @Option(help: "low, medium or high (with --from-updates; default medium).")
    var risk: ChangeRisk = .medium

    @Option(help: "The change's title (with --from-updates; default: what it holds).")
    var title: String?

    @Option(help: "The Debian release, when the machines' own facts do not say it (with --from-updates).")
    var release: String?

    @Option(help: "Patch ids to leave out, comma-separated (with --from-run; default: the culprit of its bisection).")
    var without: String?

    @Option(help: "The change file to write (default: changes/ID.yaml; with --from-run, beside the run's change file).")
    var output: String?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard (fromUpdates == nil) != (fromRun == nil) else { throw ValidationError("give one of --from-updates and --from-run") }
        if fromUpdates != nil {
            guard let id else { throw ValidationError("--from-updates needs --id (the new change's id, such as CHG-0003)") }
            guard plans != nil else { throw ValidationError("--from-updates needs --plans (the test plans that judge the batch)") }
            guard without == nil else { throw ValidationError("--without goes with --from-run") }
            guard Self.isChangeID(id) else { throw ValidationError("--id \(id) is not a change id; expected such as CHG-0003") }
        } else {
            for (name, value) in [
                ("--plans", plans), ("--only", only), ("--suites", suites), ("--lab", lab), ("--title", title),
                ("--release", release),
            ] where value != nil {
                throw ValidationError("\(name) goes with --from-updates")
            }
            if let id, !Self.isChangeID(id) { throw ValidationError("--id \(id) is not a change id; expected such as CHG-0003") }
        }
    }

    static func isChangeID(_ text: String) -> Bool { text.wholeMatch(of: /[A-Z][A-Z0-9]*-[0-9]+/) != nil }

    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    func run() async throws {
        try await reportingErrors {
            let environment = try CLIContext.environment()
            let change: Change
            if let run = fromRun {
                change = try ChangeFromRun(store: try RunStore(environment: environment))
                    .write(run: run, without: Self.list(without), id: id, output: output)
            } else {
                change = try await fromUpdates(environment: environment)
            }
            if outputOptions.json { return try Console.json(change) }
            Console.out("wrote \(change.file): \(change.id), \(change.patches.count) patch\(change.patches.count == 1 ? "" : "es")")
            for patch in change.patches {
                Console.out("  \(patch.id) [\(patch.priority.rawValue)]: \(patch.files.map(\.fileName).joined(separator: ", "))")
            }
            Console.out("rehearse it with: patchlab rehearse \(change.file)")
        }
    }

    private func fromUpdates(environment: EngineEnvironment) async throws -> Change {
        let target = UpdateTarget(path: fromUpdates!)
        let targetLab = try target.lab()
        guard let labFile = lab ?? (targetLab == nil ? nil : fromUpdates) else {
            throw ValidationError("--lab is needed with a fingerprint file: the lab the change is rehearsed on")
        }
        let machines = try await target.installed(release: release, environment: environment)
        let showProgress = outputOptions.showsProgress
        let progress: @Sendable (String) -> Void = { if showProgress { Console.err($0) } }
        let found = try UpdateFinder(environment: environment).pending(
            machines, suites: try UpdateTarget.suites(suites), progress: progress)
        let absolute = { URL(fileURLWithPath: $0).standardized.path }
        let request = ChangeFromUpdates.Request(
            id: id!, title: title, type: type, risk: risk, lab: absolute(labFile),
            plans: (Self.list(plans) ?? []).map(absolute), only: Self.list(only),
            output: output ?? "changes/\(id!).yaml", origin: target.origin(lab: targetLab))
        return try ChangeFromUpdates(environment: environment).write(request, updates: found, progress: progress)
    }
}

extension ChangeType: ExpressibleByArgument {}
extension ChangeRisk: ExpressibleByArgument {}
