#if canImport(Glibc)
import Glibc
#endif
import CZBar
import StandHardware
import Synchronization

/// libzbar's functions, looked up when a camera scanner or a picture decode first needs them.
///
/// standd does not link libzbar: the library brings sixteen others into the process (X11, D-Bus,
/// V4L, libjpeg, libgcrypt, …), about 1.8 MiB of an idle stand's memory, and a stand whose scanner
/// is a keyboard wedge never uses any of it. Without libzbar0 installed, only the camera scanner
/// and `standctl scan` fail, saying what to install; the stand sells.
///
/// The signatures follow `<zbar.h>` of zbar 0.23 (Debian 12 has 0.23.92); the CZBar module gives
/// the types and constants, not the symbols.
struct ZBarLibrary: Sendable {
    static let soname = "libzbar.so.0"

    let imageScannerCreate: @Sendable @convention(c) () -> OpaquePointer?
    let imageScannerDestroy: @Sendable @convention(c) (OpaquePointer?) -> Void
    let imageScannerSetConfig: @Sendable @convention(c) (OpaquePointer?, zbar_symbol_type_t, zbar_config_t, Int32) -> Int32
    let scanImage: @Sendable @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    let imageCreate: @Sendable @convention(c) () -> OpaquePointer?
    let imageDestroy: @Sendable @convention(c) (OpaquePointer?) -> Void
    let imageConvert: @Sendable @convention(c) (OpaquePointer?, UInt) -> OpaquePointer?
    let imageSetFormat: @Sendable @convention(c) (OpaquePointer?, UInt) -> Void
    let imageSetSize: @Sendable @convention(c) (OpaquePointer?, UInt32, UInt32) -> Void
    let imageSetData: @Sendable @convention(c) (OpaquePointer?, UnsafeRawPointer?, UInt,
                                                  (@convention(c) (OpaquePointer?) -> Void)?) -> Void
    let imageGetFormat: @Sendable @convention(c) (OpaquePointer?) -> UInt
    let imageGetWidth: @Sendable @convention(c) (OpaquePointer?) -> UInt32
    let imageGetHeight: @Sendable @convention(c) (OpaquePointer?) -> UInt32
    let imageGetData: @Sendable @convention(c) (OpaquePointer?) -> UnsafeRawPointer?
    let imageGetDataLength: @Sendable @convention(c) (OpaquePointer?) -> UInt
    let imageFirstSymbol: @Sendable @convention(c) (OpaquePointer?) -> OpaquePointer?
    let symbolNext: @Sendable @convention(c) (OpaquePointer?) -> OpaquePointer?
    let symbolGetType: @Sendable @convention(c) (OpaquePointer?) -> zbar_symbol_type_t
    let symbolGetData: @Sendable @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let symbolGetDataLength: @Sendable @convention(c) (OpaquePointer?) -> UInt32
    let videoCreate: @Sendable @convention(c) () -> OpaquePointer?
    let videoDestroy: @Sendable @convention(c) (OpaquePointer?) -> Void
    let videoOpen: @Sendable @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let videoInit: @Sendable @convention(c) (OpaquePointer?, UInt) -> Int32
    let videoEnable: @Sendable @convention(c) (OpaquePointer?, Int32) -> Int32
    let videoGetFD: @Sendable @convention(c) (OpaquePointer?) -> Int32
    let videoNextImage: @Sendable @convention(c) (OpaquePointer?) -> OpaquePointer?
    /// `_zbar_error_string`, which the header's inline `zbar_video_error_string` calls.
    let errorString: @Sendable @convention(c) (UnsafeRawPointer?, Int32) -> UnsafePointer<CChar>?

    private static let loaded = Mutex<ZBarLibrary?>(nil)

    /// The process's libzbar, opened on first use. A failed attempt is not remembered, so a stand
    /// picks the library up once it is installed.
    static func shared() throws(ZBarLibraryError) -> ZBarLibrary {
        try loaded.withLock { (library: inout ZBarLibrary?) throws(ZBarLibraryError) -> ZBarLibrary in
            if let library { return library }
            let opened = try open(soname)
            library = opened
            return opened
        }
    }

