#if canImport(Glibc)
import Glibc
#endif

/// Every system call of the drivers goes through here: EINTR is retried once for everyone, and
/// failures become `SystemCallError`s that name the call and the path.
enum Syscalls {
    /// Runs `body` until it does not fail with EINTR; a -1 result becomes a `SystemCallError`.
    @discardableResult
    static func retrying<T: SignedInteger>(_ call: String, _ path: String, _ body: () -> T) throws(SystemCallError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(call: call, path: path, errno: code)
        }
    }

    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) throws(SystemCallError) -> Int32 {
        try retrying("open", path) { Glibc.open(path, flags, mode) }
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    static func read(_ fd: Int32, path: String, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        try retrying("read", path) { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    static func write(_ fd: Int32, path: String, _ buffer: UnsafeRawBufferPointer) throws(SystemCallError) -> Int {
        try retrying("write", path) { Glibc.write(fd, buffer.baseAddress, buffer.count) }
    }

    /// Waits up to `milliseconds` for `events` on `fd`; returns the events that occurred (0 on timeout).
    static func poll(_ fd: Int32, path: String, events: Int16, milliseconds: Int32) throws(SystemCallError) -> Int16 {
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        let ready = try retrying("poll", path) { Glibc.poll(&descriptor, 1, milliseconds) }
        return ready == 0 ? 0 : descriptor.revents
    }

    /// An ioctl whose argument is a plain value (EVIOCGRAB's flag, I2C_SLAVE's address);
    /// `name` is the request's name for the error ("EVIOCGRAB").
    @discardableResult
    static func ioctl(_ fd: Int32, path: String, _ name: String, _ request: UInt, value: Int32) throws(SystemCallError) -> Int32 {
        try retrying("ioctl(\(name))", path) { Glibc.ioctl(fd, request, value) }
    }

    /// Sleeps the calling thread for a few microseconds (a controller's settle time).
    static func pause(microseconds: Int) {
        guard microseconds > 0 else { return }
        usleep(UInt32(microseconds))
    }

    /// An ioctl that fills or reads the buffer at `pointer` (EVIOCGNAME).
    @discardableResult
    static func ioctl(_ fd: Int32, path: String, _ name: String, _ request: UInt,
                      pointer: UnsafeMutableRawPointer) throws(SystemCallError) -> Int32 {
        try retrying("ioctl(\(name))", path) { Glibc.ioctl(fd, request, pointer) }
    }

    // MARK: - Sockets (network printers)

    static func socket(_ domain: Int32, _ type: Int32, path: String) throws(SystemCallError) -> Int32 {
        try retrying("socket", path) { Glibc.socket(domain, type, 0) }
    }

    /// Starts connecting; a non-blocking socket fails with EINPROGRESS, which the caller polls for.
    static func connect(_ fd: Int32, path: String, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) throws(SystemCallError) {
        try retrying("connect", path) { Glibc.connect(fd, address, length) }
    }

    static func setsockopt(_ fd: Int32, path: String, _ level: Int32, _ option: Int32, _ value: Int32) throws(SystemCallError) {
        var value = value
        try retrying("setsockopt", path) { Glibc.setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }

    /// The pending error of a socket (SO_ERROR): how a non-blocking connect ended.
    static func socketError(_ fd: Int32, path: String) throws(SystemCallError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        try retrying("getsockopt(SO_ERROR)", path) { Glibc.getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) }
        return value
    }

    /// Sends without raising SIGPIPE when the peer is gone (EPIPE instead).
    static func send(_ fd: Int32, path: String, _ buffer: UnsafeRawBufferPointer) throws(SystemCallError) -> Int {
        try retrying("send", path) { Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    static func recv(_ fd: Int32, path: String, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        try retrying("recv", path) { Glibc.recv(fd, buffer.baseAddress, buffer.count, 0) }
    }
}
