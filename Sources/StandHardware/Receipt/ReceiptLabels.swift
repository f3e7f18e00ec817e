/// The words a receipt prints, in the stand's language.
public struct ReceiptLabels: Hashable, Sendable, Codable {
    public var receiptNumber: String
    public var operatorName: String
    public var sale: String
    public var taxID: String
    public var subtotal: String
    /// The tax added on top, in tax-exclusive mode.
    public var tax: String
    public var total: String
    public var cashRounding: String
    /// The amount due after cash rounding.
    public var amountDue: String
    public var cash: String
    public var card: String
    public var appPrepaid: String
    public var credit: String
    public var change: String
    public var taxRate: String
    public var taxNet: String
    public var taxAmount: String
    public var taxGross: String
    /// The reprint marker: "COPY".
    public var copy: String

    public init(receiptNumber: String, operatorName: String, sale: String, taxID: String, subtotal: String, tax: String,
                total: String, cashRounding: String, amountDue: String, cash: String, card: String, appPrepaid: String,
                credit: String, change: String, taxRate: String, taxNet: String, taxAmount: String, taxGross: String,
                copy: String) {
        self.receiptNumber = receiptNumber
        self.operatorName = operatorName
        self.sale = sale
        self.taxID = taxID
        self.subtotal = subtotal
        self.tax = tax
        self.total = total
        self.cashRounding = cashRounding
        self.amountDue = amountDue
        self.cash = cash
        self.card = card
        self.appPrepaid = appPrepaid
        self.credit = credit
        self.change = change
        self.taxRate = taxRate
        self.taxNet = taxNet
        self.taxAmount = taxAmount
        self.taxGross = taxGross
        self.copy = copy
    }

    public static let english = ReceiptLabels(
        receiptNumber: "Receipt", operatorName: "Served by", sale: "Sale", taxID: "Tax ID", subtotal: "Subtotal",
        tax: "Tax", total: "TOTAL", cashRounding: "Cash rounding", amountDue: "Amount due", cash: "Cash", card: "Card",
        appPrepaid: "Prepaid in app", credit: "Account", change: "Change", taxRate: "Rate", taxNet: "Net",
        taxAmount: "Tax", taxGross: "Gross", copy: "COPY")

    public static let german = ReceiptLabels(
        receiptNumber: "Beleg", operatorName: "Es bediente", sale: "Verkauf", taxID: "USt-IdNr.", subtotal: "Zwischensumme",
        tax: "MwSt", total: "SUMME", cashRounding: "Rundung", amountDue: "Zu zahlen", cash: "Bar", card: "Karte",
        appPrepaid: "In der App bezahlt", credit: "Konto", change: "Rückgeld", taxRate: "Satz", taxNet: "Netto",
        taxAmount: "MwSt", taxGross: "Brutto", copy: "KOPIE")
}
