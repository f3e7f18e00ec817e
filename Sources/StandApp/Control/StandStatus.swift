import Foundation
import StandHardware
import StandStore

/// What `/status` answers and `standctl status` prints: the stand's health at one moment.
public struct StandStatus: Codable, Hashable, Sendable {
    public struct Device: Codable, Hashable, Sendable {
        /// `printer`, `card-terminal`, … (``DeviceKind``'s raw value).
        public var kind: String
        /// "ok", "out of paper", "not configured".
        public var status: String
        /// Where the device is in its lifecycle (`enabled`, `disconnected`); nil when not configured.
        public var state: String?
        public var configured: Bool
        /// Whether work can be sent to it now.
        public var up: Bool
        /// Failed connection attempts in a row.
        public var failures: Int

        public init(kind: String, status: String, state: String?, configured: Bool, up: Bool, failures: Int) {
            (self.kind, self.status, self.state, self.configured, self.up, self.failures) = (kind, status, state, configured, up, failures)
        }
    }

    public struct PrintQueue: Codable, Hashable, Sendable {
        /// Receipts and reports not yet confirmed by the printer.
        public var pending: Int

        public init(pending: Int) { self.pending = pending }
    }

    public struct Sync: Codable, Hashable, Sendable {
        /// Journal entries (sales, refunds, stock) the fleet has not acknowledged yet.
        public var waiting: Int

        public init(waiting: Int) { self.waiting = waiting }
    }

    public struct Storage: Codable, Hashable, Sendable {
        public var dataDirectory: String
        /// The store's files (database, WAL, shared memory) together; nil when unreadable.
        public var storeBytes: Int64?
        /// Free space for the data directory's file system; nil when unreadable.
        public var freeBytes: Int64?

        public init(dataDirectory: String, storeBytes: Int64?, freeBytes: Int64?) {
            (self.dataDirectory, self.storeBytes, self.freeBytes) = (dataDirectory, storeBytes, freeBytes)
        }
    }

    public var version: String
    public var standID: String
    public var uptimeSeconds: Int
    public var devices: [Device]
    public var printQueue: PrintQueue
    public var sync: Sync
    /// Card payments whose money is not yet accounted for (waiting for the terminal or a supervisor).
    public var openCardAttempts: Int
    public var storage: Storage
    /// Anything the status could not read, in a person's words.
    public var problems: [String]

    public init(version: String, standID: String, uptimeSeconds: Int, devices: [Device], printQueue: PrintQueue,
                sync: Sync, openCardAttempts: Int, storage: Storage, problems: [String] = []) {
        self.version = version
        self.standID = standID
        self.uptimeSeconds = uptimeSeconds
        self.devices = devices
        self.printQueue = printQueue
        self.sync = sync
        self.openCardAttempts = openCardAttempts
        self.storage = storage
        self.problems = problems
    }

    /// Reads the appliance's status now; `startedAt` is when the process started.
    public static func read(from appliance: StandAppliance, dataDirectory: String, startedAt: ContinuousClock.Instant) async -> StandStatus {
        let store = appliance.store
        var problems: [String] = []
        let devices = await appliance.supervisor.snapshot().map { status in
            Device(kind: status.kind.rawValue, status: status.summary, state: status.state.map(Self.stateName),
                   configured: status.condition != .notConfigured, up: status.condition.isUsable, failures: status.failures)
        }
        let pending = await appliance.spooler.pendingJobs.count
        var waiting = 0
        var openCards = 0
        do { waiting = try store.pendingOutbox(limit: 1_000_000).count } catch { problems.append("sync queue unreadable: \(error)") }
        do { openCards = try store.openCardAttempts().count } catch { problems.append("card attempts unreadable: \(error)") }
        let uptime = ContinuousClock.now - startedAt
        return StandStatus(version: StandVersion.current, standID: "\(store.standID)", uptimeSeconds: Int(uptime.components.seconds),
                           devices: devices, printQueue: PrintQueue(pending: pending), sync: Sync(waiting: waiting),
                           openCardAttempts: openCards, storage: Storage.read(dataDirectory: dataDirectory, databasePath: store.databasePath),
                           problems: problems)
    }

    /// `closed`, `opened`, `claimed`, `enabled`, `disconnected` or `failed`.
    static func stateName(_ state: DeviceState) -> String {
        switch state {
        case .closed: "closed"
        case .opened: "opened"
        case .claimed: "claimed"
        case .enabled: "enabled"
        case .disconnected: "disconnected"
        case .failed: "failed"
        }
    }

    /// The lines `standctl status` prints.
    public var lines: [String] {
        var lines = ["standd \(version) · stand \(standID) · up \(Self.duration(uptimeSeconds))"]
        for device in devices {
            lines.append("  \(device.kind): \(device.status)\(device.failures > 0 ? " (\(device.failures) failed attempts)" : "")")
        }
        lines.append("print queue: \(printQueue.pending) waiting")
        lines.append("sync: \(sync.waiting) waiting to sync")
        lines.append("card payments open: \(openCardAttempts)")
        let size = storage.storeBytes.map(Self.bytes) ?? "unknown"
        let free = storage.freeBytes.map(Self.bytes) ?? "unknown"
        lines.append("data: \(storage.dataDirectory) · store \(size) · \(free) free")
        lines += problems.map { "problem: \($0)" }
        return lines
    }

    static func duration(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3600, minutes = seconds % 3600 / 60
        if days > 0 { return "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(minutes) min" }
        if minutes > 0 { return "\(minutes) min \(seconds % 60) s" }
        return "\(seconds) s"
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}

extension StandStatus.Storage {
    static func read(dataDirectory: String, databasePath: String) -> StandStatus.Storage {
        let files = FileManager.default
        let sizes = ["", "-wal", "-shm"].compactMap { suffix in
            (try? files.attributesOfItem(atPath: databasePath + suffix))?[.size] as? NSNumber
        }
        let free = (try? files.attributesOfFileSystem(forPath: dataDirectory))?[.systemFreeSize] as? NSNumber
        return StandStatus.Storage(dataDirectory: dataDirectory, storeBytes: sizes.isEmpty ? nil : sizes.reduce(0) { $0 + $1.int64Value },
                                   freeBytes: free?.int64Value)
    }
}
