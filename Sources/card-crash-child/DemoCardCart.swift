import Foundation
import StandCore

enum DemoCardCart {
    /// A demo cart whose total, as the demo pricer prices it at `date` (promotions included), is
    /// `cents`: one to three of the same product. Nil when no such cart exists.
    static func costing(_ cents: Int64, at date: Date) throws -> PricedCart? {
        let demo = try DemoStand()
        for quantity in 1...3 {
            for product in demo.catalog.products {
                let cart = Cart([CartItem(product.id, quantity: quantity)])
                guard let priced = try? demo.pricer.price(cart, context: PricingContext(date: date)) else { continue }
                if priced.total.cents == cents { return priced }
            }
        }
        return nil
    }
}
