/// The StandKit release this build is, as `/status`, `standctl status` and the package name it.
public enum StandVersion {
    public static let current = "0.12.0"
}
