import Foundation
import HardwareMocks
import StandDrivers
import StandHardware

/// zbar decode time per frame through StandDrivers (`GrayscaleImage` + `ZBarDecoder`, what
/// `standctl scan --image` and the image scanner run) next to Debian's `zbarimg` on the same
/// PNG files in the same run. `zbarimg` gets every file in one invocation, so its process start
/// is spread over all the frames.
struct ScannerDecodeBenchmark: Benchmark {
    let name = "scanner-decode"
    let summary = "zbar decode per frame (640x480 camera-sized QR frames and printed receipts with EAN-13/CODE128) vs zbarimg"

    func run(iterations: Int) throws -> [String] {
        let scratch = try ScratchDirectory(name)
        defer { scratch.remove() }
        let files = try Self.frames(in: scratch.url)
        let decoder = try ZBarDecoder()
        let rounds = max(1, iterations / files.count / 10)
        var read = 0
        let ours = try Timings.measure(rounds * files.count) {
            let path = files[read % files.count]
            let image = try GrayscaleImage(contentsOf: path)
            guard !decoder.decode(gray: image.pixels, width: image.width, height: image.height).isEmpty else {
                throw BenchFailure("no code found in \(path)")
            }
            read += 1
        }
        let frames = try files.map { try GrayscaleImage(contentsOf: $0) }
        var scanned = 0
        let zbarOnly = Timings.measure(rounds * frames.count) {
            let frame = frames[scanned % frames.count]
            scanned += decoder.decode(gray: frame.pixels, width: frame.width, height: frame.height).isEmpty ? 0 : 1
        }
        guard scanned == rounds * frames.count else { throw BenchFailure("a frame in memory gave no code") }
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<rounds {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
            process.arguments = ["--quiet", "--raw"] + files
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { throw BenchFailure("zbarimg could not run (\(error)); scripts/setup installs zbar-tools") }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw BenchFailure("zbarimg found no code in a frame (status \(process.terminationStatus))") }
        }
        let zbarimgPerFrame = seconds(clock.now - started) / Double(rounds * files.count)
        let oursPerFrame = seconds(ours.wall) / Double(ours.samples.count)
        let zbarPerFrame = seconds(zbarOnly.wall) / Double(zbarOnly.samples.count)
        return [
            "frames: \(files.count) PNG files × \(rounds) rounds",
            "StandDrivers, PNG file read + zbar:   \(format(oursPerFrame * 1000, 3)) ms/frame  (\(ours.line))",
            "StandDrivers, frame in memory + zbar: \(format(zbarPerFrame * 1000, 3)) ms/frame  (\(zbarOnly.line)) — the camera path",
            "zbarimg, same files, one process:     \(format(zbarimgPerFrame * 1000, 3)) ms/frame",
            "ratio zbarimg / StandDrivers: files \(format(zbarimgPerFrame / oursPerFrame, 2))×, frames in memory \(format(zbarimgPerFrame / zbarPerFrame, 2))×",
        ]
    }

    /// QR codes of growing payloads centred in 640×480 frames, and receipt pictures from the
    /// virtual printer holding an EAN-13 and a CODE128.
    static func frames(in directory: URL) throws -> [String] {
        var paths: [String] = []
        for (index, length) in [16, 64, 160, 300].enumerated() {
            let payload = String((0..<length).map { i in Array("STANDKIT-order-0123456789/")[(i * 7 + index) % 26] })
            let code = try QRCodeEncoder.encode(payload, errorCorrection: .medium).bitmap(moduleSize: 3)
            var gray = [UInt8](repeating: 235, count: 640 * 480)
            let left = (640 - code.width) / 2, top = (480 - code.height) / 2
            for y in 0..<code.height { for x in 0..<code.width where code[x, y] { gray[(top + y) * 640 + left + x] = 30 } }
            paths.append(try write(PNGEncoder.encodeGray(width: 640, height: 480, gray: gray), "qr-\(length).png", directory))
        }
        for (index, barcode) in [Barcode.ean13("4006381333931"), .code128("ORDER-4711"), .code128("20261202")].enumerated() {
            var job = EscPosEncoder()
            job.initialize()
            job.line("Stand 1")
            try job.barcode(barcode, moduleWidth: 3)
            job.cut()
            let bytes = job.bytes
            let png = try blocking {
                let printer = VirtualReceiptPrinter()
                try await printer.start()
                try await printer.print(bytes)
                guard let receipt = printer.lastReceipt else { throw BenchFailure("the virtual printer printed nothing") }
                return receipt.png()
            }
            paths.append(try write(png, "barcode-\(index).png", directory))
        }
        return paths
    }

    private static func write(_ bytes: [UInt8], _ name: String, _ directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
