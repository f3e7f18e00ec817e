import Logging

/// SIGHUP's work on a running stand: reads the configuration file again, applies at once what
/// the stand can take while it sells (receipt header, footer and logo; the log level) and logs
/// the settings that wait for a restart. A file that cannot be used changes nothing.
actor ConfigurationReloader {
    private let path: String
    private let appliance: StandAppliance
    private let threshold: LogThreshold
    private let logger: Logger
    /// What runs now: the start's configuration with the settings applied since.
    private(set) var running: StandConfiguration

    init(path: String, running: StandConfiguration, appliance: StandAppliance, threshold: LogThreshold, logger: Logger) {
        self.path = path
        self.running = running
        self.appliance = appliance
        self.threshold = threshold
        self.logger = logger
    }

    func reload() async {
        switch ConfigurationReload.check(path: path, running: running) {
        case .unchanged:
            logger.notice("SIGHUP: the configuration is unchanged", metadata: ["config": "\(path)"])
        case .unreadable(let problem):
            logger.error("SIGHUP: the configuration cannot be used; standd keeps running with the one it has",
                         metadata: ["config": "\(path)", "problem": "\(problem)"])
        case .changed(let live, let applied, let waiting):
            if !applied.isEmpty { await apply(live, applied) }
            if !waiting.isEmpty {
                logger.warning("SIGHUP: restart needed to apply the rest of the changed configuration (systemctl restart standd)",
                               metadata: ["config": "\(path)", "changed": "\(waiting.joined(separator: ","))"])
            }
        }
    }

    private func apply(_ live: StandConfiguration, _ applied: [String]) async {
        let format: ReceiptFormat
        do {
            format = try ReceiptFormat(configuration: live)
        } catch {
            logger.error("SIGHUP: the new receipt logo cannot be used; nothing was applied, fix it and send SIGHUP again",
                         metadata: ["config": "\(path)", "problem": "\(error)"])
            return
        }
        await appliance.useReceiptFormat(format)
        threshold.set(live.logLevel)
        running = live
        // Written even when the new level leaves notices out: the change itself must show.
        logger.log(level: max(.notice, live.logLevel), "SIGHUP: applied the changed configuration", metadata: ["config": "\(path)", "applied": "\(applied.joined(separator: ","))"])
    }
}
