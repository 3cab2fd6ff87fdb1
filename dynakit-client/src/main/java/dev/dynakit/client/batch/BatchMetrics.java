package dev.dynakit.client.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of {@link Batches}, tagged by operation ({@code BatchWriteItem}, {@code BatchGetItem})
 * and outcome ({@code complete}, {@code incomplete}); never by table, key or value.
 */
final class BatchMetrics {
  static final String REQUESTS = "dynakit_batch_requests_total";
  static final String ITEMS = "dynakit_batch_items_total";
  static final String RETRIES = "dynakit_batch_retries_total";
  static final String RESENT = "dynakit_batch_resent_items_total";
  static final String EFFICIENCY = "dynakit_batch_efficiency";

  private final MeterRegistry registry;

  BatchMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records one call of {@link Batches#write} or {@link Batches#get}; nothing without a registry.
   */
  void record(String operation, boolean complete, BatchReport report) {
    if (registry == null) {
      return;
    }
    String outcome = complete ? "complete" : "incomplete";
    counter(REQUESTS, operation, outcome).increment(report.requests());
    counter(ITEMS, operation, outcome).increment(report.items());
    counter(RETRIES, operation, outcome).increment(report.retries());
    counter(RESENT, operation, outcome).increment(report.itemsResent());
    DistributionSummary.builder(EFFICIENCY)
        .description("items / (items + items sent again), one sample per batch call")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .record(report.efficiency());
  }

  private Counter counter(String name, String operation, String outcome) {
    return Counter.builder(name)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry);
  }
}
