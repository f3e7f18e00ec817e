import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `standctl stock`: levels derived from the movement ledger, and the movements an operator records.
struct StockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stock",
        abstract: "Show stock levels, or record a delivery, a count or waste.",
        subcommands: [Show.self, Receive.self, Count.self, Waste.self, Threshold.self],
        defaultSubcommand: Show.self
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Current stock levels; low ones are marked.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Only the items at or below their low-stock threshold.")
        var low = false

        func run() throws {
            let opened = try store.openStore()
            let levels = low ? try opened.lowStock() : try opened.stockLevels()
            var table = TextTable([("item", .left), ("quantity", .right), ("low at", .right), ("state", .left)])
            for level in levels {
                table.append([level.item.rawValue, String(level.quantity), level.lowStockThreshold.map(String.init) ?? "",
                              level.isLow ? "LOW" : ""])
            }
            print(levels.isEmpty ? (low ? "No item is low." : "No stock recorded yet.") : table.render())
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "receive", abstract: "Record a delivery received.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The inventory item, e.g. bun.") var item: String
        @Argument(help: "How many base units arrived (pieces, grams).") var quantity: Int64
        @Option(help: "Delivery note number.") var reference: String = ""

        func run() throws {
            let entry = try store.openStore().recordDelivery(item: InventoryItemID(item), quantity: quantity, reference: reference, at: Date())
            print("Delivery of \(quantity) \(item) recorded (journal #\(entry.sequence)).")
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "count", abstract: "Record a stock count; the difference is booked as a correction.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The inventory item.") var item: String
        @Argument(help: "The quantity counted.") var counted: Int64

        func run() throws {
            let entry = try store.openStore().recordCount(item: InventoryItemID(item), counted: counted, at: Date())
            print("Count of \(counted) \(item) recorded (journal #\(entry.sequence)).")
        }
    }

    struct Waste: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "waste", abstract: "Record waste (dropped, expired).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The inventory item.") var item: String
        @Argument(help: "How many base units were thrown away.") var quantity: Int64
        @Option(help: "Why, e.g. 'expired'.") var reason: String

        func run() throws {
            let entry = try store.openStore().recordWaste(item: InventoryItemID(item), quantity: quantity, reason: reason, at: Date())
            print("Waste of \(quantity) \(item) recorded (journal #\(entry.sequence)).")
        }
    }

    struct Threshold: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "threshold", abstract: "Set (or clear with --clear) an item's low-stock threshold.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The inventory item.") var item: String
        @Argument(help: "Low at or below this quantity.") var quantity: Int64?
        @Flag(help: "Remove the threshold.") var clear = false

        func validate() throws {
            guard clear != (quantity != nil) else { throw ValidationError("give a quantity, or --clear to remove the threshold") }
        }

        func run() throws {
            try store.openStore().setLowStockThreshold(quantity, for: InventoryItemID(item))
            print(quantity.map { "\(item) is low at \($0) or below." } ?? "\(item) has no low-stock threshold.")
        }
    }
}