    /// Opens `name` with the dynamic loader and looks up every function; the handle stays open for
    /// the process's life.
    static func open(_ name: String) throws(ZBarLibraryError) -> ZBarLibrary {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            throw .notInstalled(library: name, detail: loaderMessage())
        }
        do {
            return try ZBarLibrary(symbols: Symbols(library: name, handle: handle))
        } catch {
            dlclose(handle)
            throw error
        }
    }

    private init(symbols: Symbols) throws(ZBarLibraryError) {
        imageScannerCreate = try symbols.function("zbar_image_scanner_create")
        imageScannerDestroy = try symbols.function("zbar_image_scanner_destroy")
        imageScannerSetConfig = try symbols.function("zbar_image_scanner_set_config")
        scanImage = try symbols.function("zbar_scan_image")
        imageCreate = try symbols.function("zbar_image_create")
        imageDestroy = try symbols.function("zbar_image_destroy")
        imageConvert = try symbols.function("zbar_image_convert")
        imageSetFormat = try symbols.function("zbar_image_set_format")
        imageSetSize = try symbols.function("zbar_image_set_size")
        imageSetData = try symbols.function("zbar_image_set_data")
        imageGetFormat = try symbols.function("zbar_image_get_format")
        imageGetWidth = try symbols.function("zbar_image_get_width")
        imageGetHeight = try symbols.function("zbar_image_get_height")
        imageGetData = try symbols.function("zbar_image_get_data")
        imageGetDataLength = try symbols.function("zbar_image_get_data_length")
        imageFirstSymbol = try symbols.function("zbar_image_first_symbol")
        symbolNext = try symbols.function("zbar_symbol_next")
        symbolGetType = try symbols.function("zbar_symbol_get_type")
        symbolGetData = try symbols.function("zbar_symbol_get_data")
        symbolGetDataLength = try symbols.function("zbar_symbol_get_data_length")
        videoCreate = try symbols.function("zbar_video_create")
        videoDestroy = try symbols.function("zbar_video_destroy")
        videoOpen = try symbols.function("zbar_video_open")
        videoInit = try symbols.function("zbar_video_init")
        videoEnable = try symbols.function("zbar_video_enable")
        videoGetFD = try symbols.function("zbar_video_get_fd")
        videoNextImage = try symbols.function("zbar_video_next_image")
        errorString = try symbols.function("_zbar_error_string")
    }

    /// The loader's last error, or a plain phrase when it has none.
    private static func loaderMessage() -> String {
        dlerror().map { String(cString: $0) } ?? "the dynamic loader gave no reason"
    }

    private struct Symbols {
        let library: String
        let handle: UnsafeMutableRawPointer

        func function<Function>(_ name: String) throws(ZBarLibraryError) -> Function {
            guard let address = dlsym(handle, name) else {
                throw .missingFunction(name, library: library, detail: ZBarLibrary.loaderMessage())
            }
            return unsafeBitCast(address, to: Function.self)
        }
    }
}

/// Why libzbar could not be used.
public enum ZBarLibraryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The loader did not find or could not load the library.
    case notInstalled(library: String, detail: String)
    /// The library lacks a function StandKit calls (an old or stripped-down zbar).
    case missingFunction(String, library: String, detail: String)

    public var description: String {
        switch self {
        case let .notInstalled(library, detail):
            "zbar, which decodes barcodes in camera pictures, is not installed (\(library): \(detail)). "
                + "Install it with `sudo apt install libzbar0`; the stand picks it up without a restart."
        case let .missingFunction(name, library, detail):
            "The installed zbar is too old: \(library) has no \(name) (\(detail)). "
                + "Install zbar 0.23 or later (`sudo apt install libzbar0`)."
        }
    }
}

extension ZBarLibraryError {
    /// The error as the camera scanner reports it.
    var deviceError: DeviceError {
        switch self {
        case let .notInstalled(library, detail):
            DeviceError(code: .unsupported, summary: "The camera scanner cannot read barcodes: zbar is not installed.",
                        action: "Install it with `sudo apt install libzbar0`; the stand picks it up by itself.",
                        detail: "\(library): \(detail)")
        case let .missingFunction(name, library, detail):
            DeviceError(code: .unsupported, summary: "The camera scanner cannot read barcodes: the installed zbar is too old.",
                        action: "Install zbar 0.23 or later (`sudo apt install libzbar0`).",
                        detail: "\(library) has no \(name): \(detail)")
        }
    }
}
