import StandHardware

/// What the supervisor hands the appliance: every event of every device, tagged with its kind,
/// and every change of a device's status.
public enum SupervisorEvent: Hashable, Sendable {
    case device(DeviceKind, DeviceEvent)
    case status(DeviceStatus)
}
