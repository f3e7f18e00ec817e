// A test helper, not a production program: the power-loss test and scripts/crash-stress run it
// and kill it with SIGKILL at random moments.
//
//   store-crash-child commit-loop <data-dir>   commit sales forever; after each commit returns,
//                                              print "committed <saleID> <seq>" (unbuffered)
//   store-crash-child open <data-dir>          open the store, as user nobody when run as root;
//                                              print "opened" or the StoreError, exit 0 or 3
import Foundation
import StandCore
import StandStore
#if canImport(Glibc)
import Glibc
#endif

let standID: StandID = "crash-stand"
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: store-crash-child commit-loop|open <data-dir>\n".utf8))
    exit(2)
}
let directory = arguments[2]

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func sale(number: Int) throws -> Sale {
    let lines = [
        PricedLine(productID: "hotdog", name: "Hot dog", quantity: 1 + number % 3, unitPrice: Money(cents: 350, .eur),
                   modifiers: number % 2 == 0 ? ["extra cheese"] : [], taxClass: "food",
                   recipe: [RecipeComponent("bun", 1), RecipeComponent("sausage", 1), RecipeComponent("onions", 20)]),
        PricedLine(productID: "cola", name: "Cola", quantity: 1, unitPrice: Money(cents: 250, .eur), modifiers: [],
                   taxClass: "drinks", recipe: [RecipeComponent("cola-can", 1)]),
    ]
    let subtotal = Money.sum(lines.map(\.amount), .eur)
    let cart = PricedCart(currency: .eur, taxMode: .inclusive, lines: lines, discounts: [],
                          taxes: [TaxLine(taxClass: "food", rateBasisPoints: 700, base: subtotal, amount: Money(cents: 20, .eur))])
    return try Sale.make(standID: standID, operatorID: "op-1", createdAt: Date(), location: .spot("Crash corner"),
                         cart: cart, tenders: [.cash(given: cart.total + Money(cents: Int64(number % 500), .eur))])
}

do {
    switch arguments[1] {
    case "commit-loop":
        let store = try StandStore.open(dataDirectory: directory, standID: standID)
        var number = 0
        while true {
            number += 1
            if number % 7 == 0 {
                try store.recordDelivery(item: "bun", quantity: 50, reference: "crash-delivery-\(number)", at: Date())
            }
            let next = try sale(number: number)
            let entry = try store.commit(next)
            say("committed \(next.id) \(entry.sequence)")
        }
    case "open":
        if getuid() == 0 {
            guard setgid(65534) == 0, setuid(65534) == 0 else {
                FileHandle.standardError.write(Data("cannot switch to user nobody\n".utf8))
                exit(4)
            }
        }
        _ = try StandStore.open(dataDirectory: directory, standID: standID)
        say("opened")
    default:
        FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
        exit(2)
    }
} catch let error as StoreError {
    say("\(error)")
    exit(3)
} catch {
    say("\(error)")
    exit(1)
}
