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
