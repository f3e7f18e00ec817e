import Foundation
import Synchronization

/// A loop on a thread of its own for the far side of a simulated device (the printer model
/// reading the gadget, a line sampler, the camera's frame writer), so that the side keeps pace
/// with the kernel however busy Swift's cooperative threads are. The loop asks `shouldStop()`
/// between its steps and returns when it says so.
public final class DeviceSideThread: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    /// Signalled once when the loop has returned; every waiter passes it on to the next.
    private let finished = DispatchSemaphore(value: 0)

    public init(name: String, loop: @escaping @Sendable (_ shouldStop: () -> Bool) -> Void) {
        let thread = Thread { [self] in
            loop { stopRequested.load(ordering: .relaxed) }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Asks the loop to end, without waiting for it.
    public func requestStop() {
        stopRequested.store(true, ordering: .relaxed)
    }

    /// Asks the loop to end and returns once it has. Safe to call again.
    public func stop() async {
        requestStop()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [finished] in
                finished.wait()
                finished.signal()
                continuation.resume()
            }
        }
    }
}
