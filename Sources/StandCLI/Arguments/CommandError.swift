/// A mistake in what was asked of a command, found while running it: printed as
/// "Error: <message>" on stderr, exit status 1, without the usage text.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}
