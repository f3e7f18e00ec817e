#if canImport(Glibc)
import Glibc
#endif

/// A gpsfake started with posix_spawn: in its own process group, so gpsfake and the gpsd it
/// starts are killed together, and with no signals blocked. (Foundation's Process passes on the
/// test runner's thread mask, which blocks SIGTERM: gpsfake could then never stop its gpsd and
/// would wait for it forever.)
final class GPSDFakeProcess {
    let pid: pid_t
    /// The exit code once the process has ended normally, -signal when a signal ended it.
    private(set) var exitCode: Int32?

    /// Starts `executable` with `arguments`, standard input and output on /dev/null and standard
    /// error into the file at `errorPath`.
    init(executable: String, arguments: [String], errorPath: String) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw GPSDTestFailure("posix_spawn \(executable): \(String(cString: strerror(result)))") }
        pid = child
    }

    deinit { kill() }

    /// Whether the process has ended (and is reaped).
    var hasExited: Bool {
        if exitCode != nil { return true }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return false }
        let signal = status & 0x7F
        exitCode = signal == 0 ? (status >> 8) & 0xFF : -signal
        return true
    }

    /// Waits up to `timeout` for the process to end; true when it did.
    func waitForExit(within timeout: Duration) async -> Bool {
        (try? await waitUntil(timeout, "gpsfake to exit") { hasExited ? true : nil }) ?? false
    }

    /// Kills the process group (gpsfake and its gpsd) unless it ended already.
    func kill() {
        guard !hasExited else { return }
        _ = Glibc.kill(-pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        exitCode = -SIGKILL
    }
}
