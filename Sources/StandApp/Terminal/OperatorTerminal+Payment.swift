import Foundation
import StandCore
import StandHardware

extension OperatorTerminal {
    /// What the customer must pay in cash: the total, rounded to the smallest coin if configured.
    var cashDue: Money? {
        guard let total = pricedCart?.total else { return nil }
        return settings.cashRounding?.round(total) ?? total
    }

    /// CASH: an amount typed before it is the cash given; otherwise ask for it.
    mutating func startCash() -> [TerminalAction] {
        guard pricedCart != nil else {
            message = "Nothing rung up yet"
            return []
        }
        pendingQuantity = nil
        guard reprice(cart) else { return [] }
        if !entry.isEmpty {
            let typed = entry
            entry = ""
            return finishCash(typed)
        }
        state = .cashGiven
        return []
    }

    mutating func cashKey(_ key: Key) -> [TerminalAction] {
        switch key {
        case .digit, .decimalPoint, .backspace:
            typeAmount(key)
        case .clear:
            if entry.isEmpty { state = .ringing } else { entry = "" }
        case .enter, .cash:
            let typed = entry
            entry = ""
            return finishCash(typed)
        case .card:
            entry = ""
            state = .ringing
            return startCard()
        default:
            message = "Type the cash given, then ENTER"
        }
        return []
    }

    /// Builds the cash sale for `typed` (empty: the exact amount) and asks to commit it.
    mutating func finishCash(_ typed: String) -> [TerminalAction] {
        guard let priced = pricedCart, let due = cashDue, let seller = currentOperator else { return [] }
        let currency = priced.currency
        guard let given = typed.isEmpty ? due : Money(parsing: typed, currency) else {
            message = "\(typed) is not an amount"
            state = .cashGiven
            return []
        }
        guard given >= due else {
            message = "Given \(given.formattedAmount) is less than \(due.formattedAmount) due"
            state = .cashGiven
            return []
        }
        let tenders: [Tender] = given.isZero ? [] : [.cash(given: given)]
        return commit(priced, tenders: tenders, seller: seller)
    }

    mutating func commit(_ priced: PricedCart, tenders: [Tender], seller: OperatorAccount) -> [TerminalAction] {
        do throws(SaleError) {
            let sale = try Sale.make(id: saleID, standID: settings.standID, operatorID: seller.id, createdAt: now,
                                     location: location, cart: priced, tenders: tenders,
                                     cashRounding: tenders.contains(where: \.isCash) ? settings.cashRounding : nil)
            state = .committing(sale)
            return [.commitSale(sale)]
        } catch {
            state = .ringing
            message = error.description
            return [.log("sale refused before commit: \(error)")]
        }
    }

    /// CARD: asks the card terminal for the total, unless the stand has no usable one.
    mutating func startCard() -> [TerminalAction] {
        guard pricedCart != nil else {
            message = "Nothing rung up yet"
            return []
        }
        switch devices[.paymentTerminal] ?? .ready {
        case .notConfigured:
            message = "No card terminal at this stand - take cash"
            return []
        case .unavailable(let reason):
            message = "Card terminal: \(reason) - take cash"
            return []
        case .ready, .warning:
            break
        }
        entry = ""
        pendingQuantity = nil
        guard reprice(cart), let priced = pricedCart, let seller = currentOperator else { return [] }
        guard !priced.total.isZero else { return commit(priced, tenders: [], seller: seller) }
        cardAttempt += 1
        let draft = CardSaleDraft(saleID: saleID, standID: settings.standID, operatorID: seller.id, location: location,
                                  cart: priced, attempt: cardAttempt, startedAt: now)
        state = .awaitingCard(draft.paymentRequest)
        return [.authorizeCard(draft)]
    }

    mutating func awaitingCardKey(_ key: Key) -> [TerminalAction] {
        if key == .clear {
            message = "Cancelling - wait for the card terminal"
            return [.abortCard]
        }
        message = "Waiting for the card - CLEAR cancels"
        return []
    }

    mutating func cardFinished(reference: String, _ result: CardResult) -> [TerminalAction] {
        guard case .awaitingCard(let request) = state, request.reference == reference else {
            return [.log("card result for \(reference) ignored: no card payment is waiting for it")]
        }
        state = .ringing
        switch result {
        case .approved(let payment):
            guard let priced = pricedCart, let seller = currentOperator else { return [] }
            var actions = commit(priced, tenders: [.card(payment)], seller: seller)
            if case .ringing = state {
                message = "Card charged but the sale was refused: \(message ?? "") Reverse it on the card terminal."
                actions.append(.log("card payment \(reference) approved but the sale was refused; reverse it on the terminal"))
            }
            return actions
        case .declined(let code, let text):
            message = "Card declined: \(text)"
            return [.log("card payment \(reference) declined (\(code)): \(text)")]
        case .cancelledByCustomer:
            message = "Card payment cancelled"
            return [.log("card payment \(reference) cancelled")]
        case .timedOut:
            message = "Card terminal did not answer - try again or take cash"
            return [.log("card payment \(reference) timed out")]
        case .failed(let reason):
            message = "Card terminal: \(reason) - take cash"
            return [.log("card payment \(reference) failed: \(reason)")]
        }
    }

    mutating func saleCommitted(_ id: SaleID, sequence: Int64) -> [TerminalAction] {
        guard case .committing(let sale) = state, sale.id == id else {
            return [.log("commit result for sale \(id) ignored: no sale is waiting for it")]
        }
        lastSale = sale
        cart = Cart()
        pricedCart = nil
        saleID = SaleID()
        cardAttempt = 0
        selectedLine = nil
        state = .saleDone(sale)
        message = nil
        var actions: [TerminalAction] = []
        if sale.tenders.contains(where: \.isCash) { actions.append(.openDrawer) }
        actions.append(.printReceipt(sale, copy: false))
        let tenders = sale.tenders.map(\.kindName).joined(separator: "+")
        actions.append(.log("sale \(sale.id) stored as journal #\(sequence): \(sale.total) \(tenders)"))
        return actions
    }

    mutating func saleCommitFailed(_ id: SaleID, reason: String) -> [TerminalAction] {
        guard case .committing(let sale) = state, sale.id == id else {
            return [.log("commit failure for sale \(id) ignored: no sale is waiting for it")]
        }
        state = .commitFailed(sale, reason: reason)
        return [.log("sale \(id) NOT stored: \(reason)")]
    }

    mutating func commitFailedKey(_ key: Key, sale: Sale) -> [TerminalAction] {
        switch key {
        case .enter:
            message = nil
            state = .committing(sale)
            return [.commitSale(sale)]
        case .clear:
            if sale.tenders.contains(where: { !$0.isCash }) {
                message = "The card was charged: ENTER saves the sale again"
                return []
            }
            state = .ringing
            message = "Sale not saved - cart kept"
            return []
        default:
            return []
        }
    }
}
