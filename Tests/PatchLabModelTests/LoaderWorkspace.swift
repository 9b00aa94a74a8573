import Foundation
@testable import PatchLabModel

/// The four kinds of file the loaders read.
enum LoaderKind: String, CaseIterable, Sendable {
    case lab, plan, change, members
}

/// A folder on disk laid out like a PatchLab checkout, with one valid file of each kind and the files
/// they name (an included plan, an upload source, a patch file, public keys), so that hostile variants
/// of each go through the real `load(contentsOf:)` — file reading included.
///
/// Each valid text marks the values hostile variants replace as `«slot»`; ``text(_:_:)`` fills them.
final class LoaderWorkspace: @unchecked Sendable {
    let root: String

    init() throws {
        root = try makeTemporaryFolder("patchlab-loaders")
        for folder in ["labs", "testplans/files", "changes/files", "board/keys"] {
            try FileManager.default.createDirectory(atPath: path(folder), withIntermediateDirectories: true)
        }
        try write(Self.fill(Self.labTemplate, Self.slots[.lab]!), to: "labs/demo.yaml")
        try write(Self.commonPlan, to: "testplans/common.yaml")
        try write("<html>Welcome</html>\n", to: "testplans/files/index.html")
        try write("not really a deb\n", to: "changes/files/a.deb")
        try write("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", to: "board/keys/alice.pub")
        try write("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", to: "board/keys/bob.pub")
    }

