import Synchronization

/// Lets one job at a time talk to a printer, in arrival order. A printer driver's `print` and
/// `status` wait at suspension points (the printer taking data, a DLE EOT answer); without the
/// gate a drawer kick or a status request arriving meanwhile would land inside a receipt's
/// byte stream or steal its status answer.
public final class PrinterJobGate: Sendable {
    private struct Queue {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let queue = Mutex(Queue())

    public init() {}

    /// Waits for the printer; every `enter()` is followed by exactly one `leave()`.
    public func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = queue.withLock { queue in
                if queue.busy {
                    queue.waiting.append(continuation)
                    return false
                }
                queue.busy = true
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Hands the printer to the next waiting job.
    public func leave() {
        let next = queue.withLock { queue -> CheckedContinuation<Void, Never>? in
            guard !queue.waiting.isEmpty else {
                queue.busy = false
                return nil
            }
            return queue.waiting.removeFirst()
        }
        next?.resume()
    }
}
