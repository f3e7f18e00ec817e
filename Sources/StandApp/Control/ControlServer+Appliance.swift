import Foundation
import Logging
import Prometheus

extension ControlServer {
    /// The group the control socket belongs to on an installed stand.
    public static let standGroup = "stand"

    /// Opens the control socket the configuration names for `appliance`, with the process's
    /// metrics. A socket that cannot be opened is logged and left out: the stand sells without it.
    public static func open(for appliance: StandAppliance, configuration: StandConfiguration, logger: Logger) -> ControlServer? {
        let startedAt = ContinuousClock.now
        let dataDirectory = configuration.dataDirectory
        var controlLogger = logger
        controlLogger[metadataKey: "component"] = "control"
        let server = ControlServer(socketPath: configuration.controlSocketPath,
                                   group: getgrnam(standGroup) == nil ? nil : standGroup,
                                   metricsAddress: configuration.metricsAddress, registry: StandMetrics.bootstrap(),
                                   logger: controlLogger) {
            await StandStatus.read(from: appliance, dataDirectory: dataDirectory, startedAt: startedAt)
        }
        do {
            try server.start()
            return server
        } catch {
            controlLogger.error("control socket not opened: standctl status and /metrics are unavailable",
                                metadata: ["socket": "\(configuration.controlSocketPath)", "error": "\(error)"])
            return nil
        }
    }
}
