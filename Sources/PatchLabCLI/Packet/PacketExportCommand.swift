import ArgumentParser
import Foundation
import PatchLabEvidence

/// `patchlab packet export servicenow PACKET`: the change request body for ServiceNow's Change API.
struct PacketExportCommand: AsyncParsableCommand {
    enum Target: String, ExpressibleByArgument, CaseIterable { case servicenow }

    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a packet for a change-management tool.",
        discussion: """
            servicenow: prints the JSON body for POST /api/sn_chg_rest/change/{normal|emergency|standard} with \
            the change_request fields filled from the packet, and the packet files to attach.
            """)

    @Argument(help: "Where to: servicenow.")
    var target: Target

    @Argument(help: "The packet folder or its .tar.gz.")
    var packet: String

    @Option(name: .shortAndLong, help: "Write the JSON to this file instead of stdout.")
    var output: String?

    @OptionGroup var archive: ArchiveOptions

    func run() async throws {
        try await reportingErrors {
            let overview = try PacketReader.overview(of: packet, limits: try archive.limits())
            let name = ((packet as NSString).standardizingPath as NSString).lastPathComponent
            let body = try ServiceNowExport.render(overview, packetName: name)
            if let output {
                try body.write(to: URL(fileURLWithPath: output), options: .atomic)
                Console.err("wrote \(output)")
            } else {
                Console.out(String(decoding: body, as: UTF8.self))
            }
        }
    }
}
