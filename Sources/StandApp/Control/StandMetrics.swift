import CoreMetrics
import Metrics
import Prometheus
import StandHardware

/// The stand's metrics, as Prometheus scrapes them from `/metrics`.
///
/// Events (a sale committed, a card payment finished) are counted where they happen through
/// swift-metrics; levels (receipts waiting, devices up, the store's size) are set from a
/// ``StandStatus`` just before each scrape. `bootstrap()` points swift-metrics at the registry
/// once per process; a test binds its own registry with `withMetricsFactory` instead.
public enum StandMetrics {
    public static let salesTotal = "standkit_sales_total"
    public static let saleCommitSeconds = "standkit_sale_commit_seconds"
    public static let printJobsPending = "standkit_print_jobs_pending"
    public static let deviceUp = "standkit_device_up"
    public static let cardPaymentsTotal = "standkit_card_payments_total"
    public static let storeSizeBytes = "standkit_store_size_bytes"
    public static let syncPendingEntries = "standkit_sync_pending_entries"

    /// A commit takes milliseconds on a healthy SD card; seconds mean a dying one.
    static let commitBuckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                                            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                            .milliseconds(500), .seconds(1), .milliseconds(2500)]

    /// A factory over `registry` with the stand's histogram buckets.
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[saleCommitSeconds] = commitBuckets
        return factory
    }

    private static let processRegistry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(factory(registry: registry))
        return registry
    }()

    /// The process's registry, bootstrapping swift-metrics with it on the first call.
    public static func bootstrap() -> PrometheusCollectorRegistry { processRegistry }

    // MARK: - Events

    static func saleCommitted(after duration: Duration) {
        Counter(label: salesTotal).increment()
        Metrics.Timer(label: saleCommitSeconds).record(duration: duration)
    }

    static func cardPaymentFinished(_ result: CardResult) {
        Counter(label: cardPaymentsTotal, dimensions: [("result", result.metricLabel)]).increment()
    }

    // MARK: - Levels

    /// Sets the levels a scrape reads from the stand's status.
    static func record(_ status: StandStatus, factory: any MetricsFactory) {
        Gauge(label: printJobsPending, factory: factory).record(status.printQueue.pending)
        Gauge(label: syncPendingEntries, factory: factory).record(status.sync.waiting)
        if let bytes = status.storage.storeBytes { Gauge(label: storeSizeBytes, factory: factory).record(bytes) }
        for device in status.devices where device.configured {
            Gauge(label: deviceUp, dimensions: [("kind", device.kind)], factory: factory).record(device.up ? 1 : 0)
        }
    }
}

extension CardResult {
    /// approved, declined, cancelled, timed_out, failed.
    var metricLabel: String {
        switch self {
        case .approved: "approved"
        case .declined: "declined"
        case .cancelledByCustomer: "cancelled"
        case .timedOut: "timed_out"
        case .failed: "failed"
        }
    }
}
