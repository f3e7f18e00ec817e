import Foundation
import StandCore

/// What the operator terminal needs from the configuration.
public struct TerminalSettings: Hashable, Sendable {
    public var standID: StandID
    public var standName: String
    /// Lock after this long without a key press or scan; nil never locks by itself.
    public var autoLockAfter: TimeInterval?
    /// The named spots the operator can pick with MENU → Set location.
    public var locations: [String]
    /// Rounds the cash part of a payment to the smallest coin (CHF 0.05); nil for none.
    public var cashRounding: CashRounding?
    /// Wrong PINs in a row before PIN entry is refused for `lockoutDuration`.
    public var pinAttemptsBeforeLockout: Int
    public var lockoutDuration: TimeInterval

    public init(standID: StandID, standName: String, autoLockAfter: TimeInterval? = 5 * 60, locations: [String] = [],
                cashRounding: CashRounding? = nil, pinAttemptsBeforeLockout: Int = 5, lockoutDuration: TimeInterval = 30) {
        self.standID = standID
        self.standName = standName
        self.autoLockAfter = autoLockAfter
        self.locations = locations
        self.cashRounding = cashRounding
        self.pinAttemptsBeforeLockout = pinAttemptsBeforeLockout
        self.lockoutDuration = lockoutDuration
    }
}
