import Foundation
import StandCore
import StandHardware

extension OperatorTerminal {
    /// Routes a key by the current screen.
    mutating func handleKey(_ key: Key) -> [TerminalAction] {
        if key != .clear { confirmingCancel = false }
        switch state {
        case .locked:
            return loginKey(key)
        case .ringing, .subtotal:
            message = nil
            return ringingKey(key)
        case .cashGiven:
            message = nil
            return cashKey(key)
        case .awaitingCard:
            return awaitingCardKey(key)
        case .committing:
            message = "Saving the sale - please wait"
            return []
        case .commitFailed(let sale, _):
            return commitFailedKey(key, sale: sale)
        case .saleDone:
            message = nil
            return saleDoneKey(key)
        case .menu(let selected):
            message = nil
            return menuKey(key, selected: selected)
        case .stockItem(let update, let selected):
            message = nil
            return stockItemKey(key, update: update, selected: selected)
        case .stockQuantity(let update, let item):
            message = nil
            return stockQuantityKey(key, update: update, item: item)
        case .shiftCash(let event):
            message = nil
            return shiftCashKey(key, event: event)
        case .confirmZReport:
            return confirmZReportKey(key)
        case .pickLocation(let selected):
            message = nil
            return pickLocationKey(key, selected: selected)
        case .supervisorApproval(let kind):
            return supervisorKey(key, kind: kind)
        case .awaitingOperation:
            message = "Working - please wait"
            return []
        case .syncStatus:
            state = .ringing
            return []
        }
    }

    /// Keys while ringing up (and on the subtotal screen, which any sales key leaves).
    mutating func ringingKey(_ key: Key) -> [TerminalAction] {
        switch key {
        case .digit(let digit):
            state = .ringing
            appendDigit(digit, limit: 6)
        case .decimalPoint:
            message = "The decimal point is for amounts: press CASH first"
        case .backspace:
            if !entry.isEmpty { entry.removeLast() } else { pendingQuantity = nil }
        case .quantity:
            guard let quantity = Int(entry), (1...Pricer.maximumQuantity).contains(quantity) else {
                message = entry.isEmpty ? "Type the quantity, then x" : "Quantity is 1 to \(Pricer.maximumQuantity)"
                entry = ""
                return []
            }
            pendingQuantity = quantity
            entry = ""
        case .product(let number):
            state = .ringing
            return ringProduct(hotkey: String(number), keyName: "P\(number)", quantityFromEntry: true)
        case .enter:
            guard !entry.isEmpty else { return [] }
            state = .ringing
            let code = entry
            entry = ""
            return ringProduct(hotkey: code, keyName: "code \(code)", quantityFromEntry: false)
        case .voidLine:
            state = .ringing
            return voidLine()
        case .up, .down:
            guard !cart.items.isEmpty else { return [] }
            let last = cart.items.count - 1
            let current = selectedLine ?? last
            selectedLine = key == .up ? max(0, current - 1) : min(last, current + 1)
        case .clear:
            return clear()
        case .subtotal:
            guard pricedCart != nil else {
                message = "Nothing rung up yet"
                return []
            }
            entry = ""
            pendingQuantity = nil
            state = .subtotal
        case .cash:
            return startCash()
        case .card:
            return startCard()
        case .menu:
            entry = ""
            pendingQuantity = nil
            state = .menu(selected: .delivery)
        }
        return []
    }

    /// Edits an amount being typed: digits (no more decimals than the currency has), one
    /// decimal point, backspace. Other keys are left to the caller.
    mutating func typeAmount(_ key: Key) {
        switch key {
        case .digit(let digit):
            let decimals = entry.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count
            if let decimals, decimals >= pricer.catalog.currency.minorUnits { return }
            appendDigit(digit, limit: 9)
        case .decimalPoint:
            if !entry.contains("."), pricer.catalog.currency.minorUnits > 0 { entry += entry.isEmpty ? "0." : "." }
        case .backspace:
            if !entry.isEmpty { entry.removeLast() }
        default:
            return
        }
    }

    mutating func appendDigit(_ digit: Int, limit: Int) {
        guard (0...9).contains(digit) else { return }
        if entry.count < limit { entry += String(digit) }
    }

    /// Adds `quantity` of the product with this keypad code (or product id, for scans).
    mutating func ringProduct(hotkey: String, keyName: String, quantityFromEntry: Bool) -> [TerminalAction] {
        var quantity = pendingQuantity ?? 1
        if quantityFromEntry, !entry.isEmpty {
            guard let typed = Int(entry), (1...Pricer.maximumQuantity).contains(typed) else {
                message = "Quantity is 1 to \(Pricer.maximumQuantity)"
                entry = ""
                return []
            }
            quantity = typed
        }
        entry = ""
        pendingQuantity = nil
        guard let product = pricer.catalog.product(hotkey: hotkey) else {
            message = "No product on \(keyName)"
            return []
        }
        return add(product, quantity: quantity)
    }

