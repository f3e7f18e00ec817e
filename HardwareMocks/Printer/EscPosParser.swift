import StandHardware

/// Splits an ESC/POS job into commands, checking every parameter. A byte sequence that is not a
/// command the virtual printer knows is rejected with its offset: unknown commands are bugs to
/// find, not bytes to skip.
struct EscPosParser {
    /// A command and the bytes it occupies in the job.
    struct Parsed: Hashable, Sendable {
        let command: EscPosCommand
        let offset: Int
        /// The offset just past the command.
        let end: Int
    }

    private static let esc: UInt8 = 0x1B, gs: UInt8 = 0x1D, dle: UInt8 = 0x10

    static func parse(_ job: [UInt8]) throws(EscPosRejection) -> [Parsed] {
        var parser = EscPosParser(job: job)
        var result: [Parsed] = []
        while parser.position < job.count {
            let start = parser.position
            let command = try parser.next()
            result.append(Parsed(command: command, offset: start, end: parser.position))
        }
        return result
    }

    private let job: [UInt8]
    private var position = 0
    /// Where the command being read starts.
    private var start = 0

    private init(job: [UInt8]) { self.job = job }

    private func reject(_ reason: String) -> EscPosRejection {
        EscPosRejection(offset: start, bytes: job[start..<min(job.count, max(position, start + 1) + 2)], reason: reason)
    }

    private mutating func byte(_ what: String) throws(EscPosRejection) -> UInt8 {
        guard position < job.count else { throw reject("the job ends inside the command (\(what) missing)") }
        defer { position += 1 }
        return job[position]
    }

    private mutating func bytes(_ count: Int, _ what: String) throws(EscPosRejection) -> [UInt8] {
        guard count <= job.count - position else {
            throw reject("the job ends inside the command (\(count) bytes of \(what) announced, \(job.count - position) left)")
        }
        defer { position += count }
        return Array(job[position..<position + count])
    }

    private mutating func next() throws(EscPosRejection) -> EscPosCommand {
        start = position
        let first = try byte("command")
        switch first {
        case 0x0A: return .lineFeed
        case 0x0D: return .carriageReturn
        case Self.esc: return try escape()
        case Self.gs: return try groupSeparator()
        case Self.dle:
            guard try byte("EOT") == 0x04 else { throw reject("unknown command DLE \(hex(job[position - 1]))") }
            let n = try byte("n")
            guard let request = StatusRequest(rawValue: n) else { throw reject("DLE EOT \(n): only status requests 1…4 exist") }
            return .statusRequest(request)
        case 0x20...0xFF where first != 0x7F:
            return .character(first)
        default:
            throw reject("unknown control byte \(hex(first))")
        }
    }

    private mutating func escape() throws(EscPosRejection) -> EscPosCommand {
        let code = try byte("ESC command letter")
        switch code {
        case 0x40: return .initialize
        case 0x52:
            let n = try byte("n")
            guard n <= 17 else { throw reject("ESC R \(n): international sets are 0…17") }
            return .internationalSet(n)
        case 0x74:
            let n = try byte("n")
            guard let page = CodePage(escPosNumber: n) else {
                throw reject("ESC t \(n): code table \(n) is not one the stand maps (0 CP437, 16 WPC1252, 18 CP852, 19 CP858)")
            }
            return .codePage(page)
        case 0x45: return .bold(try byte("n") & 1 == 1)
        case 0x2D:
            let n = try byte("n")
            switch n {
            case 0, 48: return .underline(0)
            case 1, 49: return .underline(1)
            case 2, 50: return .underline(2)
            default: throw reject("ESC - \(n): underline is 0, 1 or 2")
            }
        case 0x21: return .printMode(try byte("n"))
        case 0x61:
            let n = try byte("n")
            switch n {
            case 0, 48: return .alignment(.left)
            case 1, 49: return .alignment(.center)
            case 2, 50: return .alignment(.right)
            default: throw reject("ESC a \(n): alignment is 0, 1 or 2")
            }
        case 0x64: return .feedLines(Int(try byte("n")))
        case 0x4A: return .feedDots(Int(try byte("n")))
        case 0x32: return .lineSpacing(nil)
        case 0x33: return .lineSpacing(Int(try byte("n")))
        case 0x70:
            let pin = try byte("m")
            guard [0, 1, 48, 49].contains(pin) else { throw reject("ESC p \(pin): the drawer pin is 0 or 1") }
            let on = Int(try byte("t1")), off = Int(try byte("t2"))
            return .drawerKick(pin: pin % 48, onMilliseconds: on * 2, offMilliseconds: off * 2)
        default:
            throw reject("unknown command ESC \(hex(code))")
        }
    }

