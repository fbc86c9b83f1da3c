import Metrics
import Prometheus

/// The server's metrics, kept in its own Prometheus registry and exposed at `/metrics`.
/// Hummingbird's request metrics join the same registry when `rendement serve` bootstraps
/// the global metrics system with `factory`.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory
    private let queued: Metrics.Gauge
    private let running: Metrics.Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        factory = PrometheusMetricsFactory(registry: registry)
        queued = Metrics.Gauge(label: "rendement_jobs_queued", factory: factory)
        running = Metrics.Gauge(label: "rendement_jobs_running", factory: factory)
    }

    func submitted(_ kind: JobKind) {
        Metrics.Counter(label: "rendement_jobs_submitted_total", dimensions: [("kind", kind.rawValue)], factory: factory).increment()
    }

    func finished(_ kind: JobKind, _ status: JobStatus, seconds: Double) {
        Metrics.Counter(label: "rendement_jobs_finished_total", dimensions: [("kind", kind.rawValue), ("status", status.rawValue)], factory: factory).increment()
        Metrics.Recorder(label: "rendement_job_run_seconds", dimensions: [("kind", kind.rawValue)], aggregate: true, factory: factory).record(seconds)
    }

    func refused(_ reason: String) {
        Metrics.Counter(label: "rendement_requests_refused_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// The Prometheus text, with the queue gauges read from the store just before.
    func render(store: JobStore) -> String {
        if let counts = try? store.counts() {
            queued.record(counts[.queued] ?? 0)
            running.record(counts[.running] ?? 0)
        }
        return registry.emitToString()
    }
}
