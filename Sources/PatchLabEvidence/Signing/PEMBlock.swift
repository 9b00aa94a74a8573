import Foundation

/// One `-----BEGIN <label>-----` … `-----END <label>-----` block of a PEM file (RFC 7468), the
/// textual wrapping of the DER key structures that openssl and Python `cryptography` exchange.
struct PEMBlock: Equatable {
    var label: String
    var der: Data

    /// Every block in the text, in order. Text outside blocks is ignored, as RFC 7468 allows
    /// explanatory lines around them.
    static func parse(_ text: String) throws(KeyError) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var open: (label: String, body: String)?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let label = boundary(line, kind: "BEGIN") {
                guard open == nil else { throw .malformedPEM("'\(line)' before the END line of the block above it") }
                open = (label, "")
            } else if let label = boundary(line, kind: "END") {
                guard let current = open else { throw .malformedPEM("'\(line)' without a BEGIN line before it") }
                guard label == current.label else {
                    throw .malformedPEM("block '\(current.label)' ends with '\(line)'")
                }
                // Base64 in PEM is always the standard alphabet with padding.
                guard let der = Data(base64Encoded: current.body) else { throw .badBase64(label: label) }
                blocks.append(PEMBlock(label: label, der: der))
                open = nil
            } else if open != nil {
                // Legacy encrypted PEM puts "Proc-Type:" headers inside the block; they are not base64.
                if line.contains(":") { throw .encryptedKey }
                open!.body += line
            }
        }
        if let current = open { throw .malformedPEM("block '\(current.label)' has no END line") }
        return blocks
    }

    /// The one block the text must hold, with the label it must have; errors say what was found instead.
    static func single(in text: String, label expected: String) throws(KeyError) -> PEMBlock {
        let blocks = try parse(text)
        guard let first = blocks.first else { throw .noPEMBlock(expected: expected) }
        guard first.label == expected else { throw .wrongKind(found: first.label, expected: expected) }
        guard blocks.count == 1 else { throw .severalKeys(count: blocks.count, label: expected) }
        return first
    }

    /// The PEM text: 64 base64 characters a line, ending with a line end.
    var text: String {
        let base64 = der.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }

    private static func boundary(_ line: String, kind: String) -> String? {
        let prefix = "-----\(kind) ", suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count >= prefix.count + suffix.count else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
