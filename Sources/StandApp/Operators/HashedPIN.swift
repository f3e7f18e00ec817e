import _CryptoExtras
import Crypto
import Foundation

/// A PIN as it is stored: PBKDF2-HMAC-SHA256 of the PIN's digits with a random salt.
///
/// The PIN itself is never kept; `description` shows only the parameters, so logging a value of
/// this type cannot leak a PIN.
public struct HashedPIN: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 32 bytes of derived key.
    public let hash: Data
    /// 16 random bytes, different for every PIN set.
    public let salt: Data
    public let rounds: Int

    /// The rounds new PINs are hashed with. A 4–8 digit PIN cannot resist an offline search
    /// whatever the rounds; they slow it and make a stolen database less useful, while a login on
    /// a small ARM board stays well under a second.
    public static let defaultRounds = 100_000
    /// Stored hashes with fewer rounds are refused.
    public static let minimumRounds = 1_000
    static let hashByteCount = 32
    static let saltByteCount = 16

    /// Wraps stored values after checking their sizes.
    public init(hash: Data, salt: Data, rounds: Int) throws(OperatorError) {
        guard hash.count == Self.hashByteCount else {
            throw .hashingFailed("a PIN hash is \(Self.hashByteCount) bytes, found \(hash.count)")
        }
        guard salt.count >= 8 else { throw .hashingFailed("a salt is at least 8 bytes, found \(salt.count)") }
        guard rounds >= Self.minimumRounds else { throw .hashingFailed("at least \(Self.minimumRounds) rounds, found \(rounds)") }
        self.hash = hash
        self.salt = salt
        self.rounds = rounds
    }

    /// Hashes `pin` (4–8 digits) with a fresh random salt.
    public static func make(pin: String, rounds: Int = defaultRounds) throws(OperatorError) -> HashedPIN {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<saltByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return try make(pin: pin, salt: salt, rounds: rounds)
    }

    /// Hashes `pin` with the given salt (tests and re-hashing).
    public static func make(pin: String, salt: Data, rounds: Int) throws(OperatorError) -> HashedPIN {
        guard isValid(pin: pin) else { throw .invalidPIN }
        let derived = try derive(pin: pin, salt: salt, rounds: max(rounds, minimumRounds))
        return try HashedPIN(hash: derived, salt: salt, rounds: max(rounds, minimumRounds))
    }

    /// Whether `pin` is this PIN. The comparison takes the same time wherever the bytes differ.
    public func matches(_ pin: String) -> Bool {
        guard HashedPIN.isValid(pin: pin), let derived = try? HashedPIN.derive(pin: pin, salt: salt, rounds: rounds),
              derived.count == hash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(derived, hash) { difference |= a ^ b }
        return difference == 0
    }

    /// 4 to 8 ASCII digits.
    public static func isValid(pin: String) -> Bool {
        (4...8).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    public var description: String { "PBKDF2-HMAC-SHA256, \(rounds) rounds" }

    private static func derive(pin: String, salt: Data, rounds: Int) throws(OperatorError) -> Data {
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: Data(pin.utf8), salt: salt, using: .sha256,
                                                        outputByteCount: hashByteCount, unsafeUncheckedRounds: rounds)
            return key.withUnsafeBytes { Data($0) }
        } catch {
            throw .hashingFailed(String(describing: error))
        }
    }
}
