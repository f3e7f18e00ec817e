import ArgumentParser

/// `standctl`: the command line for operators, installers and fleet admins.
public struct StandCtl: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "standctl",
        abstract: "Inspect and operate a StandKit stand.",
        subcommands: [SaleCommand.self, SalesCommand.self, ReportCommand.self, StockCommand.self, CardCommand.self,
                      JournalCommand.self, ExportCommand.self, CatalogCommand.self, RefundCommand.self,
                      ScanCommand.self, OperatorCommand.self, StatusCommand.self, ConfigCommand.self]
    )
    public init() {}
}
