/// A catalog that cannot be used, with what is wrong and what to fix.
public enum CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateProductID(ProductID)
    case duplicateHotkey(String, first: ProductID, second: ProductID)
    case invalidHotkey(ProductID, hotkey: String)
    case unknownTaxClass(ProductID, TaxClassID)
    case invalidTaxRate(TaxClassID, basisPoints: Int)
    /// `field` names the amount: "price", "modifier cheese".
    case currencyMismatch(ProductID, field: String, expected: Currency, found: Currency)
    case negativePrice(ProductID, field: String, Money)
    case duplicateModifier(ProductID, ModifierID)
    case unknownSubstitute(ProductID, substitute: ProductID)
    case unknownProduct(ProductID)
    /// A catalog file that is not valid JSON or lacks a field; `path` is the field path
    /// ("products[2].price.cents").
    case invalidFile(path: String, problem: String)

    public var description: String {
        switch self {
        case .duplicateProductID(let id):
            "The catalog lists product \"\(id)\" twice. Give each product its own id."
        case .duplicateHotkey(let key, let first, let second):
            "Products \"\(first)\" and \"\(second)\" both use keypad code \(key). Give each product its own code."
        case .invalidHotkey(let id, let key):
            "Product \"\(id)\" has keypad code \"\(key)\"; a keypad code is 1 to 6 digits. Fix the code in the catalog."
        case .unknownTaxClass(let id, let taxClass):
            "Product \"\(id)\" uses tax class \"\(taxClass)\", which has no rate. Add the rate to the catalog's taxRates or fix the product's taxClass."
        case .invalidTaxRate(let taxClass, let rate):
            "Tax class \"\(taxClass)\" has rate \(rate) basis points; a rate is 0 to 10000 (19 % = 1900). Fix the rate."
        case .currencyMismatch(let id, let field, let expected, let found):
            "The \(field) of product \"\(id)\" is in \(found) but the catalog is in \(expected). Use one currency for the whole catalog."
        case .negativePrice(let id, let field, let amount):
            "The \(field) of product \"\(id)\" is \(amount); prices cannot be negative. Use a promotion for reductions."
        case .duplicateModifier(let id, let modifier):
            "Product \"\(id)\" lists modifier \"\(modifier)\" twice. Give each modifier its own id."
        case .unknownSubstitute(let id, let substitute):
            "Product \"\(id)\" names \"\(substitute)\" as a substitute, but the catalog has no such product (or it is the product itself). Fix the substitutes list."
        case .unknownProduct(let id):
            "The catalog has no product \"\(id)\". Check the product id."
        case .invalidFile(let path, let problem):
            "The catalog file is invalid at \(path.isEmpty ? "the top level" : path): \(problem). Fix the file and load it again."
        }
    }
}
