import HardwareMocks

/// The faults and hand actions the simulator's keys inject.
public enum SimulatorFault: Hashable, Sendable {
    /// The paper runs out in the middle of the next receipt / a new roll is loaded.
    case togglePaper
    case toggleCover
    /// The printer's cable is pulled / plugged back in.
    case togglePrinterCable
    case toggleCardTerminalCable
    /// The next card payment ends this way.
    case nextCard(ZVTScriptedOutcome)
    /// The drawer sticks / is freed.
    case toggleDrawerJam
    /// The operator pushes the drawer shut.
    case shutDrawer
}
