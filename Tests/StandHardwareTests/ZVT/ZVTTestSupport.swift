@testable import StandHardware

/// Bytes written as spaced hex, the way traces and the specification show them: "10 02 80 00 00".
func hex(_ text: String) -> [UInt8] {
    text.split(separator: " ").map { UInt8($0, radix: 16)! }
}

/// The error a throwing call ends with, or nil when it returns.
func zvtError<T>(_ body: () throws -> T) -> ZVTError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? ZVTError
    }
}

/// Every item a reader makes of `bytes`, fed in pieces cut at `cuts`.
func readAll(_ bytes: [UInt8], cuts: [Int] = []) -> [ZVTFrameReader.Item] {
    var reader = ZVTFrameReader()
    var items: [ZVTFrameReader.Item] = []
    var start = 0
    for end in cuts.sorted() + [bytes.count] where end >= start {
        reader.feed(bytes[start..<end])
        while let item = reader.next() { items.append(item) }
        start = end
    }
    return items
}

/// A small seeded generator (SplitMix64), so a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