    private mutating func groupSeparator() throws(EscPosRejection) -> EscPosCommand {
        let code = try byte("GS command letter")
        switch code {
        case 0x21:
            let n = try byte("n")
            let width = Int(n >> 4) + 1, height = Int(n & 0x0F) + 1
            guard width <= 8, height <= 8 else { throw reject("GS ! \(hex(n)): width and height are 1…8") }
            return .characterSize(width: width, height: height)
        case 0x28:
            guard try byte("k") == 0x6B else { throw reject("unknown command GS ( \(hex(job[position - 1]))") }
            return try qrFunction()
        case 0x68:
            let n = try byte("n")
            guard n >= 1 else { throw reject("GS h 0: the barcode height is 1…255 dots") }
            return .barcodeHeight(Int(n))
        case 0x77:
            let n = try byte("n")
            guard (1...6).contains(n) else { throw reject("GS w \(n): the barcode module width is 1…6") }
            return .barcodeModuleWidth(Int(n))
        case 0x48:
            let n = try byte("n")
            guard n <= 3 || (48...51).contains(n) else { throw reject("GS H \(n): the text position is 0…3") }
            return .barcodeTextPosition(Int(n % 48))
        case 0x66: return .barcodeFont(try byte("n"))
        case 0x6B: return try barcode()
        case 0x76:
            guard try byte("0") == 0x30 else { throw reject("unknown command GS v \(hex(job[position - 1])) (only GS v 0 exists)") }
            return try raster()
        case 0x56:
            let m = try byte("m")
            switch m {
            case 0, 48: return .cut(partial: false, feed: 0)
            case 1, 49: return .cut(partial: true, feed: 0)
            case 65, 66: return .cut(partial: m == 66, feed: Int(try byte("n")))
            default: throw reject("GS V \(m): the cut mode is 0, 1, 48, 49, 65 or 66")
            }
        default:
            throw reject("unknown command GS \(hex(code))")
        }
    }

    private mutating func qrFunction() throws(EscPosRejection) -> EscPosCommand {
        let length = Int(try byte("pL")) | Int(try byte("pH")) << 8
        guard length >= 2 else { throw reject("GS ( k with a parameter length of \(length)") }
        let parameters = try bytes(length, "GS ( k parameters")
        let cn = parameters[0], fn = parameters[1]
        guard cn == 49 else { throw reject("GS ( k symbol \(cn): only QR codes (cn 49) are supported") }
        let rest = Array(parameters[2...])
        switch (fn, rest.count) {
        case (65, 2):
            guard [49, 50, 51].contains(rest[0]) else { throw reject("GS ( k QR model \(rest[0]): models are 49, 50, 51") }
            return .qrModel(rest[0])
        case (67, 1):
            guard (1...16).contains(rest[0]) else { throw reject("GS ( k QR module size \(rest[0]): sizes are 1…16") }
            return .qrModuleSize(Int(rest[0]))
        case (69, 1):
            guard let level = QRErrorCorrection(escPosNumber: rest[0]) else {
                throw reject("GS ( k QR error correction \(rest[0]): levels are 48…51")
            }
            return .qrErrorCorrection(level)
        case (80, let count) where count >= 1:
            guard rest[0] == 48 else { throw reject("GS ( k QR store with m = \(rest[0]), not 48") }
            return .qrStore(Array(rest[1...]))
        case (81, 1):
            guard rest[0] == 48 else { throw reject("GS ( k QR print with m = \(rest[0]), not 48") }
            return .qrPrint
        default:
            throw reject("GS ( k QR function \(fn) with \(rest.count) parameter bytes is not supported")
        }
    }

    private mutating func barcode() throws(EscPosRejection) -> EscPosCommand {
        let m = try byte("m")
        switch m {
        case 0...6:
            // Function A: the data ends with NUL.
            var data: [UInt8] = []
            while true {
                let b = try byte("NUL ending the barcode data")
                if b == 0 { break }
                data.append(b)
            }
            let typeB: [UInt8] = [65, 66, 67, 68, 69, 70, 71]
            return .barcode(type: typeB[Int(m)], data: data)
        case 65...73:
            let n = Int(try byte("n"))
            guard n >= 1 else { throw reject("GS k \(m) with no data") }
            return .barcode(type: m, data: try bytes(n, "barcode data"))
        default:
            throw reject("GS k \(m): barcode systems are 0…6 and 65…73")
        }
    }

    private mutating func raster() throws(EscPosRejection) -> EscPosCommand {
        let m = try byte("m")
        guard m <= 3 || (48...51).contains(m) else { throw reject("GS v 0 \(m): the mode is 0…3") }
        let widthBytes = Int(try byte("xL")) | Int(try byte("xH")) << 8
        let height = Int(try byte("yL")) | Int(try byte("yH")) << 8
        guard widthBytes >= 1, height >= 1 else { throw reject("GS v 0 with an empty image (\(widthBytes) bytes × \(height) dots)") }
        let data = try bytes(widthBytes * height, "raster data")
        var bitmap = MonochromeBitmap(width: widthBytes * 8, height: height)
        for y in 0..<height {
            for x in 0..<(widthBytes * 8) where data[y * widthBytes + x / 8] & (0x80 >> UInt8(x % 8)) != 0 {
                bitmap[x, y] = true
            }
        }
        return .raster(bitmap, scale: m % 48)
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
