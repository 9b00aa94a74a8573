import Foundation

/// Just enough of a PNG decoder to tell a rendered page from a blank one: the chunks are read
/// here, the IDAT stream is inflated by python3's standard `zlib` (Foundation on Linux has no zlib
/// API), and the scanlines are unfiltered here to count the distinct colours.
public struct PNGPixels {
    public enum Failure: Error, CustomStringConvertible {
        case notPNG
        case unsupported(String)
        case corrupt(String)

        public var description: String {
            switch self {
            case .notPNG: return "not a PNG file"
            case let .unsupported(what): return "unsupported PNG: \(what)"
            case let .corrupt(what): return "corrupt PNG: \(what)"
            }
        }
    }

    public var width: Int
    public var height: Int
    /// Distinct RGBA values over the whole image.
    public var distinctColours: Int
    /// Pixels that differ from the top-left pixel (the page background).
    public var nonBackgroundPixels: Int

    public static func decode(_ file: URL) throws -> PNGPixels {
        let data = [UInt8](try Data(contentsOf: file))
        guard data.count > 8, data.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure.notPNG
        }
        var offset = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        while offset + 8 <= data.count {
            let length = Int(data[offset]) << 24 | Int(data[offset + 1]) << 16 | Int(data[offset + 2]) << 8 | Int(data[offset + 3])
            let type = String(decoding: data[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let start = offset + 8
            guard start + length + 4 <= data.count else { throw Failure.corrupt("chunk \(type) runs past the end") }
            let body = data[start..<(start + length)]
            if type == "IHDR" { header = Array(body) }
            if type == "IDAT" { compressed += body }
            if type == "IEND" { break }
            offset = start + length + 4  // the CRC
        }
        guard header.count == 13 else { throw Failure.corrupt("no IHDR") }
        let width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        let height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        let bitDepth = header[8], colourType = header[9], interlace = header[12]
        guard bitDepth == 8, interlace == 0 else { throw Failure.unsupported("bit depth \(bitDepth), interlace \(interlace)") }
        let channels: Int
        switch colourType {
        case 2: channels = 3  // RGB
        case 6: channels = 4  // RGBA
        default: throw Failure.unsupported("colour type \(colourType)")
        }
        let raw = try inflate(compressed)
        let stride = width * channels
        guard raw.count == height * (stride + 1) else {
            throw Failure.corrupt("\(raw.count) bytes inflated; expected \(height * (stride + 1))")
        }
        return try unfilter(raw, width: width, height: height, channels: channels)
    }

    private static func unfilter(_ raw: [UInt8], width: Int, height: Int, channels: Int) throws -> PNGPixels {
        let stride = width * channels
        var previous = [UInt8](repeating: 0, count: stride)
        var line = [UInt8](repeating: 0, count: stride)
        var colours: Set<UInt32> = []
        var background: UInt32?
        var nonBackground = 0
        for row in 0..<height {
            let base = row * (stride + 1)
            let filter = raw[base]
            for index in 0..<stride {
                let x = raw[base + 1 + index]
                let a = index >= channels ? Int(line[index - channels]) : 0
                let b = Int(previous[index])
                let c = index >= channels ? Int(previous[index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure.corrupt("filter \(filter) in row \(row)")
                }
                line[index] = UInt8((Int(x) + predictor) & 0xFF)
            }
            for pixel in 0..<width {
                var value: UInt32 = channels == 3 ? 0xFF : 0
                for channel in 0..<channels { value = value << 8 | UInt32(line[pixel * channels + channel]) }
                colours.insert(value)
                if background == nil { background = value }
                if value != background { nonBackground += 1 }
            }
            swap(&previous, &line)
        }
        return PNGPixels(width: width, height: height, distinctColours: colours.count, nonBackgroundPixels: nonBackground)
    }

    /// zlib's inflate, through python3's standard library.
    private static func inflate(_ compressed: [UInt8]) throws -> [UInt8] {
        guard let python = ToolProcess.find(["python3"]) else { throw ToolProcess.Failure.notFound("python3") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("idat.z"), output = folder.appendingPathComponent("idat.raw")
        try Data(compressed).write(to: input)
        let script = "import sys, zlib; open(sys.argv[2], 'wb').write(zlib.decompress(open(sys.argv[1], 'rb').read()))"
        let outcome = try ToolProcess.run(python, ["-c", script, input.path, output.path], timeout: .seconds(60))
        guard outcome.status == 0, !outcome.timedOut else { throw Failure.corrupt("python3 zlib: \(outcome.summary)") }
        return [UInt8](try Data(contentsOf: output))
    }
}