    mutating func add(_ product: Product, quantity: Int) -> [TerminalAction] {
        var changed = cart
        changed.items.append(CartItem(product.id, quantity: quantity))
        guard reprice(changed) else { return [] }
        selectedLine = nil
        return []
    }

    /// Prices `candidate` and makes it the cart; on a pricing error keeps the old cart and shows
    /// the error. Returns whether the cart changed.
    mutating func reprice(_ candidate: Cart) -> Bool {
        guard !candidate.isEmpty else {
            cart = candidate
            pricedCart = nil
            return true
        }
        do throws(PricingError) {
            pricedCart = try pricer.price(candidate, context: PricingContext(date: now))
            cart = candidate
            return true
        } catch {
            message = error.description
            return false
        }
    }

    mutating func voidLine() -> [TerminalAction] {
        entry = ""
        pendingQuantity = nil
        guard !cart.items.isEmpty else {
            guard lastSale != nil else {
                message = "Nothing to void"
                return []
            }
            return startSupervisorApproval(.void)
        }
        let index = min(selectedLine ?? cart.items.count - 1, cart.items.count - 1)
        var changed = cart
        let removed = changed.items.remove(at: index)
        let name = pricer.catalog.product(removed.productID)?.name ?? removed.productID.rawValue
        if reprice(changed) {
            selectedLine = nil
            message = "Voided \(removed.quantity) x \(name)"
            return [.log("line voided: \(removed.quantity) x \(removed.productID)")]
        }
        return []
    }

    /// CLEAR: the typed entry first, then (pressed twice) the whole cart.
    mutating func clear() -> [TerminalAction] {
        if state == .subtotal {
            state = .ringing
            return []
        }
        if !entry.isEmpty || pendingQuantity != nil || selectedLine != nil {
            entry = ""
            pendingQuantity = nil
            selectedLine = nil
            return []
        }
        guard !cart.isEmpty else { return [] }
        if confirmingCancel {
            confirmingCancel = false
            let count = cart.items.count
            cart = Cart()
            pricedCart = nil
            saleID = SaleID()
            message = "Sale cancelled"
            return [.log("sale cancelled before payment (\(count) lines)")]
        }
        confirmingCancel = true
        message = "CLEAR again cancels the sale"
        return []
    }

    /// A scanned code: a product's keypad code or id adds one of it (or the quantity typed).
    mutating func handleScan(_ payload: String) -> [TerminalAction] {
        let code = payload.trimmingCharacters(in: .whitespacesAndNewlines)
        switch state {
        case .ringing, .subtotal, .saleDone:
            if case .saleDone = state { startNextSale() }
            state = .ringing
            let product = pricer.catalog.product(hotkey: code) ?? pricer.catalog.product(ProductID(code))
            guard let product else {
                message = "Unknown code \(code.prefix(24))"
                return [.log("scanned code not known: \(code.prefix(64))")]
            }
            let quantity = pendingQuantity ?? Int(entry).flatMap { (1...Pricer.maximumQuantity).contains($0) ? $0 : nil } ?? 1
            entry = ""
            pendingQuantity = nil
            message = nil
            return add(product, quantity: quantity)
        case .locked:
            message = "Log in first, then scan"
            return []
        default:
            message = "Scan ignored - finish this step first"
            return []
        }
    }

    /// Leaves the done screen: a fresh, empty cart.
    mutating func startNextSale() {
        cart = Cart()
        pricedCart = nil
        saleID = SaleID()
        cardAttempt = 0
        entry = ""
        pendingQuantity = nil
        selectedLine = nil
        state = .ringing
    }

    mutating func saleDoneKey(_ key: Key) -> [TerminalAction] {
        startNextSale()
        switch key {
        case .clear, .enter:
            return []
        case .voidLine:
            return startSupervisorApproval(.void)
        default:
            return ringingKey(key)
        }
    }

    mutating func deviceChanged(_ kind: DeviceKind, _ condition: DeviceCondition) -> [TerminalAction] {
        let previous = devices[kind]
        devices[kind] = condition
        guard previous != condition else { return [] }
        switch condition {
        case .ready, .notConfigured:
            return [.log("\(kind): \(condition == .ready ? "ready" : "not configured")")]
        case .warning(let text), .unavailable(let text):
            return [.log("\(kind): \(text)")]
        }
    }
}
