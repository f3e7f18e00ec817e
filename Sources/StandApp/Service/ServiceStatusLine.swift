import StandHardware
import StandStore

/// The one line `systemctl status` shows for standd: what the stand is doing, each configured
/// device and the sales the fleet has not taken yet —
/// "selling · printer ok · card terminal missing · 14 sales waiting to sync".
public struct ServiceStatusLine: Hashable, Sendable, CustomStringConvertible {
    public let locked: Bool
    public let devices: [DeviceStatus]
    public let salesWaitingToSync: Int

    public init(locked: Bool, devices: [DeviceStatus], salesWaitingToSync: Int) {
        self.locked = locked
        self.devices = devices
        self.salesWaitingToSync = salesWaitingToSync
    }

    /// The appliance's line now (no sales counted when the store does not answer).
    public static func current(of appliance: StandAppliance) async -> ServiceStatusLine {
        let locked = await appliance.terminalState == .locked
        let devices = await appliance.supervisor.snapshot()
        let waiting = (try? appliance.store.salesWaitingToSync()) ?? 0
        return ServiceStatusLine(locked: locked, devices: devices, salesWaitingToSync: waiting)
    }

    public var description: String {
        var parts = [locked ? "locked, waiting for an operator's PIN" : "selling"]
        for status in devices {
            switch status.condition {
            case .notConfigured: continue
            case .ready: parts.append("\(status.kind) ok")
            case .warning(let text): parts.append("\(status.kind) \(text)")
            case .unavailable(let text): parts.append("\(status.kind) \(text == "starting" ? "starting" : "missing")")
            }
        }
        if salesWaitingToSync > 0 {
            parts.append("\(salesWaitingToSync) sale\(salesWaitingToSync == 1 ? "" : "s") waiting to sync")
        }
        return parts.joined(separator: " · ")
    }
}
