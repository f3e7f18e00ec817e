#if canImport(Glibc)
import Glibc
#endif

/// What the process does when a signal arrives, below the dispatch sources that watch for it.
public enum SignalDisposition {
    /// The signal no longer stops the process, so a dispatch source can turn it into a call.
    public static func ignore(_ number: Int32) {
        _ = Glibc.signal(number, SIG_IGN)
    }
}
