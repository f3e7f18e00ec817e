import Foundation
import StandDrivers

/// SIGTERM, SIGINT and SIGHUP (systemd stopping the unit, `kill`, Ctrl-C, the terminal closing)
/// turned into a call instead of the process dying mid-sale or with the terminal left raw.
public struct TerminationSignals {
    private let sources: [any DispatchSourceSignal]

    /// Starts watching; `handler` runs once per signal until `cancel()`. With `hangUp`, SIGHUP
    /// runs that instead (a service re-reads its configuration; it has no terminal to lose).
    public init(hangUp: (@Sendable () -> Void)? = nil, _ handler: @escaping @Sendable () -> Void) {
        sources = [SIGTERM, SIGINT, SIGHUP].map { number -> any DispatchSourceSignal in
            SignalDisposition.ignore(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: number == SIGHUP ? hangUp ?? handler : handler)
            source.resume()
            return source
        }
    }

    public func cancel() {
        for source in sources { source.cancel() }
    }
}
