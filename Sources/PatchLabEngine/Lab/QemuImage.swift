import Foundation

/// Facts about disk image files, read with `qemu-img info`.
enum QemuImage {
    private struct Info: Decodable {
        let virtualSize: UInt64
        enum CodingKeys: String, CodingKey { case virtualSize = "virtual-size" }
    }

    static func virtualSize(of path: String) throws -> UInt64 {
        let json = try HostCommand.capture("/usr/bin/qemu-img", ["info", "--output=json", "-U", path])
        return try JSONDecoder().decode(Info.self, from: Data(json.utf8)).virtualSize
    }
}
