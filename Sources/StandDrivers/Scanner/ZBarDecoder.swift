import CZBar
import StandHardware
import Synchronization

/// Decodes QR codes and barcodes in 8-bit grayscale images with zbar.
///
/// The type owns one `zbar_image_scanner_t`, created in `init` and destroyed in `deinit`.
/// A zbar image scanner keeps per-scan state and is not thread-safe, so every scan runs
/// under a `Mutex`: a `final class` with a lock (rather than an actor) keeps `decode`
/// synchronous, so callers on any thread (a camera reader thread, a CLI) can use it
/// without hopping executors; decoding is short and CPU-bound.
public final class ZBarDecoder: @unchecked Sendable {
    /// The symbologies this decoder looks for.
    public let symbologies: Set<Symbology>
    private let scanner: OpaquePointer
    private let lock = Mutex(())

    /// Creates a decoder that reads only `symbologies` (all StandKit symbologies by default).
    public init(symbologies: Set<Symbology> = Set(Symbology.allCases)) throws(ZBarDecoderError) {
        guard let scanner = zbar_image_scanner_create() else {
            throw .scannerUnavailable
        }
        self.scanner = scanner
        self.symbologies = symbologies
        // Symbology 0 (ZBAR_NONE) addresses every symbology: disable all, then enable the chosen.
        zbar_image_scanner_set_config(scanner, zbar_symbol_type_t(0), ZBAR_CFG_ENABLE, 0)
        for symbology in symbologies {
            zbar_image_scanner_set_config(scanner, symbology.zbarType, ZBAR_CFG_ENABLE, 1)
        }
        // Without this zbar guesses a legacy encoding (often Shift-JIS) for QR byte payloads and
        // re-encodes them; StandKit's QR payloads are UTF-8, so take the bytes as they are.
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
    }

    deinit {
        zbar_image_scanner_destroy(scanner)
    }

    /// The codes found in a `width` × `height` grayscale image (one byte per pixel, row-major).
    /// Images whose buffer does not match their size, or that contain no code, give `[]`.
    public func decode(gray: [UInt8], width: Int, height: Int) -> [ScannedCode] {
        guard width > 0, height > 0, width <= Int(UInt32.max), height <= Int(UInt32.max),
              gray.count == width * height
        else { return [] }
        return lock.withLock { _ in
            guard let image = zbar_image_create() else { return [] }
            defer { zbar_image_destroy(image) }
            zbar_image_set_format(image, Self.y800)
            zbar_image_set_size(image, UInt32(width), UInt32(height))
            return gray.withUnsafeBytes { buffer -> [ScannedCode] in
                // The buffer outlives the scan: the image is destroyed before withUnsafeBytes returns,
                // and the nil cleanup handler tells zbar not to free it.
                zbar_image_set_data(image, buffer.baseAddress, UInt(buffer.count), nil)
                guard zbar_scan_image(scanner, image) > 0 else { return [] }
                var codes: [ScannedCode] = []
                var symbol = zbar_image_first_symbol(image)
                while let current = symbol {
                    if let code = Self.code(of: current) { codes.append(code) }
                    symbol = zbar_symbol_next(current)
                }
                zbar_image_set_data(image, nil, 0, nil)
                return codes
            }
        }
    }

    /// fourcc 'Y800': 8-bit grayscale.
    private static let y800: UInt = 0x3030_3859

    private static func code(of symbol: OpaquePointer) -> ScannedCode? {
        guard let symbology = Symbology(zbarType: zbar_symbol_get_type(symbol)),
              let data = zbar_symbol_get_data(symbol)
        else { return nil }
        let length = Int(zbar_symbol_get_data_length(symbol))
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        return ScannedCode(symbology: symbology, payload: String(decoding: bytes, as: UTF8.self))
    }
}

extension Symbology {
    var zbarType: zbar_symbol_type_t {
        switch self {
        case .qr: ZBAR_QRCODE
        case .ean13: ZBAR_EAN13
        case .ean8: ZBAR_EAN8
        case .code128: ZBAR_CODE128
        case .upcA: ZBAR_UPCA
        case .code39: ZBAR_CODE39
        }
    }

    init?(zbarType: zbar_symbol_type_t) {
        guard let match = Symbology.allCases.first(where: { $0.zbarType == zbarType }) else { return nil }
        self = match
    }
}
