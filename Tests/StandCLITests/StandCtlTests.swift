import Foundation
import Testing

@Suite struct StandCtlTests {
    let ctl: StandCtlRunner

    init() throws {
        ctl = try StandCtlRunner.withNewDataDirectory()
    }

    /// Sunday noon in Berlin: outside the demo's weekday happy hour, so prices are fixed.
    private let sale = ["sale", "--at", "2026-11-22T12:00", "--time-zone", "Europe/Berlin"]
    private let card = ["--pan", "**** **** **** 4242", "--terminal-receipt", "17", "--trace", "991", "--brand", "visa"]

    @Test func saleIsCommittedPricedAndListed() throws {
        // Combo hot dog + cola −20 %: (3.50 + 2.00) × 0.8 = 4.40; 10.00 − 4.40 = 5.60 change.
        let out = try ctl.succeed(sale + ["hotdog", "cola", "--cash", "10.00"])
        #expect(out.contains("Combo hot dog + cola"))
        #expect(out.contains("TOTAL                                       4.40"))
        #expect(out.contains("CHANGE                                      5.60"))
        let sales = try ctl.succeed(["sales"])
        #expect(sales.contains("1 sale, 4.40 EUR"))
    }

    @Test func hotkeysModifiersQuantitiesAndSplitTender() throws {
        // Key 2 = chili dog 4.20 + cheese 0.50 = 4.70 × 2 = 9.40; water 1.50 → 10.90.
        let out = try ctl.succeed(sale + ["2+cheese:2", "water", "--cash", "5.00", "--card", "rest"] + card)
        #expect(out.contains("2 × Chili dog (extra cheese)"))
        #expect(out.contains("TOTAL                                      10.90"))
        #expect(out.contains("paid card visa ************4242           5.90"))
        let export = try ctl.succeed(["export", "--csv"])
        let rows = export.split(separator: "\r\n")
        #expect(rows.count == 3)
        #expect(rows[1].contains(",chilidog,Chili dog,extra cheese,2,4.70,9.40,"))
        #expect(rows[1].hasSuffix(",EUR,inclusive,card 5.90; cash 5.00"))
    }

    @Test func reportsGroupByProductAndHour() throws {
        try ctl.succeed(sale + ["hotdog:2", "--cash", "exact"])
        try ctl.succeed(sale + ["cola", "--cash", "exact", "--spot", "Market square"])
        let byProduct = try ctl.succeed(["report", "--by", "product"])
        #expect(byProduct.contains("hotdog       1    2   7.00"))
        #expect(byProduct.contains("total             3   9.00"))
        let byLocation = try ctl.succeed(["report", "--by", "location"])
        #expect(byLocation.contains("spot:Market square"))
        #expect(byLocation.contains("unknown"))
        let byHour = try ctl.succeed(["report", "--by", "hour", "--from", "2026-11-22", "--to", "2026-11-23", "--time-zone", "Europe/Berlin"])
        #expect(byHour.contains("2026-11-22 12:00      2    3   9.00"))
        let today = try ctl.succeed(["report", "--today"])
        #expect(today.contains("No sales in this period."))
        let tomorrow = try ctl.succeed(["report", "--from", "2099-01-01"])
        #expect(tomorrow.contains("No sales in this period."))
    }

    @Test func stockFollowsDeliveriesSalesCountsAndWaste() throws {
        try ctl.succeed(["stock", "receive", "bun", "100"])
        try ctl.succeed(["stock", "receive", "sausage", "50"])
        try ctl.succeed(["stock", "threshold", "sausage", "48"])
        try ctl.succeed(sale + ["hotdog:3", "--cash", "exact"])
        try ctl.succeed(["stock", "waste", "bun", "2", "--reason", "dropped"])
        try ctl.succeed(["stock", "count", "sausage", "46"])
        let stock = try ctl.succeed(["stock"])
        #expect(stock.contains("bun            95"))
        #expect(stock.contains("sausage        46      48  LOW"))
        let low = try ctl.succeed(["stock", "show", "--low"])
        #expect(!low.contains("bun"))
    }

