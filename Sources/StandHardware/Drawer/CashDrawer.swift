/// A cash drawer: a solenoid pulsed through GPIO or through the printer's kick connector, with
/// an optional open sensor. Opening and closing arrive as events when there is a sensor.
public protocol CashDrawer: Device {
    /// Pulses the solenoid; throws `.jammed` when a sensor shows it did not open.
    func openDrawer() async throws(DeviceError)
    /// Whether it is open now; nil without a sensor.
    var isOpen: Bool? { get async }
}
