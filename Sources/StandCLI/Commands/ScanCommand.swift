import ArgumentParser
import StandDrivers
import StandHardware

/// `standctl scan --image FILE`: decodes the QR codes and barcodes in a PNG, PGM or PBM image.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Decode the QR codes and barcodes in an image file; exit 1 if none is found.")

    @Option(name: .customLong("image"), help: "A PNG, PGM or PBM image.")
    var image: String

    @Option(help: "Comma-separated symbologies to look for (qr, ean13, ean8, code128, upca, code39; default all).")
    var symbology: String?

    func run() throws {
        let symbologies = try Self.parseSymbologies(symbology)
        let picture = try GrayscaleImage(contentsOf: image)
        let codes = try ZBarDecoder(symbologies: symbologies)
            .decode(gray: picture.pixels, width: picture.width, height: picture.height)
        guard !codes.isEmpty else {
            throw CommandError("no \(symbology ?? "QR code or barcode") found in \(image); hold the code flat, sharp and fully in the picture")
        }
        for code in codes { print("\(code.symbology.rawValue): \(code.payload)") }
    }

    static func parseSymbologies(_ list: String?) throws -> Set<Symbology> {
        guard let list else { return Set(Symbology.allCases) }
        var result: Set<Symbology> = []
        for name in list.split(separator: ",") {
            guard let symbology = Symbology(shortName: String(name)) else {
                throw CommandError("unknown symbology '\(name)'; use " + Symbology.allCases.map(\.shortName).joined(separator: ", "))
            }
            result.insert(symbology)
        }
        return result
    }
}