    @Test func couponAndCashRoundingToTheSmallestCoin() throws {
        // Coffee 1.80 − WELCOME10 10 % (0.18) = 1.62; cash rounded to 0.05 → 1.60 paid, −0.02 recorded.
        let out = try ctl.succeed(sale + ["coffee", "--coupon", "welcome10", "--cash", "exact", "--cash-rounding", "0.05"])
        #expect(out.contains("TOTAL                                       1.62"))
        #expect(out.contains("paid cash                                 1.60"))
        #expect(out.contains("cash rounding                            -0.02"))
        let unknown = try ctl.run(sale + ["coffee", "--coupon", "NOPE", "--cash", "exact"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("NOPE"))
    }

    @Test func everyTenthPurchaseOfAKnownCustomerGetsAHotDogFree() throws {
        for visit in 1...9 {
            let out = try ctl.succeed(sale + ["hotdog", "--customer", "anna", "--cash", "exact"])
            #expect(out.contains("TOTAL                                       3.50"), "visit \(visit)")
        }
        let tenth = try ctl.succeed(sale + ["hotdog", "--customer", "anna", "--cash", "exact"])
        #expect(tenth.contains("Every 10th visit"))
        #expect(tenth.contains("TOTAL                                       0.00"))
        let stranger = try ctl.succeed(sale + ["hotdog", "--customer", "ben", "--cash", "exact"])
        #expect(stranger.contains("TOTAL                                       3.50"))
    }

    @Test func journalVerifiesEveryCommittedEvent() throws {
        try ctl.succeed(["stock", "receive", "cup", "10"])
        try ctl.succeed(sale + ["coffee", "--cash", "exact"])
        let verify = try ctl.succeed(["journal", "verify"])
        #expect(verify.hasPrefix("Journal intact: 2 entries"))
    }

    @Test func badInputIsRefusedOnStderrWithNonZeroStatus() throws {
        let cases: [([String], String)] = [
            (["sale", "nosuch", "--cash", "5"], "no product \"nosuch\""),
            (["sale", "hotdog", "--cash", "1.00"], "do not cover"),
            (["sale", "hotdog"], "say how the sale of 3.50 EUR is paid"),
            (["sale", "hotdog", "--cash", "abc"], "'abc' is not an amount"),
            (["sale", "hotdog", "--card", "rest", "--pan", "4111111111111111", "--terminal-receipt", "1", "--trace", "2"], "full card number"),
            (["sale", "hotdog:0", "--cash", "5"], "hotdog:0"),
            (["sales", "--from", "2026-13-01"], "is not a date"),
            (["export"], "--csv"),
        ]
        for (arguments, message) in cases {
            let result = try ctl.run(arguments)
            #expect(result.status != 0, "\(arguments) should fail")
            #expect(result.stdout.isEmpty, "\(arguments) printed to stdout: \(result.stdout)")
            #expect(result.stderr.lowercased().contains(message.lowercased()), "\(arguments): \(result.stderr)")
        }
        let sales = try ctl.succeed(["sales"])
        #expect(sales.contains("0 sales"))
    }

    @Test func theStandIDComesFromTheDatabaseUnlessGiven() throws {
        try ctl.succeed(["stock", "receive", "bun", "5", "--stand-id", "berlin-alex-01"])
        let export = try ctl.succeed(sale + ["hotdog", "--cash", "exact"])
        #expect(export.contains("committed"))
        #expect(try ctl.succeed(["export", "--csv"]).contains(",berlin-alex-01,"))
        let other = try ctl.run(["sales", "--stand-id", "hamburg-02"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("belongs to stand berlin-alex-01, not hamburg-02"))
    }

    @Test func missingDataDirectoryIsNamed() throws {
        let result = try ctl.run(["sales"], dataDirectory: "/nonexistent/standkit")
        #expect(result.status == 1)
        #expect(result.stderr.contains("The data directory /nonexistent/standkit does not exist"))
    }

    @Test func brokenJournalExitsNonZero() throws {
        try ctl.succeed(sale + ["hotdog", "--cash", "exact"])
        try ctl.succeed(sale + ["cola", "--cash", "exact"])
        let database = ctl.dataDirectory + "/stand.sqlite"
        // Tamper with the first sale's stored payload behind the store's back.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", """
            import sqlite3; c = sqlite3.connect('\(database)')
            c.execute('DROP TRIGGER IF EXISTS journal_no_update')
            c.execute("UPDATE journal SET payload = replace(payload, '350', '351') WHERE seq = 1"); c.commit()
            """]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let result = try ctl.run(["journal", "verify"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("entry 1 was altered"))
    }
}

@Suite struct StandCtlRefundTests {
    let ctl: StandCtlRunner

    init() throws {
        ctl = try StandCtlRunner.withNewDataDirectory()
    }

    private let sale = ["sale", "--at", "2026-11-22T12:00", "--time-zone", "Europe/Berlin"]

    private func saleID(_ output: String) throws -> String {
        try #require(output.split(separator: " ").dropFirst().first.map(String.init))
    }

    @Test func lineRefundThenWholeRefundOfTheRestThenNothingLeft() throws {
        // 2 × hot dog 7.00 + fries 2.50 = 9.50 (no promotion applies to two hot dogs).
        let id = try saleID(try ctl.succeed(sale + ["hotdog:2", "fries", "--cash", "exact"]))
        let line = try ctl.succeed(["refund", id, "--line", "1", "--quantity", "1", "--supervisor", "sup-1", "--reason", "cold"])
        #expect(line.contains("Refund of 3.50 EUR"))
        let rest = try ctl.succeed(["refund", id, "--supervisor", "sup-1", "--reason", "left"])
        #expect(rest.contains("Refund of 6.00 EUR"))
        let again = try ctl.run(["refund", id, "--supervisor", "sup-1", "--reason", "again"])
        #expect(again.status == 1)
        #expect(!again.stderr.isEmpty)
    }

    @Test func voidedSaleCannotBeRefunded() throws {
        let id = try saleID(try ctl.succeed(sale + ["cola", "--cash", "exact"]))
        try ctl.succeed(["refund", id, "--void", "--supervisor", "sup-1", "--reason", "rang twice"])
        let refund = try ctl.run(["refund", id, "--line", "1", "--supervisor", "sup-1", "--reason", "x"])
        #expect(refund.status == 1)
        #expect(refund.stderr.lowercased().contains("void"))
        let missing = try ctl.run(["refund", "not-a-sale", "--supervisor", "s", "--reason", "r"])
        #expect(missing.stderr.contains("is not a sale id"))
    }
}
