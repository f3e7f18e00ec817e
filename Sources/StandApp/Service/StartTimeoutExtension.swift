import Foundation

/// While a long start runs (the store migrating a big database), asks systemd every 10 s for
/// 30 s more than its start timeout, so it does not kill standd halfway.
final class StartTimeoutExtension {
    private let timer: any DispatchSourceTimer

    init(notifier: SystemdNotifier) {
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now(), repeating: .seconds(10))
        timer.setEventHandler { notifier.send(.extendTimeout(.seconds(30))) }
        timer.resume()
    }

    func end() {
        timer.cancel()
    }
}
