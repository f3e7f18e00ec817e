import Foundation
import StandCore
import Testing
@testable import StandStore

@Suite struct StandStoreReportTests {
    /// 2025-06-15 16:30 UTC (18:30 in Berlin) and 2025-06-15 22:30 UTC (00:30 on the 16th in Berlin).
    let afternoon = Date(timeIntervalSince1970: 1_750_005_000)
    let lateNight = Date(timeIntervalSince1970: 1_750_026_600)

    @Test(arguments: StoreKind.allCases)
    func dayAndHourFollowTheReportTimeZone(kind: StoreKind) throws {
        let store = try kind.makeStore()
        try store.commit(try cashSale(at: afternoon))
        try store.commit(try cashSale(at: lateNight))
        let range = (afternoon.addingTimeInterval(-86_400), lateNight.addingTimeInterval(86_400))
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(try store.report(by: .day, from: range.0, to: range.1, timeZone: berlin).first?.rows.map(\.key) == ["2025-06-15", "2025-06-16"])
        #expect(try store.report(by: .day, from: range.0, to: range.1, timeZone: utc).first?.rows.map(\.key) == ["2025-06-15"])
        let hours = try store.report(by: .hour, from: range.0, to: range.1, timeZone: berlin).first?.rows
        #expect(hours?.map(\.key) == ["2025-06-15 18:00", "2025-06-16 00:00"])
        #expect(hours?.map(\.saleCount) == [1, 1])
    }

    @Test(arguments: StoreKind.allCases)
    func productRowsAddUpToTheSaleTotals(kind: StoreKind) throws {
        let store = try kind.makeStore()
        try store.commit(try cashSale(at: afternoon))
        try store.commit(try cashSale(at: lateNight))
        let report = try #require(try store.report(by: .product, from: .distantPast, to: .distantFuture, timeZone: .gmt).first)
        // Per sale: hot dogs gross 7.00, discount 0.37, tax 0.43, net 6.20; cola 2.50, 0.13, 0.38, 1.99.
        #expect(report.rows == [
            ReportRow(key: "cola", saleCount: 2, quantity: 2, gross: eur(500), discounts: eur(26), tax: eur(76), net: eur(398)),
            ReportRow(key: "hotdog", saleCount: 2, quantity: 4, gross: eur(1400), discounts: eur(74), tax: eur(86), net: eur(1240)),
        ])
        #expect(report.totals.gross - report.totals.discounts == comboCart.total * 2)
    }

    @Test(arguments: StoreKind.allCases)
    func locationRowsGroupSpotsFixesAndUnknown(kind: StoreKind) throws {
        let store = try kind.makeStore()
        try store.commit(try cashSale(at: afternoon, location: .spot("Alexanderplatz")))
        try store.commit(try cashSale(at: afternoon, location: try .gps(latitude: 52.52186, longitude: 13.41324)))
        try store.commit(try cashSale(at: afternoon, location: nil))
        try store.commit(try cashSale(at: lateNight, location: .spot("Alexanderplatz")))
        let rows = try store.report(by: .location, from: .distantPast, to: .distantFuture, timeZone: .gmt).first?.rows
        #expect(rows?.map(\.key) == ["gps:52.5219,13.4132", "spot:Alexanderplatz", "unknown"])
        #expect(rows?.map(\.saleCount) == [1, 2, 1])
        #expect(rows?.map(\.net) == [eur(819), eur(1638), eur(819)])
    }
}
