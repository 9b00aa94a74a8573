import Foundation

/// Runs a Python script that uses the `cryptography` package: an implementation of Ed25519, PEM and
/// base64 independent of swift-crypto and of our code, so interoperability is checked, not assumed.
///
/// Needs `/usr/bin/python3` with `cryptography` (Debian: `python3-cryptography`). When either is
/// missing the calling test fails with a message saying so; it is never skipped, since a skipped
/// interoperability test looks exactly like a passing one in a summary.
enum PythonCryptography {
    static let python = "/usr/bin/python3"

    struct Outcome {
        var status: Int32
        var output: String
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Exit status 3 is reserved for "could not run": a missing interpreter or package.
    static let unavailableStatus: Int32 = 3

    /// Imports the script needs; exit 3 with a message when `cryptography` is missing.
    static let prelude = """
        import base64, hashlib, json, sys
        try:
            from cryptography.exceptions import InvalidSignature
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec, ed25519
            from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
        except ImportError as error:
            print(f"the Python package 'cryptography' is missing (Debian: apt-get install python3-cryptography): {error}")
            sys.exit(3)

        def pae(payload_type: bytes, body: bytes) -> bytes:
            return b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(body), body)

        """

    /// Runs `prelude + script` with `arguments`; throws ``Unavailable`` when Python cannot do the job at all.
    static func run(_ script: String, _ arguments: [String]) throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Unavailable(
                description: "\(python) is missing: the interoperability tests need python3 "
                    + "with the 'cryptography' package (Debian: apt-get install python3 python3-cryptography)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", prelude + script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting, so a long traceback cannot fill the pipe and stall the script.
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == unavailableStatus {
            throw Unavailable(description: output)
        }
        return Outcome(status: process.terminationStatus, output: output)
    }
}
