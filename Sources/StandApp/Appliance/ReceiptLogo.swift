import Foundation
import StandHardware

/// The picture printed at the top of every receipt, read from a PNG or PBM file.
enum ReceiptLogo {
    /// Why a logo file cannot be printed, and what to do.
    struct LoadError: Error, CustomStringConvertible {
        let path: String
        let problem: String

        var description: String {
            "The receipt logo \(path) cannot be printed: \(problem). Use a black-and-white PNG or PBM file, or remove `logo` from [receipt]."
        }
    }

    /// Reads `path` (PNG or PBM, told apart by their first bytes) as a bitmap no wider than the paper.
    static func load(path: String, paperWidth: PaperWidth) throws(LoadError) -> MonochromeBitmap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(path: path, problem: "the file cannot be read (missing, or no permission)")
        }
        let bytes = [UInt8](data)
        let bitmap: MonochromeBitmap
        do {
            if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
                bitmap = try PNGDecoder.decode(bytes)
            } else if bytes.starts(with: Array("P1".utf8)) || bytes.starts(with: Array("P4".utf8)) {
                bitmap = try PBMCodec.decode(bytes)
            } else {
                throw LoadError(path: path, problem: "it is neither a PNG nor a PBM file")
            }
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(path: path, problem: "\(error)")
        }
        guard bitmap.width <= paperWidth.dots else {
            throw LoadError(path: path, problem: "it is \(bitmap.width) dots wide and the \(paperWidth.rawValue) paper takes \(paperWidth.dots); scale it down")
        }
        guard bitmap.width > 0, bitmap.height > 0 else { throw LoadError(path: path, problem: "it is empty") }
        return bitmap
    }
}