    /// Files that are not what a loader expects, for the corpus's "names a special file" entries:
    /// FIFOs (no writer ever opens them), folders, a folder linked to itself, a plan with a NUL, a plan
    /// over 1 MiB, and a chain of 20 plans each including the next.
    func prepareSpecialFiles() throws {
        for fifo in [
            "testplans/fifo.yaml", "testplans/files/fifo.html", "changes/files/fifo.deb", "changes/SUMS.fifo",
            "board/keys/fifo.pub",
        ] {
            try HostileText.makeFIFO(path(fifo))
        }
        try FileManager.default.createDirectory(atPath: path("testplans/folder.yaml"), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: path("testplans/loop"))
        try FileManager.default.createSymbolicLink(atPath: path("testplans/loop"), withDestinationPath: ".")
        try write(HostileText.appending("\u{0}", toLine: 3, of: Self.commonPlan), to: "testplans/nul.yaml")
        try write(Self.commonPlan + "\n# " + String(repeating: "x", count: 1_100_000), to: "testplans/big.yaml")
        for wide in ["wide1", "wide2"] {
            let tags = (0..<60_000).map { "t\($0)" }.joined(separator: ", ")
            try write(
                Self.commonPlan.replacingOccurrences(of: "plan: COMMON", with: "plan: \(wide.uppercased())")
                    .replacingOccurrences(of: "COMMON-001", with: "\(wide.uppercased())-1") + "\ntags: [\(tags)]\n",
                to: "testplans/\(wide).yaml")
        }
        try FileManager.default.createDirectory(atPath: path("testplans/chain"), withIntermediateDirectories: true)
        for index in 0..<20 {
            try write(
                """
                plan: CHAIN-\(index)
                title: Link \(index)
                version: "1"
                owner: o
                applications: [chain]
                include: [\(index < 19 ? "c\(index + 1).yaml" : "")]
                defaults: {on: web-01}
                cases:
                  - {id: CHAIN-\(index)-1, title: t, functionality: f, run: "true"}
                """, to: "testplans/chain/c\(index).yaml")
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    func write(_ data: Data, to relative: String) throws {
        let target = path(relative)
        try? FileManager.default.removeItem(atPath: target)
        guard FileManager.default.createFile(atPath: target, contents: data) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Where a file of `kind` is written to be loaded, relative to the workspace.
    static func inputFile(_ kind: LoaderKind) -> String {
        switch kind {
        case .lab: return "labs/lab.yaml"
        case .plan: return "testplans/plan.yaml"
        case .change: return "changes/change.yaml"
        case .members: return "board/members.yaml"
        }
    }

    /// Where a file of `kind` is written to be loaded.
    func inputPath(_ kind: LoaderKind) -> String { path(Self.inputFile(kind)) }

    /// Loads the file at `path` as `kind`, with the loader the program uses.
    static func load(_ kind: LoaderKind, _ path: String) throws {
        switch kind {
        case .lab: _ = try Lab.load(contentsOf: path)
        case .plan: _ = try TestPlan.load(contentsOf: path)
        case .change: _ = try Change.load(contentsOf: path)
        case .members: _ = try BoardConfiguration.load(contentsOf: path)
        }
    }

    // MARK: Valid texts

    /// The valid text of `kind` with some slots' values replaced (slot name → YAML text).
    static func text(_ kind: LoaderKind, replacing replacements: [String: String] = [:]) -> String {
        var values = slots[kind]!
        for (slot, value) in replacements {
            guard let index = values.firstIndex(where: { $0.name == slot }) else { preconditionFailure("no slot \(slot)") }
            values[index].value = value
        }
        return fill(template(kind), values)
    }

    static func template(_ kind: LoaderKind) -> String {
        switch kind {
        case .lab: return labTemplate
        case .plan: return planTemplate
        case .change: return changeTemplate
        case .members: return membersTemplate
        }
    }

    /// The 1-based line of a slot in its template.
    static func line(of slot: String, in kind: LoaderKind) -> Int {
        let lines = template(kind).split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains("«\(slot)»") } ?? -1) + 1
    }

    private static func fill(_ template: String, _ values: [SlotValue]) -> String {
        var text = template
        for value in values { text = text.replacingOccurrences(of: "«\(value.name)»", with: value.value) }
        return text
    }

    struct SlotValue {
        var name: String
        var value: String
    }

    /// Every slot's valid value, by kind.
    static let slots: [LoaderKind: [SlotValue]] = Dictionary(
        uniqueKeysWithValues: LoaderKind.allCases.map { kind in
            (kind, CorpusSlot.all.filter { $0.kind == kind }.map { SlotValue(name: $0.name, value: $0.valid) })
        })

    static let labTemplate = """
        lab: «labName»
        description: «labDescription»
        accelerator: «accelerator»
        hosts:
          local: «hostURI»
          remote: qemu+ssh://lab-host/system
        networks:
          lan:
            address: «networkAddress»
        machines:
          - name: «machineName»
            role: «role»
            mirrors: «mirrors»
            image: «image»
            memory: «memory»
            vcpus: «vcpus»
            criticality: «criticality»
            host: «hostRef»
            networks: [lan]
          - name: db-01
            role: db
            mirrors: prod-db-01.example.com
            image: «imagePath»
            criticality: high
            host: remote
            kernel: «kernel»
            initrd: /boot/initrd.img
            cmdline: «cmdline»
        """

    static let planTemplate = """
        plan: «planID»
        title: «planTitle»
        version: «version»
        owner: «owner»
        description: «planDescription»
        applications:
          - name: «applicationName»
            description: Public web server
        tags: [«planTag», web]
        include: «include»
        templates:
          service-active:
            run: [systemctl, is-active, "{service}"]
            expect: {stdout: active}
        defaults: {on: "role:web", severity: major, timeout: «defaultTimeout»}
        cases:
          - id: WEB-001
            title: nginx is running
            functionality: Serving HTTP
            use: service-active
            with: {service: «service»}
          - id: «caseID»
            title: «caseTitle»
            functionality: «functionality»
            on: «on»
            tags: [http]
            severity: «severity»
            retries: «retries»
            retry_delay: 2s
            setup:
              - upload: {source: «uploadSource», destination: «destination», mode: "0644"}
              - run: «setupCommand»
            run: «check»
            expect:
              exit: 0
              stdout: {matches: «regex»}
              json: {path: «jsonPath», equals: ok}
              http: {url: «url», status: 200, body: {contains: Welcome}}
            waiver: {justification: «justification», expires: «expires», approved_by: «approvedBy»}
        """

    static let commonPlan = """
        plan: COMMON
        title: Common checks
        version: "1"
        owner: ops@example.com
        applications: [base-system]
        defaults: {on: "role:web"}
        cases:
          - id: COMMON-001
            title: The machine answers
            functionality: Basics
            run: "true"
        """

    static let changeTemplate = """
        change: «changeID»
        title: «changeTitle»
        type: «changeType»
        reason: «reason»
        risk: «risk»
        requested_by: «requestedBy»
        lab: «labFile»
        plans: [«planFile»]
        accept_baseline_failures: [«acceptedCase»]
        patch:
          description: nginx from bookworm-security
          files:
            - source: «patchSource»
              sha256: «sha256»
              destination: «patchDestination»
          install: «install»
          timeout: «patchTimeout»
        deployment: {order: «order», machines: [«deployMachine»]}
        rollback: {strategy: snapshot, verify_plans: [../testplans/common.yaml]}
        fingerprint:
          packages: true
          services: true
          ports: true
          watch: [«watch»]
          ignore: [/etc/ssl/private/]
        """

    static let membersTemplate = """
        board: «boardName»
        members:
          - id: «memberID»
            name: «memberName»
            roles: [«boardRole», emergency-authority]
            public_key: «publicKey»
            secret: «secret»
          - id: bob
            name: Bob Builder
            roles: approver
            public_key: keys/bob.pub
        quorum: {normal: «quorum», emergency: 1, no_go_emergency: 2}
        standard_templates:
          - {id: «templateID», change_sha256: «templateDigest»}
        """
}
