import Foundation

/// `scripts/hil/devices.conf`, the one description of the hardware-in-the-loop VM's simulated
/// devices: one `KEY="value"` a line, `#` comments and blank lines ignored. Inside the VM the file
/// comes from `STANDKIT_HIL_DEVICES` (the copy that run used); elsewhere from the repository.
public struct HILDevicesConf: Sendable {
    public let path: String
    private let values: [String: String]

    /// The repository's own file, found from this source file's place in the tree.
    public static let repositoryPath: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }   // the file, KernelDevices, HardwareMocks
        return url.appendingPathComponent("scripts/hil/devices.conf").path
    }()

    /// The file this run should read: `STANDKIT_HIL_DEVICES` when set, else the repository's.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(HILDevicesConfError) -> HILDevicesConf {
        let path = environment[HILEnvironment.Variable.devices.rawValue] ?? repositoryPath
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw HILDevicesConfError(path: path, line: nil,
                                      problem: "cannot be read (\(error.localizedDescription)); scripts/hil/run copies it into the VM, or check out scripts/hil/devices.conf")
        }
        return try HILDevicesConf(parsing: text, path: path)
    }

    public init(parsing text: String, path: String) throws(HILDevicesConfError) {
        var values: [String: String] = [:]
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let number = index + 1
            guard let equals = line.firstIndex(of: "=") else {
                throw HILDevicesConfError(path: path, line: number, problem: "'\(line)' is not KEY=\"value\"")
            }
            let key = String(line[..<equals])
            var value = Substring(line[line.index(after: equals)...])
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }),
                  !(key.first?.isNumber ?? true) else {
                throw HILDevicesConfError(path: path, line: number, problem: "'\(key)' is not a name of capitals, digits and '_'")
            }
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else {
                    throw HILDevicesConfError(path: path, line: number, problem: "the value of \(key) has no closing quote")
                }
                value = value.dropFirst().dropLast()
            }
            guard !value.contains(where: { $0 == "\"" || $0 == "$" || $0 == "\\" }) else {
                throw HILDevicesConfError(path: path, line: number, problem: "the value of \(key) holds a quote, '$' or backslash, which the VM's shell would expand")
            }
            guard values[key] == nil else {
                throw HILDevicesConfError(path: path, line: number, problem: "\(key) is set a second time")
            }
            values[key] = String(value)
        }
        self.path = path
        self.values = values
    }

    public func string(_ key: String) throws(HILDevicesConfError) -> String {
        guard let value = values[key] else {
            throw HILDevicesConfError(path: path, line: nil, problem: "has no \(key)")
        }
        return value
    }

    /// A USB id written `0x1c4f`.
    public func usbID(_ key: String) throws(HILDevicesConfError) -> UInt16 {
        let text = try string(key)
        guard text.lowercased().hasPrefix("0x"), let value = UInt16(text.dropFirst(2), radix: 16) else {
            throw HILDevicesConfError(path: path, line: nil, problem: "\(key) is '\(text)', not a 16-bit hexadecimal id like 0x1c4f")
        }
        return value
    }

    public func integer(_ key: String) throws(HILDevicesConfError) -> Int {
        let text = try string(key)
        guard let value = Int(text) else {
            throw HILDevicesConfError(path: path, line: nil, problem: "\(key) is '\(text)', not a whole number")
        }
        return value
    }

    /// The offset of the GPIO line named `name` (`GPIO_LINEn_NAME`).
    public func gpioLine(named name: String) throws(HILDevicesConfError) -> Int {
        let count = try integer("GPIO_LINE_COUNT")
        for offset in 0..<count where values["GPIO_LINE\(offset)_NAME"] == name { return offset }
        throw HILDevicesConfError(path: path, line: nil, problem: "names no GPIO line '\(name)' among its \(count) lines")
    }

    /// The printer's ids as a stand's configuration writes them: "04b8:0e15".
    public func printerUSBID() throws(HILDevicesConfError) -> String {
        let vendor = try usbID("PRINTER_VENDOR_ID"), product = try usbID("PRINTER_PRODUCT_ID")
        return String(format: "%04x:%04x", vendor, product)
    }
}

/// A devices.conf that cannot be used: which file, which line, what is wrong.
public struct HILDevicesConfError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let problem: String

    public init(path: String, line: Int?, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String {
        "The hardware-in-the-loop device list \(path)\(line.map { " (line \($0))" } ?? "") \(problem)."
    }
}
