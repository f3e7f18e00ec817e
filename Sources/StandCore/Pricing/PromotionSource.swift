/// Who set a promotion up: the company (pushed by the fleet) or the stand's operator.
public enum PromotionSource: String, Hashable, Sendable, Codable {
    case company
    case local
}
