import Foundation
import StandCore
import StandHardware

extension OperatorTerminal {
    /// Seconds until PIN entry is accepted again, or nil when it is.
    var lockoutSecondsLeft: Int? {
        guard let until = pinLockedUntil, until > now else { return nil }
        return Int(until.timeIntervalSince(now).rounded(.up))
    }

    /// Keys shared by the login and supervisor PIN screens: digits, ⌫ and CLEAR edit the PIN.
    /// Returns whether the key was such an edit.
    mutating func editPIN(_ key: Key) -> Bool {
        switch key {
        case .digit(let digit):
            if let seconds = lockoutSecondsLeft {
                message = "Too many wrong PINs - wait \(seconds) s"
            } else if pinEntry.count < 8, (0...9).contains(digit) {
                pinEntry += String(digit)
                message = nil
            }
            return true
        case .backspace:
            if !pinEntry.isEmpty { pinEntry.removeLast() }
            return true
        default:
            return false
        }
    }

    mutating func loginKey(_ key: Key) -> [TerminalAction] {
        if editPIN(key) { return [] }
        switch key {
        case .clear:
            pinEntry = ""
            message = nil
            return []
        case .enter:
            if let seconds = lockoutSecondsLeft {
                pinEntry = ""
                message = "Too many wrong PINs - wait \(seconds) s"
                return []
            }
            let pin = pinEntry
            pinEntry = ""
            guard !pin.isEmpty else { return [] }
            guard let account = operators.authenticate(pin: pin) else { return wrongPIN(at: "login") }
            currentOperator = account
            pinFailures = 0
            message = nil
            state = .ringing
            return [.log("operator \(account.id) logged in")]
        default:
            message = "Type your PIN, then ENTER"
            return []
        }
    }

    /// Counts a wrong PIN; after too many, refuses PIN entry for the lockout time.
    mutating func wrongPIN(at place: String) -> [TerminalAction] {
        pinFailures += 1
        let limit = settings.pinAttemptsBeforeLockout
        if pinFailures >= limit {
            pinLockedUntil = now.addingTimeInterval(settings.lockoutDuration)
            let seconds = Int(settings.lockoutDuration.rounded(.up))
            message = "Too many wrong PINs - wait \(seconds) s"
            return [.log("\(pinFailures) wrong PINs at \(place): PIN entry refused for \(seconds) s")]
        }
        let left = limit - pinFailures
        message = "Wrong PIN - \(left) \(left == 1 ? "try" : "tries") left"
        return [.log("wrong PIN at \(place) (\(pinFailures) of \(limit))")]
    }

    /// Asks for a supervisor's PIN to void or refund the last stored sale.
    mutating func startSupervisorApproval(_ kind: RefundKind) -> [TerminalAction] {
        guard lastSale != nil else {
            state = .ringing
            message = "No sale to \(kind == .void ? "void" : "refund") yet"
            return []
        }
        pinEntry = ""
        state = .supervisorApproval(kind)
        return []
    }

    mutating func supervisorKey(_ key: Key, kind: RefundKind) -> [TerminalAction] {
        if editPIN(key) { return [] }
        switch key {
        case .clear, .menu:
            pinEntry = ""
            message = kind == .void ? "Void cancelled" : "Refund cancelled"
            state = .ringing
            return []
        case .enter:
            if let seconds = lockoutSecondsLeft {
                pinEntry = ""
                message = "Too many wrong PINs - wait \(seconds) s"
                return []
            }
            let pin = pinEntry
            pinEntry = ""
            guard !pin.isEmpty, let sale = lastSale, let seller = currentOperator else { return [] }
            guard let account = operators.authenticate(pin: pin) else { return wrongPIN(at: "supervisor approval") }
            guard account.isSupervisor else {
                var actions = wrongPIN(at: "supervisor approval")
                if lockoutSecondsLeft == nil { message = "\(account.name) is not a supervisor" }
                actions.append(.log("\(account.id) is not a supervisor: \(kind) not approved"))
                return actions
            }
            pinFailures = 0
            let request = RefundRequest(sale: sale, kind: kind, scope: .wholeSale, operatorID: seller.id,
                                        supervisorID: account.id,
                                        reason: kind == .void ? "voided at the till" : "refunded at the till",
                                        restock: kind == .void)
            pendingRefund = request
            message = nil
            state = .awaitingOperation(.refund)
            return [.refundOrVoid(request),
                    .log("\(kind) of sale \(sale.id) approved by supervisor \(account.id)")]
        default:
            message = "Supervisor: type PIN, then ENTER"
            return []
        }
    }

    /// Locks when nobody touched the terminal for the configured time, unless a payment or an
    /// operation is under way.
    mutating func autoLockIfIdle() -> [TerminalAction] {
        guard let after = settings.autoLockAfter, currentOperator != nil,
              now.timeIntervalSince(lastActivity) >= after else { return [] }
        switch state {
        case .locked, .awaitingCard, .committing, .commitFailed, .awaitingOperation:
            return []
        default:
            let minutes = Int((after / 60).rounded())
            return lock(reason: "locked after \(minutes) min without a key press")
        }
    }

    /// Logs the operator out; the open cart stays for the next login.
    mutating func lock(reason: String) -> [TerminalAction] {
        let who = currentOperator?.id.rawValue ?? "nobody"
        currentOperator = nil
        entry = ""
        pendingQuantity = nil
        selectedLine = nil
        pinEntry = ""
        message = nil
        state = .locked
        return [.lock, .log("\(who): \(reason)")]
    }
}
