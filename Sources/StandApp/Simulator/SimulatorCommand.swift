import StandHardware

/// What a keystroke does in the simulator: a key of the stand's keypad, a fault injected into a
/// virtual device, or a simulator control.
public enum SimulatorCommand: Hashable, Sendable {
    case key(Key)
    case fault(SimulatorFault)
    /// Ask for a code to scan (typed, Enter sends it).
    case startScan
    case quit
}
