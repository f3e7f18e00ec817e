/// Lets `[TaxClassID: Int]` encode as a JSON object (`{"standard": 1900}`) instead of a flat array.
extension TaxClassID: CodingKeyRepresentable {
    public var codingKey: any CodingKey { TaxClassKey(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(codingKey.stringValue)
    }
}

private struct TaxClassKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
