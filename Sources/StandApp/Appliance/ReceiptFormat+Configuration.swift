import StandHardware

extension ReceiptFormat {
    /// The receipt format `configuration` describes: its header (the stand's name when it has
    /// none), footer, logo, paper width and time zone.
    init(configuration: StandConfiguration) throws(ReceiptLogo.LoadError) {
        let header = configuration.receiptHeader
        self.init(header: Receipt.Header(standName: header.first ?? configuration.standName, addressLines: Array(header.dropFirst())),
                  footerLines: configuration.receiptFooter, paperWidth: configuration.paperWidth, timeZone: configuration.timeZone,
                  logo: try configuration.receiptLogoPath.map { path throws(ReceiptLogo.LoadError) in
                      try ReceiptLogo.load(path: path, paperWidth: configuration.paperWidth)
                  })
    }
}
