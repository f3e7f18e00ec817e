import Foundation
import StandApp
import StandCore
import StandStore
import Testing

@Suite("Operators and hashed PINs")
struct OperatorTests {
    static let rounds = HashedPIN.minimumRounds

    @Test func pinVerifiesAndAWrongOneDoesNot() throws {
        let hashed = try HashedPIN.make(pin: "4711", rounds: Self.rounds)
        #expect(hashed.matches("4711"))
        #expect(!hashed.matches("4712"))
        #expect(!hashed.matches("47110"))
        #expect(!hashed.matches(""))
        #expect(hashed.hash.count == 32)
        #expect(!hashed.description.contains("4711"))
    }

    @Test func theSamePINGetsDifferentSaltsAndHashes() throws {
        let first = try HashedPIN.make(pin: "4711", rounds: Self.rounds)
        let second = try HashedPIN.make(pin: "4711", rounds: Self.rounds)
        #expect(first.salt != second.salt)
        #expect(first.hash != second.hash)
        #expect(first.matches("4711") && second.matches("4711"))
    }

    @Test func knownDerivation() throws {
        // PBKDF2-HMAC-SHA256("1234", salt "standkit-salt-01", 1000 rounds, 32 bytes), computed
        // independently with Python's hashlib.pbkdf2_hmac.
        let hashed = try HashedPIN.make(pin: "1234", salt: Data("standkit-salt-01".utf8), rounds: 1000)
        #expect(hashed.hash.map { String(format: "%02x", $0) }.joined() == Self.expectedHex)
    }

    static let expectedHex = "b749d7e8fbc43dd1e6b61e6448790c9c2361651c2a9dce840611c2ffcc56cf66"

    @Test func invalidPINsAreRefused() {
        for pin in ["123", "123456789", "12a4", "１２３４"] {
            #expect(throws: OperatorError.invalidPIN) { try HashedPIN.make(pin: pin, rounds: Self.rounds) }
        }
    }

    @Test func directoryFindsTheOperatorByPINAndRefusesSharedPINs() throws {
        var directory = try OperatorDirectory()
        try directory.set("anna", name: "Anna", role: .operator, pin: "1234", rounds: Self.rounds)
        try directory.set("sam", name: "Sam", role: .supervisor, pin: "9999", rounds: Self.rounds)
        #expect(directory.authenticate(pin: "9999")?.id == "sam")
        #expect(directory.authenticate(pin: "1234")?.isSupervisor == false)
        #expect(directory.authenticate(pin: "0000") == nil)
        #expect(throws: OperatorError.pinInUse(by: "anna")) {
            try directory.set("bob", name: "Bob", role: .operator, pin: "1234", rounds: Self.rounds)
        }
        // Changing one's own PIN replaces the entry.
        try directory.set("anna", name: "Anna", role: .operator, pin: "5555", rounds: Self.rounds)
        #expect(directory.accounts.count == 2)
        #expect(directory.authenticate(pin: "1234") == nil)
        #expect(directory.authenticate(pin: "5555")?.id == "anna")
    }

    @Test func storeRoundTrip() throws {
        let store = try StandStore.inMemory(standID: "s1")
        var directory = try OperatorDirectory()
        let anna = try directory.set("anna", name: "Anna", role: .operator, pin: "1234", rounds: Self.rounds)
        let sam = try directory.set("sam", name: "Sam", role: .supervisor, pin: "9999", rounds: Self.rounds)
        try store.upsertOperator(anna.stored)
        try store.upsertOperator(sam.stored)
        let loaded = try OperatorDirectory(store: store)
        #expect(Set(loaded.accounts) == Set([anna, sam]))
        #expect(loaded.authenticate(pin: "9999")?.role == .supervisor)
        // Upsert replaces; remove deletes.
        let renamed = try directory.set("anna", name: "Anna K.", role: .supervisor, pin: "2468", rounds: Self.rounds)
        try store.upsertOperator(renamed.stored)
        #expect(try OperatorDirectory(store: store).account("anna")?.name == "Anna K.")
        #expect(try store.removeOperator("sam"))
        #expect(try store.operators().map(\.id) == ["anna"])
    }
}
