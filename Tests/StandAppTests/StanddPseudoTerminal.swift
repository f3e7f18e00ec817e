import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `standd` in a pseudo-terminal, as a person at a terminal would: keys are
/// written to the master side, the screen is read back from it.
final class StanddPseudoTerminal: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let process = Process()
    private let master: Int32
    private var output: [UInt8] = []

    /// When the process was started.
    let started = ContinuousClock.now

    /// `environment` is added to this process's (systemd's NOTIFY_SOCKET, WATCHDOG_USEC …).
    init(arguments: [String], environment extra: [String: String] = [:], columns: UInt16 = 130, rows: UInt16 = 45) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw Failure(description: "openpty failed: \(String(cString: strerror(errno)))")
        }
        // Other tests spawn children meanwhile: they must not inherit the master and keep the line up.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        self.master = master
        process.executableURL = try Self.binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["TERM"] = "xterm-256color"
        process.environment = environment
        let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = slaveHandle
        process.standardOutput = slaveHandle
        process.standardError = slaveHandle
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    static func binary() throws -> URL {
        try BuiltProduct.url("standd")
    }

    /// Types `text` (each character one key press) with a pause after each key.
    func type(_ text: String, pause: Duration = .milliseconds(60)) async {
        for byte in Array(text.utf8) { await send([byte], pause: pause) }
    }

    func send(_ bytes: [UInt8], pause: Duration = .milliseconds(60)) async {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        try? await Task.sleep(for: pause)
        drain()
    }

    /// Reads what is waiting on the master side without blocking.
    func drain() {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while poll(&descriptor, 1, 0) > 0 {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            output += buffer.prefix(count)
        }
    }

    /// Everything written so far, escape sequences removed.
    var transcript: String {
        drain()
        return Self.plain(String(decoding: output, as: UTF8.self))
    }

    /// The last full redraw (the text after the last cursor-home), escape sequences removed.
    var screen: String {
        drain()
        let text = String(decoding: output, as: UTF8.self)
        let last = text.components(separatedBy: "\u{1B}[H").last ?? text
        return Self.plain(last)
    }

    /// Waits until the screen contains `text`, up to `seconds`.
    func waitFor(_ text: String, seconds: Double = 30) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if screen.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return screen.contains(text)
    }

    /// Waits for the process to end, up to `seconds`; kills it after that.
    func waitForExit(seconds: Double = 15) async -> Int32? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while process.isRunning, ContinuousClock.now < deadline {
            drain()
            try? await Task.sleep(for: .milliseconds(50))
        }
        drain()
        guard !process.isRunning else {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    /// The exit status and how long it took from now, or nil (the process killed) after `seconds`.
    func timedExit(seconds: Double = 30) async -> (status: Int32, took: Duration)? {
        let start = ContinuousClock.now
        guard let status = await waitForExit(seconds: seconds) else { return nil }
        return (status, ContinuousClock.now - start)
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Whether the terminal is in its normal (cooked) mode: line editing and echo on.
    var isCooked: Bool {
        var settings = termios()
        guard tcgetattr(master, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ICANON) != 0 && settings.c_lflag & tcflag_t(ECHO) != 0
    }

    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r", with: "")
    }
}
