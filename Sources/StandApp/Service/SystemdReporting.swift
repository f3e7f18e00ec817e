import Foundation
import Logging

/// What standd tells systemd while the appliance runs: `READY=1` once the device supervisor
/// has made its first attempt at every configured device (the store is open and migrated
/// before the appliance exists), then `STATUS=` whenever the line changes, and the watchdog's
/// pets when `$WATCHDOG_USEC` asks for them.
public struct SystemdReporting: Sendable {
    public let appliance: StandAppliance
    public let notifier: SystemdNotifier
    private let watchdogInterval: Duration?
    private let logger: Logger
    private let environment: [String: String]

    public init(appliance: StandAppliance, notifier: SystemdNotifier, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.appliance = appliance
        self.notifier = notifier
        self.logger = logger
        self.environment = environment
        watchdogInterval = SystemdNotifier.watchdogInterval(environment: environment)
    }

    /// Call after starting the appliance's `run()`; reports until cancelled.
    public func run() async {
        await supervisorStarted()
        let line = await ServiceStatusLine.current(of: appliance).description
        notifier.send(.ready)
        notifier.send(.status(line))
        logger.notice("standd ready", metadata: ["status": "\(line)"])
        DebugFreeze.arm(appliance, environment: environment)
        await withTaskGroup(of: Void.self) { group in
            if let watchdogInterval {
                let watchdog = Watchdog(notifier: notifier, interval: watchdogInterval,
                                        probe: LivenessProbe(appliance: appliance, deadline: watchdogInterval / 2), logger: logger)
                group.addTask { await watchdog.run() }
            }
            group.addTask { [appliance, notifier] in
                var line = line
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .milliseconds(500)) } catch { return }
                    let now = await ServiceStatusLine.current(of: appliance).description
                    if now != line {
                        notifier.send(.status(now))
                        line = now
                    }
                }
            }
        }
    }

    /// Waits (at most 5 s: a device that hangs while opening must not hold the stand back)
    /// until no configured device is still in the supervisor's initial "starting".
    private func supervisorStarted() async {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            let statuses = await appliance.supervisor.snapshot()
            if !statuses.contains(where: { $0.condition == .unavailable("starting") }) { return }
            do { try await Task.sleep(for: .milliseconds(5)) } catch { return }
        }
        logger.warning("a device is still starting after 5 s; standd reports ready without it")
    }
}
