/// A change request to rehearse (`changes/NAME.yaml`): what is patched, why, on which lab, which
/// formal test plans judge it, how it rolls out, how it is undone, and what each machine's
/// fingerprint covers.
///
/// ```yaml
/// change: CHG-0001                  # [A-Z][A-Z0-9]*-[0-9]+
/// title: Update nginx-light to the bookworm security release
/// type: normal                      # normal | standard | emergency
/// reason: DSA for nginx             # free text, kept as written
/// risk: low                         # low | medium | high
/// requested_by: alice@example.com   # optional
/// lab: ../labs/demo.yaml            # relative to this file
/// plans: [../testplans/web.yaml]    # at least one; relative to this file
/// accept_baseline_failures: [WEB-007]   # optional case ids
/// patch:
///   description: nginx 1.22.1-9+deb12u11 from bookworm-security
///   files:
///     - source: CHG-0001/nginx-light_1.22.1-9+deb12u11_all.deb   # relative to this file
///       sha256: 427cf4…             # optional only with sha256_file
///       destination: /var/tmp/patchlab/CHG-0001/   # optional; a trailing / is a folder
///   sha256_file: CHG-0001/SHA256SUMS   # optional; sha256sum format
///   install: "dpkg -i /var/tmp/patchlab/CHG-0001/*.deb"   # shell string or argv list
///   timeout: 10m                    # optional, default 10m
/// deployment: {order: phased, machines: [web-01, "role:web"]}   # optional
/// rollback: {strategy: snapshot, verify_plans: [../testplans/smoke.yaml]}   # optional
/// fingerprint: {packages: true, services: true, ports: true, watch: [/etc], ignore: [/etc/hostname]}
/// fidelity: {min: 0.9, same_start_versions: true}   # optional: below it, NO-GO
/// ```
///
/// A batch holds `patches:` instead of `patch:` (each with an `id`, `priority`, files, install and
/// timeout), applied in file order; ``patches`` is then the batch, and ``patch`` a combined view of
/// it for readers that show a change's patch as a whole.
///
/// The full format is in `docs/change-format.md`. Load with ``load(contentsOf:)`` or
/// ``parse(yaml:file:fileExists:readFile:)``; both throw a ``ModelError`` listing every problem at its
/// file:line:column. Paths in the value are absolute and keep where they were written.
public struct Change: Sendable, Hashable {
    /// `CHG-0001`: what the change board and every report call the change.
    public var id: String
    public var title: String
    public var type: ChangeType
    /// Free text, kept as written (it maps to a ticket's justification field).
    public var reason: String
    public var risk: ChangeRisk
    public var requestedBy: String?
    /// The lab file's absolute path.
    public var lab: Located<String>
    /// The test plans' absolute paths, in file order; never empty.
    public var plans: [Located<String>]
    /// Case ids whose failure at the baseline is known and accepted (the lab does not mirror a
    /// perfectly healthy production there); see ``acceptsBaselineFailure(of:)``.
    public var acceptBaselineFailures: [Located<String>]
    /// What the change installs, in the order it is applied; never empty. One element for a change
    /// written with `patch:` (its id is the change id).
    public var patches: [PatchSpec]
    public var deployment: DeploymentSpec
    public var rollback: RollbackSpec
    public var fingerprint: FingerprintSpec
    /// How closely the lab must mirror production for a GO; nil demands nothing (the packet still
    /// shows the fidelity measured).
    public var fidelity: FidelityDemand?
    /// The change file's path as given, used in locations.
    public var file: String
    /// Where the change document starts.
    public var location: SourceLocation

    public init(
        id: String, title: String, type: ChangeType, reason: String, risk: ChangeRisk,
        requestedBy: String? = nil, lab: Located<String>, plans: [Located<String>],
        acceptBaselineFailures: [Located<String>] = [], patch: PatchSpec,
        deployment: DeploymentSpec = DeploymentSpec(), rollback: RollbackSpec = RollbackSpec(),
        fingerprint: FingerprintSpec = FingerprintSpec(), fidelity: FidelityDemand? = nil, file: String,
        location: SourceLocation? = nil
    ) {
        self.init(
            id: id, title: title, type: type, reason: reason, risk: risk, requestedBy: requestedBy, lab: lab, plans: plans,
            acceptBaselineFailures: acceptBaselineFailures, patches: [patch], deployment: deployment, rollback: rollback,
            fingerprint: fingerprint, fidelity: fidelity, file: file, location: location)
    }

    /// A change of one patch or a batch. A patch without an id (`patch:` has none) is named after
    /// the change.
    public init(
        id: String, title: String, type: ChangeType, reason: String, risk: ChangeRisk,
        requestedBy: String? = nil, lab: Located<String>, plans: [Located<String>],
        acceptBaselineFailures: [Located<String>] = [], patches: [PatchSpec],
        deployment: DeploymentSpec = DeploymentSpec(), rollback: RollbackSpec = RollbackSpec(),
        fingerprint: FingerprintSpec = FingerprintSpec(), fidelity: FidelityDemand? = nil, file: String,
        location: SourceLocation? = nil
    ) {
        precondition(!patches.isEmpty, "a change installs at least one patch")
        self.id = id
        self.title = title
        self.type = type
        self.reason = reason
        self.risk = risk
        self.requestedBy = requestedBy
        self.lab = lab
        self.plans = plans
        self.acceptBaselineFailures = acceptBaselineFailures
        self.patches = patches.map { patch in
            var named = patch
            if named.id.isEmpty { named.id = id }
            return named
        }
        self.deployment = deployment
        self.rollback = rollback
        self.fingerprint = fingerprint
        self.fidelity = fidelity
        self.file = file
        self.location = location ?? .start(of: file)
    }

    /// True when the change accepts a baseline failure of this case.
    public func acceptsBaselineFailure(of caseID: String) -> Bool {
        acceptBaselineFailures.contains { $0.value == caseID }
    }
}
