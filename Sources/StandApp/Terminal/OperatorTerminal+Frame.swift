import Foundation
import StandCore
import StandHardware

extension OperatorTerminal {
    /// Displays with fewer rows get the compact screens (the 20×4 LCD); larger ones (a terminal)
    /// add a header with the stand, operator, location and devices, and list the whole cart.
    static let wideRows = 8

    /// The current screen, fitted to `geometry`.
    public func frame(geometry: DisplayGeometry) -> DisplayFrame {
        let width = geometry.columns
        guard geometry.rows >= Self.wideRows else {
            return DisplayFrame(layout(width: width, wide: false).lines(columns: width, rows: geometry.rows), geometry: geometry)
        }
        let header = [
            ScreenLayout.row("\(settings.standName) | \(currentOperator?.name ?? "locked")", locationLabel, width: width),
            devicesLine(width: width),
            String(repeating: "-", count: width),
        ]
        let body = layout(width: width, wide: true).lines(columns: width, rows: geometry.rows - header.count)
        return DisplayFrame(header + body, geometry: geometry)
    }

    var locationLabel: String {
        switch location {
        case .spot(let name): name
        case .fix(let fix): String(format: "GPS %.4f,%.4f", fix.latitude, fix.longitude)
        case nil: "no location"
        }
    }

    /// The devices that need attention, in words; "Devices ready" when none does.
    var deviceWarnings: [String] {
        DeviceKind.allCases.compactMap { kind in
            switch devices[kind] {
            case .warning(let text)?, .unavailable(let text)?: text
            default: nil
            }
        }
    }

    func devicesLine(width: Int) -> String {
        let warnings = deviceWarnings
        return warnings.isEmpty ? "Devices ready" : warnings.joined(separator: "; ")
    }

    func amount(_ money: Money) -> String { money.formattedAmount }

    var entryText: String {
        switch (pendingQuantity, entry.isEmpty) {
        case (let quantity?, true): "> \(quantity) x"
        case (let quantity?, false): "> \(quantity) x \(entry)"
        case (nil, false): "> \(entry)"
        case (nil, true): ""
        }
    }

    func lineRow(_ index: Int, width: Int, marked: Bool) -> String {
        guard let line = pricedCart?.lines[index] else { return "" }
        let marker = marked ? ">" : ""
        return ScreenLayout.row("\(marker)\(line.quantity) \(line.name)", amount(line.amount), width: width)
    }

    func layout(width: Int, wide: Bool) -> ScreenLayout {
        let row = { (left: String, right: String) in ScreenLayout.row(left, right, width: width) }
        switch state {
        case .locked:
            var text = message ?? "Type PIN, then ENTER"
            if let seconds = lockoutSecondsLeft { text = "Too many wrong PINs - wait \(seconds) s" }
            return ScreenLayout(top: [row(settings.standName, "LOCKED")], message: text,
                                bottom: ["PIN: " + String(repeating: "*", count: pinEntry.count)])
        case .ringing:
            return ringingLayout(width: width, wide: wide)
        case .subtotal:
            guard let priced = pricedCart else { return ringingLayout(width: width, wide: wide) }
            let units = priced.lines.reduce(0) { $0 + $1.quantity }
            var details = wide ? priced.lines.indices.map { lineRow($0, width: width, marked: false) } : []
            details += priced.discounts.map { row($0.reason, "-" + amount($0.amount)) }
            return ScreenLayout(top: [row("\(units) items", amount(priced.subtotal))], details: details,
                                message: message, bottom: [row("TOTAL", amount(priced.total))])
        case .cashGiven:
            return ScreenLayout(top: [row("TOTAL", cashDue.map(amount) ?? "")],
                                message: message ?? "ENTER alone: exact amount",
                                bottom: [row("CASH GIVEN?", entry)])
        case .awaitingCard(let request):
            return ScreenLayout(top: [row("CARD", amount(request.amount))],
                                message: message ?? "CARD: insert card",
                                bottom: ["CLEAR cancels"])
        case .committing(let sale):
            return ScreenLayout(top: [row("TOTAL", amount(sale.amountPaid))], message: message ?? "Saving the sale...")
        case .commitFailed(let sale, let reason):
            let isCard = sale.tenders.contains { !$0.isCash }
            return ScreenLayout(top: ["SALE NOT SAVED"], message: message ?? reason,
                                bottom: [isCard ? "ENTER: save again" : "ENTER retry CLEAR back"])
        case .saleDone(let sale):
            return saleDoneLayout(sale, width: width)
        case .menu(let selected):
            let items = TerminalMenuItem.allCases
            let index = items.firstIndex(of: selected) ?? 0
            return listLayout(title: "MENU", names: items.map(\.description), selected: index, width: width)
        case .stockItem(let update, let selected):
            return listLayout(title: update == .delivery ? "DELIVERY: item" : "COUNT: item",
                              names: inventoryItems.map(\.rawValue), selected: selected, width: width)
        case .stockQuantity(let update, let item):
            return ScreenLayout(top: [update == .delivery ? "DELIVERY" : "COUNT", item.rawValue], message: message,
                                bottom: [row(update == .delivery ? "QUANTITY?" : "COUNTED?", entry)])
        case .shiftCash(let event):
            return ScreenLayout(top: [event == .open ? "OPEN SHIFT" : "CLOSE SHIFT"],
                                message: message ?? (event == .open ? "Cash in the drawer now" : "Count the cash in the drawer"),
                                bottom: [row(event == .open ? "FLOAT?" : "COUNTED?", entry)])
        case .confirmZReport:
            return ScreenLayout(top: ["Z REPORT"], message: message ?? "Closes the day. ENTER prints, CLEAR goes back")
        case .pickLocation(let selected):
            return listLayout(title: "LOCATION", names: settings.locations, selected: selected, width: width)
        case .supervisorApproval(let kind):
            let total = lastSale.map { amount($0.amountPaid) } ?? ""
            return ScreenLayout(top: [row(kind == .void ? "VOID LAST SALE" : "REFUND LAST SALE", total)],
                                message: message ?? "Supervisor PIN, then ENTER",
                                bottom: ["PIN: " + String(repeating: "*", count: pinEntry.count)])
        case .awaitingOperation(let operation):
            return ScreenLayout(top: [title(of: operation)], message: message ?? "Working...")
        case .syncStatus(let pending, let acknowledged):
            guard let pending else { return ScreenLayout(top: ["SYNC STATUS"], message: "Asking...") }
            return ScreenLayout(top: ["SYNC STATUS"],
                                details: [row("Waiting to send", String(pending)), row("Last sync", acknowledged.map(clockTime) ?? "never")],
                                bottom: ["Any key: back"])
        }
    }

