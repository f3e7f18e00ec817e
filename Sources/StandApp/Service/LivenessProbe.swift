import StandStore
import Synchronization

/// Whether the stand still works: the appliance's actor takes a call and the store answers a
/// read, both within `deadline`. A hung main loop or a stuck database fails it.
public struct LivenessProbe: Sendable {
    public let appliance: StandAppliance
    public let deadline: Duration

    public init(appliance: StandAppliance, deadline: Duration) {
        self.appliance = appliance
        self.deadline = deadline
    }

    public func isAlive() async -> Bool {
        let appliance = appliance
        return await Self.answers(within: deadline) {
            await appliance.ping()
            do { try appliance.store.answersTrivialRead() } catch { return false }
            return true
        }
    }

    /// `body`'s answer, or false when it has not answered within `deadline` (the body is then
    /// left to finish, or never, on its own: a frozen actor cannot be interrupted).
    static func answers(within deadline: Duration, _ body: @escaping @Sendable () async -> Bool) async -> Bool {
        let answer = Answer()
        return await withCheckedContinuation { continuation in
            answer.wait(continuation)
            Task { answer.give(await body()) }
            Task {
                try? await Task.sleep(for: deadline)
                answer.give(false)
            }
        }
    }

    /// The first of the two answers wins.
    private final class Answer: Sendable {
        private let continuation = Mutex<CheckedContinuation<Bool, Never>?>(nil)

        func wait(_ continuation: CheckedContinuation<Bool, Never>) {
            self.continuation.withLock { $0 = continuation }
        }

        func give(_ value: Bool) {
            continuation.withLock { $0.take() }?.resume(returning: value)
        }
    }
}

extension StandAppliance {
    /// Returns as soon as the actor takes the call.
    func ping() {}
}
