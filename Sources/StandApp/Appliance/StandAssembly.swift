import Foundation
import Logging
import StandCore
import StandHardware
import StandStore

/// What a stand is made of besides its devices, read from the configuration and the store:
/// the pricer, the operators, the operator terminal (with the last sale and the default spot)
/// and the receipt format. `standd` and `standd --simulate` build their appliance from it.
struct StandAssembly {
    let store: StandStore
    let operators: OperatorDirectory
    let pricer: Pricer
    let receiptFormat: ReceiptFormat
    let configuration: StandConfiguration

    /// Opens (and migrates) the store and reads the catalog, the operators and the logo.
    init(configuration: StandConfiguration) throws {
        self.configuration = configuration
        store = try StandStore.open(dataDirectory: configuration.dataDirectory, standID: configuration.standID,
                                    logger: Logger(label: "standkit.store"))
        pricer = try Self.pricer(configuration)
        operators = try OperatorDirectory(store: store)
        receiptFormat = try ReceiptFormat(configuration: configuration)
    }

    /// The appliance around `devices` (not yet running: call `run()`).
    func appliance(devices: DeviceSet, operators: OperatorDirectory, backoff: ReconnectBackoff,
                   printRetryInterval: Duration, logger: Logger) throws -> StandAppliance {
        let now = Date()
        let lastSale = try store.sales(from: now.addingTimeInterval(-7 * 86_400), to: now.addingTimeInterval(60)).last
        let spot = try configuration.defaultLocation.map { name throws(SaleError) in try SaleLocation.named(name) }
        let terminal = OperatorTerminal(settings: configuration.terminalSettings, pricer: pricer, operators: operators,
                                        now: now, lastSale: lastSale, location: spot)
        return try StandAppliance(store: store, terminal: terminal, devices: devices, receiptFormat: receiptFormat,
                                  backoff: backoff, printRetryInterval: printRetryInterval, logger: logger)
    }

    /// The demo pricer, or the configured catalog file (then without promotions).
    static func pricer(_ configuration: StandConfiguration) throws -> Pricer {
        let demo = try DemoStand()
        guard let path = configuration.catalogPath else {
            return try Pricer(catalog: demo.catalog, promotions: demo.promotions, settings: configuration.pricingSettings)
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CatalogError.invalidFile(path: path, problem: (error as NSError).localizedDescription)
        }
        return try Pricer(catalog: try Catalog.load(json: data), promotions: [], settings: configuration.pricingSettings)
    }
}
