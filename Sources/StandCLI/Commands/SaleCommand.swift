import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `standctl sale`: prices a cart, takes the tenders, commits the sale durably, prints it.
struct SaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sale",
        abstract: "Ring a sale: price the items, take payment, commit it to the store.",
        discussion: """
            Items are PRODUCT[+MODIFIER...][:QUANTITY], PRODUCT being a product id or its keypad \
            hotkey: `standctl sale hotdog+cheese:2 cola --cash 20`. Pay with --cash, --card \
            (with the terminal slip's --pan, --terminal-receipt and --trace) and --prepaid, \
            alone or split; `exact`/`rest` stand for the amount still due.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalog: CatalogOptions

    @Argument(help: "PRODUCT[+MODIFIER...][:QUANTITY], one or more.")
    var items: [CartItemArgument]

    @Option(help: "Cash handed over, or `exact`.")
    var cash: String?

    @Option(help: "Amount paid by card, or `rest`.")
    var card: String?

    @Option(help: "Masked card number from the terminal slip, e.g. '**** **** **** 4242'.")
    var pan: String?

    @Option(help: "Card brand: \(CardBrand.allCases.map(\.rawValue).joined(separator: ", ")).")
    var brand: String = CardBrand.other.rawValue

    @Option(name: .customLong("terminal-receipt"), help: "The terminal's receipt number.")
    var terminalReceipt: String?

    @Option(help: "The terminal's trace number.")
    var trace: String?

    @Option(help: "Paid in the customer app: ORDER-TOKEN-ID:AMOUNT (AMOUNT may be `rest`).")
    var prepaid: String?

    @Option(name: .customLong("coupon"), help: "A coupon code; repeat for several.")
    var coupons: [String] = []

    @Option(help: "A known customer's id (loyalty card, app) for customer promotions.")
    var customer: String?

    @Option(name: .customLong("operator"), help: "The operator ringing the sale.")
    var operatorID: String = "standctl"

    @Option(help: "A named spot where the stand is (e.g. 'Market square').")
    var spot: String?

    @Option(help: "A GPS fix LAT,LON in degrees.")
    var gps: String?

    @Option(help: "When the sale happened, YYYY-MM-DDTHH:MM in --time-zone (default: now); for sales from paper receipts after an outage.")
    var at: String?

    @Option(name: .customLong("time-zone"), help: "IANA time zone of --at (default: the machine's).")
    var timeZoneName: String?

    @Option(name: .customLong("cash-rounding"), help: "Round the cash part to this coin, e.g. 0.05.")
    var cashRounding: String?

    func run() throws {
        let pricer = try catalog.pricer()
        let currency = pricer.catalog.currency
        let store = try store.openStore()
        let now = try saleDate()
        let known = try customer.map { id in
            KnownCustomer(id: CustomerID(id), priorPurchases: try store.purchaseCount(of: CustomerID(id)))
        }
        let context = PricingContext(date: now, couponCodes: coupons, customer: known,
                                     couponUsage: try store.couponUsage(pricer.promotions))
        let priced = try pricer.price(Cart(items.map { $0.cartItem(in: pricer.catalog) }), context: context)
        let tenders = try tenders(for: priced.total, currency: currency)
        let sale = try Sale.make(standID: store.standID, operatorID: OperatorID(operatorID), createdAt: now,
                                 location: try location(), customer: known?.id, cart: priced, tenders: tenders,
                                 cashRounding: try coinRounding(currency))
        let entry = try store.commit(sale)
        print(SaleFormatter.receipt(sale, journalSequence: entry.sequence))
    }

    private func tenders(for total: Money, currency: Currency) throws -> [Tender] {
        if total.isZero, cash == nil || cash == "exact", card == nil || card == "rest", prepaid == nil { return [] }
        guard cash != nil || card != nil || prepaid != nil else {
            throw CommandError("say how the sale of \(total) is paid: --cash AMOUNT|exact, --card AMOUNT|rest or --prepaid TOKEN:AMOUNT")
        }
        // Fixed amounts are taken off first, so `rest` and `exact` mean what is still due.
        let fixedCash = try cash.flatMap { $0 == "exact" ? nil : try Self.money($0, currency, option: "--cash") }
        var due = total - (fixedCash ?? .zero(currency))
        var tenders: [Tender] = []
        if let prepaid {
            let parts = prepaid.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CommandError("--prepaid '\(prepaid)' must be ORDER-TOKEN-ID:AMOUNT") }
            let paid = parts[1] == "rest" ? due : try Self.money(parts[1], currency, option: "--prepaid")
            tenders.append(.appPrepaid(amount: paid, orderTokenID: parts[0]))
            due -= paid
        }
        if let card {
            let paid = card == "rest" ? due : try Self.money(card, currency, option: "--card")
            guard let pan, let terminalReceipt, let trace else {
                throw CommandError("a card payment needs --pan, --terminal-receipt and --trace from the terminal's slip")
            }
            guard let brand = CardBrand(rawValue: brand.lowercased()) else {
                throw CommandError("unknown card brand '\(self.brand)'; use one of \(CardBrand.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tenders.append(.card(CardPayment(amount: paid, maskedPAN: try MaskedPAN(pan), brand: brand,
                                             terminalReceiptNumber: terminalReceipt, traceNumber: trace)))
            due -= paid
        }
        if cash != nil {
            tenders.append(.cash(given: try fixedCash ?? coinRounding(currency)?.round(due) ?? due))
        }
        return tenders
    }

    private func saleDate() throws -> Date {
        guard let at else { return Date() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try TimeRangeOptions.timeZone(named: timeZoneName)
        return try TimeRangeOptions.parse(at, option: "--at", calendar: calendar)
    }

    private func coinRounding(_ currency: Currency) throws -> CashRounding? {
        try cashRounding.map { try CashRounding(increment: try Self.money($0, currency, option: "--cash-rounding")) }
    }

    private func location() throws -> SaleLocation? {
        switch (spot, gps) {
        case (nil, nil): return nil
        case (let spot?, nil): return try SaleLocation.named(spot)
        case (nil, let gps?):
            let parts = gps.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let latitude = parts[0], let longitude = parts[1] else {
                throw CommandError("--gps '\(gps)' must be LAT,LON in degrees, e.g. 52.5219,13.4132")
            }
            return try SaleLocation.gps(latitude: latitude, longitude: longitude)
        case (_?, _?): throw CommandError("give either --spot or --gps, not both")
        }
    }

    static func money(_ text: String, _ currency: Currency, option: String) throws -> Money {
        guard let money = Money(parsing: text, currency), !money.isNegative else {
            throw CommandError("\(option) '\(text)' is not an amount in \(currency); write e.g. 12.50")
        }
        return money
    }
}
