import CZBar
import StandHardware
import Synchronization

/// Decodes QR codes and barcodes in 8-bit grayscale images with zbar.
///
/// The type owns one `zbar_image_scanner_t` of the process's libzbar (`ZBarLibrary`), created in
/// `init` and destroyed in `deinit`. A zbar image scanner keeps per-scan state and is not thread-safe, so every scan runs
/// under a `Mutex`: a `final class` with a lock (rather than an actor) keeps `decode`
/// synchronous, so callers on any thread (a camera reader thread, a CLI) can use it
/// without hopping executors; decoding is short and CPU-bound.
public final class ZBarDecoder: @unchecked Sendable {
    /// The symbologies this decoder looks for.
    public let symbologies: Set<Symbology>
    let zbar: ZBarLibrary
    private let scanner: OpaquePointer
    private let lock = Mutex(())

    /// Creates a decoder that reads only `symbologies` (all StandKit symbologies by default).
    public init(symbologies: Set<Symbology> = Set(Symbology.allCases)) throws(ZBarDecoderError) {
        let zbar: ZBarLibrary
        do throws(ZBarLibraryError) { zbar = try ZBarLibrary.shared() } catch { throw .libraryUnavailable(error) }
        guard let scanner = zbar.imageScannerCreate() else {
            throw .scannerUnavailable
        }
        self.zbar = zbar
        self.scanner = scanner
        self.symbologies = symbologies
        // Symbology 0 (ZBAR_NONE) addresses every symbology: disable all, then enable the chosen.
        _ = zbar.imageScannerSetConfig(scanner, zbar_symbol_type_t(0), ZBAR_CFG_ENABLE, 0)
        for symbology in symbologies {
            _ = zbar.imageScannerSetConfig(scanner, symbology.zbarType, ZBAR_CFG_ENABLE, 1)
        }
        // Without this zbar guesses a legacy encoding (often Shift-JIS) for QR byte payloads and
        // re-encodes them; StandKit's QR payloads are UTF-8, so take the bytes as they are.
        _ = zbar.imageScannerSetConfig(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
    }

    deinit {
        zbar.imageScannerDestroy(scanner)
    }

    /// The codes found in a `width` × `height` grayscale image (one byte per pixel, row-major).
    /// Images whose buffer does not match their size, or that contain no code, give `[]`.
    public func decode(gray: [UInt8], width: Int, height: Int) -> [ScannedCode] {
        guard width > 0, height > 0, width <= Int(UInt32.max), height <= Int(UInt32.max),
              gray.count == width * height
        else { return [] }
        return lock.withLock { _ in
            guard let image = zbar.imageCreate() else { return [] }
            defer { zbar.imageDestroy(image) }
            zbar.imageSetFormat(image, Self.y800)
            zbar.imageSetSize(image, UInt32(width), UInt32(height))
            return gray.withUnsafeBytes { buffer -> [ScannedCode] in
                // The buffer outlives the scan: the image is destroyed before withUnsafeBytes returns,
                // and the nil cleanup handler tells zbar not to free it.
                zbar.imageSetData(image, buffer.baseAddress, UInt(buffer.count), nil)
                guard zbar.scanImage(scanner, image) > 0 else { return [] }
                var codes: [ScannedCode] = []
                var symbol = zbar.imageFirstSymbol(image)
                while let current = symbol {
                    if let code = code(of: current) { codes.append(code) }
                    symbol = zbar.symbolNext(current)
                }
                zbar.imageSetData(image, nil, 0, nil)
                return codes
            }
        }
    }

    /// fourcc 'Y800': 8-bit grayscale.
    private static let y800: UInt = 0x3030_3859

    private func code(of symbol: OpaquePointer) -> ScannedCode? {
        guard let symbology = Symbology(zbarType: zbar.symbolGetType(symbol)),
              let data = zbar.symbolGetData(symbol)
        else { return nil }
        let length = Int(zbar.symbolGetDataLength(symbol))
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
