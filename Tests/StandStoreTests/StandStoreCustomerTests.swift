import Foundation
import StandCore
import Testing
@testable import StandStore

@Suite struct StandStoreCustomerTests {
    @Test(arguments: StoreKind.allCases)
    func purchaseCountCountsTheCustomersSalesButNotVoidedOnes(kind: StoreKind) throws {
        let store = try kind.makeStore()
        func sale(_ customer: CustomerID?) throws -> Sale {
            try Sale.make(standID: testStand, operatorID: "op-1", createdAt: Date(), customer: customer, cart: comboCart,
                          tenders: [.cash(given: comboCart.total)])
        }
        let first = try sale("anna")
        try store.commit(first)
        try store.commit(try sale("anna"))
        try store.commit(try sale("ben"))
        try store.commit(try sale(nil))
        #expect(try store.purchaseCount(of: "anna") == 2)
        #expect(try store.purchaseCount(of: "ben") == 1)
        #expect(try store.purchaseCount(of: "carl") == 0)
        let void = try Refund.make(of: first, kind: .void, scope: .wholeSale, previous: [], operatorID: "op-1",
                                   supervisorID: "sup-1", reason: "rang twice", createdAt: Date())
        try store.commit(void)
        #expect(try store.purchaseCount(of: "anna") == 1)
        #expect(try store.sale(id: first.id)?.customerID == "anna")
    }
}
