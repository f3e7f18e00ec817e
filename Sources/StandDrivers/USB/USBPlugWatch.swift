import CLibUSB
import Synchronization

/// Tells when a USB device was plugged in or pulled out: through libusb's hotplug callbacks
/// where libusb has them (`LIBUSB_CAP_HAS_HOTPLUG`), else by comparing the device list every
/// `interval`. Runs until its task is cancelled.
enum USBPlugWatch {
    static func run(context: USBContext, interval: Duration, _ changed: AsyncStream<Void>.Continuation) async {
        if context.hasHotplug, let registration = try? USBHotplugRegistration(context: context, changed) {
            while !Task.isCancelled {
                context.handlePendingEvents()
                do { try await Task.sleep(for: interval) } catch { break }
            }
            registration.deregister()
            return
        }
        var seen = Self.plugged(context)
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { break }
            let now = Self.plugged(context)
            if now != seen { changed.yield() }
            seen = now
        }
    }

    private static func plugged(_ context: USBContext) -> Set<String> {
        Set(((try? context.devices(readingSerials: false)) ?? []).map { "\($0.bus).\($0.address) \($0.id)" })
    }
}

/// One registered libusb hotplug callback for arrivals and departures of any device; each one
/// yields on `changed`. Deregistered exactly once.
private final class USBHotplugRegistration: Sendable {
    private final class Target: Sendable {
        let changed: AsyncStream<Void>.Continuation
        init(_ changed: AsyncStream<Void>.Continuation) { self.changed = changed }
    }

    private let context: USBContext
    private let target: Target
    private let callback: Mutex<libusb_hotplug_callback_handle?>

    init(context: USBContext, _ changed: AsyncStream<Void>.Continuation) throws(USBError) {
        self.context = context
        target = Target(changed)
        var registered: libusb_hotplug_callback_handle = 0
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let result = libusb_hotplug_register_callback(
            context.handle, events, 0, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            { _, _, _, target in
                if let target { Unmanaged<Target>.fromOpaque(target).takeUnretainedValue().changed.yield() }
                return 0
            },
            Unmanaged.passUnretained(target).toOpaque(), &registered)
        guard result == 0 else { throw USBError(call: "libusb_hotplug_register_callback", result: result, device: "libusb") }
        callback = Mutex(registered)
    }

    deinit {
        deregister()
    }

    /// After this returns libusb calls the callback no more (it takes the same lock to call it).
    func deregister() {
        guard let registered = callback.withLock({ value in defer { value = nil }; return value }) else { return }
        libusb_hotplug_deregister_callback(context.handle, registered)
    }
}
