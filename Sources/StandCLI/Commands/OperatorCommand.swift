import ArgumentParser
import Foundation
import StandApp
import StandCore
import StandStore

/// `standctl operator add|list|remove`: the people who may log in at the stand's keypad.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Add, list and remove the operators who log in at the keypad with a PIN.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an operator, or set an existing one's name, role and PIN.",
            discussion: "The PIN (4 to 8 digits) is read from the first line of standard input, so it never shows in the "
                + "process list or the shell history: printf '4711\\n' | standctl operator add --id anna --name Anna")
        @OptionGroup var store: StoreOptions
        @Option(help: "The operator's id: letters, digits, - (it is recorded on every sale they ring).") var id: String
        @Option(help: "The name shown on the display and the reports.") var name: String
        @Option(help: "operator or supervisor (supervisors approve voids and refunds).") var role: String = "operator"

        func run() throws {
            guard let role = OperatorRole(rawValue: role) else {
                throw CommandError("unknown role '\(role)'; use operator or supervisor")
            }
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw CommandError("operator id '\(id)' may only hold letters, digits and -")
            }
            guard let pin = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !pin.isEmpty else {
                throw CommandError("no PIN on standard input; pipe it in: printf '4711\\n' | standctl operator add --id \(id) --name ...")
            }
            let stand = try store.openStore()
            var directory = try OperatorDirectory(store: stand)
            let replaced = directory.account(OperatorID(id)) != nil
            let account = try directory.set(OperatorID(id), name: name, role: role, pin: pin)
            try stand.upsertOperator(account.stored)
            print("\(replaced ? "Updated" : "Added") \(account.role.rawValue) \(account.id) (\(account.name)).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the operators (never their PINs).")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let directory = try OperatorDirectory(store: try store.openStore())
            guard !directory.accounts.isEmpty else {
                print("No operators yet; add one with: standctl operator add --id ID --name NAME --role supervisor")
                return
            }
            var table = TextTable([("ID", .left), ("NAME", .left), ("ROLE", .left)])
            for account in directory.accounts { table.append([account.id.rawValue, account.name, account.role.rawValue]) }
            print(table.render())
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an operator; they can no longer log in.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The operator's id.") var id: String

        func run() throws {
            guard try store.openStore().removeOperator(OperatorID(id)) else {
                throw CommandError("there is no operator \(id); standctl operator list shows them")
            }
            print("Removed operator \(id).")
        }
    }
}
