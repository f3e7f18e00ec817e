import Logging

/// Pets systemd's watchdog every `interval` (half of `$WATCHDOG_USEC`) while the probe says the
/// stand is alive; when it stops answering the pets stop and systemd restarts the service.
public struct Watchdog: Sendable {
    public let notifier: SystemdNotifier
    public let interval: Duration
    public let probe: LivenessProbe
    private let logger: Logger

    public init(notifier: SystemdNotifier, interval: Duration, probe: LivenessProbe, logger: Logger) {
        self.notifier = notifier
        self.interval = interval
        self.probe = probe
        self.logger = logger
    }

    /// Runs until cancelled.
    public func run() async {
        let clock = ContinuousClock()
        var next = clock.now
        var alive = true
        while !Task.isCancelled {
            next += interval
            let answered = await probe.isAlive()
            if answered {
                notifier.send(.watchdog)
                if !alive { logger.notice("the stand answers again: watchdog pets resumed") }
            } else if alive {
                logger.critical("the stand does not answer (its main loop or the store): no watchdog pets until it does; systemd restarts standd when they stay away for WatchdogSec")
            }
            alive = answered
            do { try await clock.sleep(until: next) } catch { return }
        }
    }
}
