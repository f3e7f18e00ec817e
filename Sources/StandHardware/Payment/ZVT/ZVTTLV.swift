/// One BER-TLV data object, as ZVT carries them inside BMP 06: a tag of one or more bytes, a
/// length (`< 0x80`, `81 xx` or `82 xx xx`), the value. A tag whose first byte has bit 0x20 set
/// is constructed: its value is more TLV objects (`children`).
public struct ZVTTLV: Hashable, Sendable {
    /// The tag bytes as read, big-endian: `0x07`, `0x1F07`.
    public let tag: UInt32
    public let value: [UInt8]

    public init(tag: UInt32, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// A constructed object holding `children`.
    public init(tag: UInt32, children: [ZVTTLV]) {
        self.init(tag: tag, value: ZVTTLV.encode(children))
    }

    /// Whether the value is itself TLV objects (bit 0x20 of the first tag byte).
    public var isConstructed: Bool {
        tagBytes[0] & 0x20 != 0
    }

    /// The objects inside a constructed tag; empty for a primitive one.
    public var children: [ZVTTLV] {
        get throws(ZVTError) {
            isConstructed ? try ZVTTLV.decode(value) : []
        }
    }

    /// The first object with `tag` among `objects`.
    public static func first(_ tag: UInt32, in objects: [ZVTTLV]) -> ZVTTLV? {
        objects.first { $0.tag == tag }
    }

    var tagBytes: [UInt8] {
        var bytes: [UInt8] = []
        var rest = tag
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest > 0
        return bytes
    }

    public static func encode(_ objects: [ZVTTLV]) -> [UInt8] {
        var bytes: [UInt8] = []
        for object in objects {
            bytes += object.tagBytes
            bytes += encodeLength(object.value.count)
            bytes += object.value
        }
        return bytes
    }

    /// Reads the objects one after another until the bytes end; each must be whole.
    public static func decode(_ bytes: some Collection<UInt8>) throws(ZVTError) -> [ZVTTLV] {
        let bytes = Array(bytes)
        var objects: [ZVTTLV] = []
        var index = 0
        while index < bytes.count {
            var tag = UInt32(bytes[index])
            let tagStart = index
            index += 1
            if bytes[tagStart] & 0x1F == 0x1F {
                // More tag bytes follow while bit 0x80 is set.
                repeat {
                    guard index < bytes.count else {
                        throw .malformedTLV("the tag at byte \(tagStart) is cut off")
                    }
                    guard index - tagStart < 4 else {
                        throw .malformedTLV("the tag at byte \(tagStart) is longer than 4 bytes")
                    }
                    tag = tag << 8 | UInt32(bytes[index])
                    index += 1
                } while bytes[index - 1] & 0x80 != 0
            }
            let length = try readLength(bytes, at: &index, of: "tag \(hex(tag))")
            guard length <= bytes.count - index else {
                throw .malformedTLV("tag \(hex(tag)) says \(length) bytes, but only \(bytes.count - index) follow")
            }
            objects.append(ZVTTLV(tag: tag, value: Array(bytes[index..<index + length])))
            index += length
        }
        return objects
    }

    /// The BER length form: one byte below 0x80, else 0x80 + the count of big-endian length bytes.
    static func encodeLength(_ length: Int) -> [UInt8] {
        guard length >= 0x80 else { return [UInt8(length)] }
        var bytes: [UInt8] = []
        var rest = length
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// Reads a BER length at `index` (ZVT uses at most two length bytes) and moves past it.
    static func readLength(_ bytes: [UInt8], at index: inout Int, of what: String) throws(ZVTError) -> Int {
        guard index < bytes.count else { throw .malformedTLV("the length of \(what) is missing") }
        let first = bytes[index]
        index += 1
        guard first & 0x80 != 0 else { return Int(first) }
        let count = Int(first & 0x7F)
        guard count == 1 || count == 2 else {
            throw .malformedTLV("the length of \(what) starts with \(ZVTHex.text(first)); ZVT uses 81 xx or 82 xx xx")
        }
        guard bytes.count - index >= count else { throw .malformedTLV("the length of \(what) is cut off") }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(bytes[index])
            index += 1
        }
        return length
    }

    static func hex(_ tag: UInt32) -> String {
        ZVTHex.packed(ZVTTLV(tag: tag, value: []).tagBytes)
    }
}
