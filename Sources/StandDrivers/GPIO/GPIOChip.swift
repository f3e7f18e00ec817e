import CGPIOD
#if canImport(Glibc)
import Glibc
#endif

/// An open GPIO chip (`/dev/gpiochipN` or its name/label), libgpiod 1.6. Closed exactly once,
/// after every line taken from it: lines hold their chip.
final class GPIOChip: @unchecked Sendable {
    // The chip pointer is only used under the owning drawer's lock.
    let handle: OpaquePointer
    let name: String

    init(_ name: String) throws(SystemCallError) {
        guard let chip = gpiod_chip_open_lookup(name) else {
            throw SystemCallError(call: "gpiod_chip_open_lookup", path: name, errno: errno)
        }
        handle = chip
        self.name = name
    }

    deinit {
        gpiod_chip_close(handle)
    }

    /// Line `offset` of this chip, not yet requested.
    func line(_ offset: Int) throws(SystemCallError) -> GPIOLine {
        guard let line = gpiod_chip_get_line(handle, UInt32(offset)) else {
            throw SystemCallError(call: "gpiod_chip_get_line(\(offset))", path: name, errno: errno)
        }
        return GPIOLine(chip: self, handle: line, offset: offset)
    }
}

/// One line of a chip, requested as an output or for edge events, released once.
final class GPIOLine: @unchecked Sendable {
    private let chip: GPIOChip
    private let handle: OpaquePointer
    let offset: Int
    private var requested = false

    fileprivate init(chip: GPIOChip, handle: OpaquePointer, offset: Int) {
        self.chip = chip
        self.handle = handle
        self.offset = offset
    }

    deinit {
        release()
    }

    private var path: String { "\(chip.name) line \(offset)" }

    func requestOutput(consumer: String, activeLow: Bool) throws(SystemCallError) {
        let flags = activeLow ? Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) : 0
        guard gpiod_line_request_output_flags(handle, consumer, flags, 0) == 0 else {
            throw SystemCallError(call: "gpiod_line_request_output", path: path, errno: errno)
        }
        requested = true
    }

    func requestEdges(consumer: String, activeLow: Bool) throws(SystemCallError) {
        let flags = activeLow ? Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) : 0
        guard gpiod_line_request_both_edges_events_flags(handle, consumer, flags) == 0 else {
            throw SystemCallError(call: "gpiod_line_request_both_edges_events", path: path, errno: errno)
        }
        requested = true
    }

    func set(_ active: Bool) throws(SystemCallError) {
        guard gpiod_line_set_value(handle, active ? 1 : 0) == 0 else {
            throw SystemCallError(call: "gpiod_line_set_value", path: path, errno: errno)
        }
    }

    func value() throws(SystemCallError) -> Bool {
        let value = gpiod_line_get_value(handle)
        guard value >= 0 else { throw SystemCallError(call: "gpiod_line_get_value", path: path, errno: errno) }
        return value == 1
    }

    /// Waits up to `milliseconds` for an edge; returns whether one is ready to read.
    func waitForEdge(milliseconds: Int) throws(SystemCallError) -> Bool {
        var timeout = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        let result = gpiod_line_event_wait(handle, &timeout)
        guard result >= 0 else { throw SystemCallError(call: "gpiod_line_event_wait", path: path, errno: errno) }
        return result == 1
    }

    /// Reads one pending edge: true for rising (becoming active).
    func readEdge() throws(SystemCallError) -> Bool {
        var event = gpiod_line_event()
        guard gpiod_line_event_read(handle, &event) == 0 else {
            throw SystemCallError(call: "gpiod_line_event_read", path: path, errno: errno)
        }
        return event.event_type == Int32(GPIOD_LINE_EVENT_RISING_EDGE)
    }

    /// Gives the line back to the kernel; idempotent.
    func release() {
        guard requested else { return }
        requested = false
        gpiod_line_release(handle)
    }
}
