import Foundation
import StandCore
import StandHardware

extension OperatorTerminal {
    /// What a key did on a list screen (menu, inventory items, locations).
    enum ListChoice {
        case moved(Int)
        case chosen(Int)
        case back
        case stay
    }

    /// Digits + ENTER pick by number (1-based); ↑/↓ move, ENTER picks the highlighted entry;
    /// CLEAR or MENU go back (CLEAR first clears a typed number).
    mutating func listKey(_ key: Key, selected: Int, count: Int) -> ListChoice {
        switch key {
        case .digit(let digit):
            appendDigit(digit, limit: 3)
        case .backspace:
            if !entry.isEmpty { entry.removeLast() }
        case .up:
            entry = ""
            return .moved(max(0, selected - 1))
        case .down:
            entry = ""
            return .moved(min(count - 1, selected + 1))
        case .enter:
            guard !entry.isEmpty else { return .chosen(selected) }
            let typed = entry
            entry = ""
            guard let number = Int(typed), (1...count).contains(number) else {
                message = "No entry \(typed): choose 1 to \(count)"
                return .stay
            }
            return .chosen(number - 1)
        case .clear, .menu:
            if key == .clear, !entry.isEmpty {
                entry = ""
                return .stay
            }
            entry = ""
            return .back
        default:
            message = "Number + ENTER, or up/down + ENTER"
        }
        return .stay
    }

    mutating func menuKey(_ key: Key, selected: TerminalMenuItem) -> [TerminalAction] {
        let items = TerminalMenuItem.allCases
        let index = items.firstIndex(of: selected) ?? 0
        switch listKey(key, selected: index, count: items.count) {
        case .moved(let moved):
            state = .menu(selected: items[moved])
        case .chosen(let chosen):
            return choose(items[chosen])
        case .back:
            state = .ringing
        case .stay:
            break
        }
        return []
    }

    mutating func choose(_ item: TerminalMenuItem) -> [TerminalAction] {
        guard let seller = currentOperator else { return [] }
        switch item {
        case .delivery, .count:
            guard !inventoryItems.isEmpty else {
                message = "The catalog has no stock items"
                return []
            }
            state = .stockItem(item == .delivery ? .delivery : .count, selected: 0)
        case .openShift:
            state = .shiftCash(.open)
        case .closeShift:
            state = .shiftCash(.close)
        case .xReport:
            state = .awaitingOperation(.report(.x))
            return [.printReport(.x, by: seller.id)]
        case .zReport:
            state = .confirmZReport
        case .reprint:
            state = .ringing
            guard let sale = lastSale else {
                message = "No receipt to reprint yet"
                return []
            }
            message = "Reprinting the last receipt"
            return [.printReceipt(sale, copy: true)]
        case .voidLastSale:
            return startSupervisorApproval(.void)
        case .refundLastSale:
            return startSupervisorApproval(.refund)
        case .syncStatus:
            state = .syncStatus(pendingEvents: nil, lastAcknowledgedAt: nil)
            return [.querySyncStatus]
        case .setLocation:
            guard !settings.locations.isEmpty else {
                message = "No spots configured: add them under [locations]"
                return []
            }
            var current = 0
            if case .spot(let name) = spot, let index = settings.locations.firstIndex(of: name) { current = index }
            state = .pickLocation(selected: current)
        case .lock:
            return lock(reason: "locked the terminal")
        }
        return []
    }

    mutating func stockItemKey(_ key: Key, update: StockUpdate, selected: Int) -> [TerminalAction] {
        switch listKey(key, selected: selected, count: inventoryItems.count) {
        case .moved(let moved):
            state = .stockItem(update, selected: moved)
        case .chosen(let chosen):
            state = .stockQuantity(update, inventoryItems[chosen])
        case .back:
            state = .menu(selected: update == .delivery ? .delivery : .count)
        case .stay:
            break
        }
        return []
    }

    mutating func stockQuantityKey(_ key: Key, update: StockUpdate, item: InventoryItemID) -> [TerminalAction] {
        switch key {
        case .digit(let digit):
            appendDigit(digit, limit: 6)
        case .backspace:
            if !entry.isEmpty { entry.removeLast() }
        case .clear:
            if entry.isEmpty {
                state = .stockItem(update, selected: inventoryItems.firstIndex(of: item) ?? 0)
            }
            entry = ""
        case .enter:
            guard let seller = currentOperator, let quantity = Int64(entry) else {
                message = "Type the quantity, then ENTER"
                return []
            }
            entry = ""
            switch update {
            case .delivery:
                guard quantity > 0 else {
                    message = "A delivery is at least 1"
                    return []
                }
                state = .awaitingOperation(.delivery)
                return [.recordDelivery(item, quantity: quantity, by: seller.id)]
            case .count:
                state = .awaitingOperation(.count)
                return [.recordCount(item, counted: quantity, by: seller.id)]
            }
        default:
            message = "Type the quantity, then ENTER"
        }
        return []
    }

    mutating func shiftCashKey(_ key: Key, event: ShiftEvent) -> [TerminalAction] {
        switch key {
        case .digit, .decimalPoint, .backspace:
            typeAmount(key)
        case .clear:
            if entry.isEmpty { state = .menu(selected: event == .open ? .openShift : .closeShift) }
            entry = ""
        case .enter:
            guard let seller = currentOperator,
                  let amount = Money(parsing: entry.isEmpty ? "0" : entry, pricer.catalog.currency) else {
                message = "Type the cash in the drawer, then ENTER"
                entry = ""
                return []
            }
            entry = ""
            switch event {
            case .open:
                state = .awaitingOperation(.openShift)
                return [.openShift(seller.id, float: amount)]
            case .close:
                state = .awaitingOperation(.closeShift)
                return [.closeShift(seller.id, counted: amount)]
            }
        default:
            message = "Type the cash in the drawer, then ENTER"
        }
        return []
    }

    mutating func confirmZReportKey(_ key: Key) -> [TerminalAction] {
        switch key {
        case .enter:
            guard let seller = currentOperator else { return [] }
            state = .awaitingOperation(.report(.z))
            return [.printReport(.z, by: seller.id)]
        case .clear, .menu:
            state = .menu(selected: .zReport)
        default:
            break
        }
        return []
    }

    mutating func pickLocationKey(_ key: Key, selected: Int) -> [TerminalAction] {
        switch listKey(key, selected: selected, count: settings.locations.count) {
        case .moved(let moved):
            state = .pickLocation(selected: moved)
        case .chosen(let chosen):
            state = .ringing
            let name = settings.locations[chosen]
            guard let spot = try? SaleLocation.named(name) else {
                message = "The spot name is empty: fix [locations]"
                return []
            }
            self.spot = spot
            message = location == spot ? "Location: \(name)" : "Spot \(name) - GPS in use"
            return [.setLocation(spot), .log("location set to \(spot)")]
        case .back:
            state = .menu(selected: .setLocation)
        case .stay:
            break
        }
        return []
    }

    mutating func operationFinished(_ operation: TerminalOperation, message text: String, succeeded: Bool) -> [TerminalAction] {
        if case .awaitingOperation(let waiting) = state, waiting == operation { state = .ringing }
        message = text
        var actions: [TerminalAction] = []
        if operation == .refund, let request = pendingRefund {
            pendingRefund = nil
            if succeeded, request.sale.tenders.contains(where: \.isCash) { actions.append(.openDrawer) }
        }
        actions.append(.log("\(operation) \(succeeded ? "done" : "failed"): \(text)"))
        return actions
    }
}
