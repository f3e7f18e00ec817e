import Foundation
import Synchronization

/// A thread that runs a blocking read loop until asked to stop, so polling a device never holds
/// one of Swift's few cooperative threads. `stop()` waits until the loop has returned.
final class InputReaderThread: Sendable {
    private struct Finish {
        var done = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let stopRequested = Atomic<Bool>(false)
    private let finish = Mutex(Finish())

    /// Starts `loop` on a new thread; the loop checks its argument and returns when it is true.
    init(name: String, loop: @escaping @Sendable (_ shouldStop: @Sendable () -> Bool) -> Void) {
        let thread = Thread { [self] in
            loop { self.stopRequested.load(ordering: .relaxed) }
            let waiters = finish.withLock { state in
                state.done = true
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = name
        thread.start()
    }

    /// Asks the loop to stop and returns once it has.
    func stop() async {
        stopRequested.store(true, ordering: .relaxed)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyDone = finish.withLock { state in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if alreadyDone { continuation.resume() }
        }
    }
}