    func ringingLayout(width: Int, wide: Bool) -> ScreenLayout {
        let row = { (left: String, right: String) in ScreenLayout.row(left, right, width: width) }
        let total = row("TOTAL", amount(pricedCart?.total ?? .zero(pricer.catalog.currency)))
        let typing = entryText
        let note = message ?? (deviceWarnings.isEmpty ? nil : deviceWarnings.joined(separator: "; "))
        if wide {
            let count = pricedCart?.lines.count ?? 0
            let lines = (0..<count).map { lineRow($0, width: width, marked: $0 == selectedLine) }
            let discounts = pricedCart?.discounts.map { row("  " + $0.reason, "-" + amount($0.amount)) } ?? []
            return ScreenLayout(details: lines + discounts, detailsFromEnd: true, message: message,
                                bottom: [typing, total])
        }
        let top: String
        if let priced = pricedCart, !priced.lines.isEmpty {
            let index = min(selectedLine ?? priced.lines.count - 1, priced.lines.count - 1)
            top = lineRow(index, width: width, marked: selectedLine != nil)
        } else {
            top = row(currentOperator?.name ?? "", "READY")
        }
        return ScreenLayout(top: [top], message: note, bottom: typing.isEmpty ? [total] : [typing, total])
    }

    func saleDoneLayout(_ sale: Sale, width: Int) -> ScreenLayout {
        let row = { (left: String, right: String) in ScreenLayout.row(left, right, width: width) }
        if sale.tenders.contains(where: \.isCash) {
            return ScreenLayout(top: [row("CHANGE", amount(sale.change))],
                                details: [row("Total", amount(sale.amountPaid)), row("Cash given", amount(sale.tendered))],
                                message: message)
        }
        return ScreenLayout(top: [row(sale.tenders.isEmpty ? "NO PAYMENT DUE" : "PAID BY CARD", amount(sale.amountPaid))],
                            details: ["Thank you"], message: message)
    }

    func listLayout(title: String, names: [String], selected: Int, width: Int) -> ScreenLayout {
        let rows = names.enumerated().map { index, name in
            (index == selected ? ">" : " ") + "\(index + 1) \(name)"
        }
        let start = min(selected, max(0, rows.count - 1))
        return ScreenLayout(top: [ScreenLayout.row(title, "\(selected + 1)/\(names.count)", width: width)],
                            details: Array(rows[start...]), message: message,
                            bottom: [entry.isEmpty ? "No.+ENTER or up/down" : "No. \(entry)"])
    }

    func title(of operation: TerminalOperation) -> String {
        switch operation {
        case .delivery: "DELIVERY"
        case .count: "COUNT"
        case .openShift: "OPEN SHIFT"
        case .closeShift: "CLOSE SHIFT"
        case .report(let kind): kind == .x ? "X REPORT" : "Z REPORT"
        case .refund: "REFUND / VOID"
        }
    }

    /// "14:05" in the stand's time zone.
    func clockTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = pricer.settings.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
