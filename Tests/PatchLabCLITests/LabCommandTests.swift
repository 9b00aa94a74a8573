import Foundation
import Testing
import PatchLabTestSupport

@Suite struct LabCommandTests {
    @Test func execHelpIsExact() throws {
        let binary = PatchlabBinary()
        let help = try binary.run(["lab", "exec", "--help"])
        #expect(help.status == 0)
        #expect(
            help.stdout == """
                OVERVIEW: Run a command in a lab machine; prints its output and exits with its
                exit status.

                A command still running after --timeout is killed and reported as timed out
                (exit status 124).

                USAGE: patchlab lab exec <lab-file> <machine> [--timeout <timeout>] -- [<command> ...] [--json]

                ARGUMENTS:
                  <lab-file>              The lab file, e.g. labs/demo.yaml.
                  <machine>               The machine's name in the lab.
                  <command>               The command and its arguments, after --.

                OPTIONS:
                  --timeout <timeout>     Seconds before the command is killed. (default: 300)
                  --json                  Print one JSON document instead of text, with no
                                          progress lines.
                  --version               Show the version.
                  -h, --help              Show help information.


                """)
    }

    @Test func badLabFileNamesFileLineAndColumnAndExitsOne() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let lab = try binary.write(
            "typo.yaml",
            """
            lab: typo
            description: a lab with mistakes
            machines:
              - name: web-01
                role: web
                mirrors: prod-web-01
                image: debian-12
                memroy: 512 MiB
                criticality: pilot
              - name: web-01
                role: web
                mirrors: prod-web-02
                image: debian-12
                criticality: critical
            """)
        let result = try binary.run(["lab", "up", lab])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(lab):8:5: error: unknown key 'memroy'"))
        #expect(result.stderr.contains("did you mean 'memory'"))
        #expect(result.stderr.contains("\(lab):10:11: error: duplicate machine name 'web-01'"))
        #expect(!FileManager.default.fileExists(atPath: binary.home + "/state/labs/typo.json"), "nothing was started")
    }

    @Test func missingImageIsAnErrorAtTheImageLine() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let lab = try binary.write(
            "noimage.yaml",
            """
            lab: noimage
            description: no such image
            machines:
              - {name: a, role: r, mirrors: m, image: debian-77, criticality: low}
            """)
        let result = try binary.run(["lab", "up", lab])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(lab):4:43: error: image 'debian-77' is not built"))
    }

    @Test func downOfALabThatIsNotUpSucceeds() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let lab = try binary.write(
            "idle.yaml",
            """
            lab: idle
            description: never brought up
            machines:
              - {name: a, role: r, mirrors: m, image: debian-12, criticality: low}
            """)
        let result = try binary.run(["lab", "down", lab])
        #expect(result.status == 0)
        #expect(result.stdout.contains("was not up"))
    }

    /// A lab whose file is gone (the scratch file of a killed run) comes down by its name: `up`
    /// recorded all `down` needs. A name with no state is "not up"; a missing *file* is still an error.
    @Test func aLabWhoseFileIsGoneComesDownByName() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let state = binary.home + "/state/labs/gone.json"
        try FileManager.default.createDirectory(atPath: binary.home + "/state/labs", withIntermediateDirectories: true)
        try Data(
            #"{"createdAt":"2026-11-30T15:21:55.632","lab":"gone","labFile":"/nonexistent/gone.yaml","machines":[],"objects":[],"prefix":"pl-gone-d1858c","status":"ready"}"#
                .utf8
        ).write(to: URL(fileURLWithPath: state))
        let down = try binary.run(["lab", "down", "gone"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.stdout.contains("lab gone is down"), "\(down.stdout)")
        #expect(!FileManager.default.fileExists(atPath: state))
        let again = try binary.run(["lab", "down", "gone"])
        #expect(again.status == 0 && again.stdout.contains("was not up"))
        let file = try binary.run(["lab", "down", "/nonexistent/gone.yaml"])
        #expect(file.status == 1 && file.stderr.contains("cannot read lab file"), "\(file.stderr)")
    }

    @Test func execWithoutACommandIsAUsageError() throws {
        let result = try PatchlabBinary().run(["lab", "exec", "labs/demo.yaml", "web-01"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give the command after --"))
    }

    @Test func badAcceleratorOverrideIsRefused() throws {
        let binary = PatchlabBinary()
        let result = try binary.run(["image", "list"], environment: ["PATCHLAB_ACCEL": "warp"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("PATCHLAB_ACCEL=warp is not valid; expected auto, kvm, tcg"))
    }
}
