import Foundation
import Logging
import Prometheus
import StandDrivers

extension ControlServer {
    /// The group the control socket belongs to on an installed stand.
    public static let standGroup = "stand"

    /// Opens the control socket the configuration names for `appliance`, with the process's
    /// metrics. A socket that cannot be opened is logged and left out: the stand sells without it.
    public static func open(for appliance: StandAppliance, configuration: StandConfiguration, logger: Logger) -> ControlServer? {
        open(for: appliance, configuration: configuration, socketPath: configuration.controlSocketPath,
             group: UnixGroup.exists(standGroup) ? standGroup : nil, metricsAddress: configuration.metricsAddress, logger: logger)
    }

    /// `standd --simulate`'s control socket: `control.sock` in the data directory, the user's own
    /// group, no TCP metrics listener.
    public static func openForSimulator(_ appliance: StandAppliance, configuration: StandConfiguration, logger: Logger) -> ControlServer? {
        open(for: appliance, configuration: configuration,
             socketPath: (configuration.dataDirectory as NSString).appendingPathComponent("control.sock"),
             group: nil, metricsAddress: nil, logger: logger)
    }

    private static func open(for appliance: StandAppliance, configuration: StandConfiguration, socketPath: String, group: String?,
                             metricsAddress: MetricsAddress?, logger: Logger) -> ControlServer? {
        let startedAt = ContinuousClock.now
        let dataDirectory = configuration.dataDirectory
        var controlLogger = logger
        controlLogger[metadataKey: "component"] = "control"
        let server = ControlServer(socketPath: socketPath, group: group, metricsAddress: metricsAddress,
                                   registry: StandMetrics.bootstrap(), logger: controlLogger) {
            await StandStatus.read(from: appliance, dataDirectory: dataDirectory, startedAt: startedAt)
        }
        do {
            try server.start()
            return server
        } catch {
            controlLogger.error("control socket not opened: standctl status and /metrics are unavailable",
                                metadata: ["socket": "\(socketPath)", "error": "\(error)"])
            return nil
        }
    }
}
