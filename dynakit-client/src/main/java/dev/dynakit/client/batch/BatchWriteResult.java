package dev.dynakit.client.batch;

/**
 * The outcome of {@link Batches#write}: every write was applied.
 *
 * @param report how many writes, requests and retries it took
 */
public record BatchWriteResult(BatchReport report) {

  /** The writes applied. */
  public int items() {
    return report.items();
  }

  /** {@link BatchReport#efficiency()}. */
  public double efficiency() {
    return report.efficiency();
  }
}
