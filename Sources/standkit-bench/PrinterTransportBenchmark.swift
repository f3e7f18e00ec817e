import Foundation
import HardwareMocks
import StandDrivers
import StandHardware

/// ESC/POS bytes per second through the TCP transport (NetworkReceiptPrinter, port-9100 style)
/// to HardwareMocks' virtual printer listening on loopback, which interprets every byte. Each
/// job is a whole receipt with a raster logo, a QR code and a cut, and is followed by the
/// driver's DLE EOT status round trips, as on a stand.
struct PrinterTransportBenchmark: Benchmark {
    let name = "printer-tcp"
    let summary = "ESC/POS bytes per second through the TCP transport to the virtual printer on loopback"

    func run(iterations: Int) throws -> [String] {
        let job = try Self.receipt()
        let jobs = max(20, iterations / 20)
        return try blocking {
            let paper = VirtualReceiptPrinter(paperWidth: .mm80)
            try await paper.start()
            let server = try VirtualPrinterServer(printer: paper)
            let printer = NetworkReceiptPrinter(settings: .init(host: "127.0.0.1", port: server.port, paperWidth: .mm80))
            try await printer.start()
            let clock = ContinuousClock()
            var samples: [Duration] = []
            let started = clock.now
            for _ in 0..<jobs {
                let began = clock.now
                try await printer.print(job)
                samples.append(clock.now - began)
            }
            let wall = clock.now - started
            await printer.close()
            await server.stop()
            guard paper.receipts.count == jobs else { throw BenchFailure("\(paper.receipts.count) of \(jobs) receipts came out") }
            let timings = Timings(samples: samples, wall: wall)
            let rate = Double(job.count * jobs) / seconds(wall)
            return [
                "\(jobs) receipts of \(job.count) bytes (logo raster, QR, text, cut), status read before and after each:",
                "  \(format(rate / 1024, 1)) KiB/s  (\(timings.line) per receipt)",
            ]
        }
    }

    /// A receipt of a realistic size: a 384×96 logo, 30 text lines, a QR code, a cut.
    static func receipt() throws -> [UInt8] {
        var job = EscPosEncoder()
        job.initialize()
        var logo = MonochromeBitmap(width: 384, height: 96)
        for y in 0..<96 { for x in 0..<384 where (x / 8 + y / 8) % 2 == 0 { logo[x, y] = true } }
        try job.rasterImage(logo, paperDots: PaperWidth.mm80.dots)
        for line in 1...30 { job.line("Classic hot dog  x\(line)          3.50 EUR") }
        try job.qrCode("https://stand.example/r/berlin-alex-01/4711")
        job.cut()
        return job.bytes
    }
}
