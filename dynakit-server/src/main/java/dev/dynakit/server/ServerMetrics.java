package dev.dynakit.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The server's own request metrics: for each operation of the DynamoDB endpoint, how many requests
 * were answered, how many with an error, and their latency (mean, maximum, and quantiles read off a
 * histogram of power-of-two microsecond buckets). Counters only, no timers or threads: recording is
 * a few atomic additions, and a {@link #snapshot()} reads them.
 */
public final class ServerMetrics {
  /** Operation names recorded as themselves; more distinct names than this count as "other". */
  static final int MAX_OPERATIONS = 64;

  private static final int BUCKETS = 40;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9.]{0,60}");

  private final LongSupplier nanoTime;
  private final Map<String, Operation> operations = new ConcurrentHashMap<>();

  /**
   * @param nanoTime the monotonic clock latencies are read from, in nanoseconds ({@code
   *     System::nanoTime} in a server)
   */
  public ServerMetrics(LongSupplier nanoTime) {
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** The clock's reading now, to pass to {@link #record} when the request is answered. */
  long start() {
    return nanoTime.getAsLong();
  }

  /**
   * Records one answered request.
   *
   * @param target the request's {@code X-Amz-Target} (such as {@code DynamoDB_20120810.PutItem}),
   *     or {@code null}
   * @param status the HTTP status answered
   * @param started what {@link #start()} read when the request began
   */
  void record(String target, int status, long started) {
    long micros = Math.max(0, (nanoTime.getAsLong() - started) / 1_000);
    operation(name(target)).add(micros, status != 200);
  }

  /** {@code PutItem} for DynamoDB's targets, {@code Streams.GetRecords} for those of Streams. */
  static String name(String target) {
    if (target == null) {
      return "none";
    }
    int dot = target.indexOf('.');
    String operation = dot < 0 ? target : target.substring(dot + 1);
    if (dot > 0 && target.startsWith("DynamoDBStreams")) {
      operation = "Streams." + operation;
    }
    return NAME.matcher(operation).matches() ? operation : "other";
  }

  private Operation operation(String name) {
    Operation existing = operations.get(name);
    if (existing != null) {
      return existing;
    }
    if (operations.size() >= MAX_OPERATIONS) {
      return operations.computeIfAbsent("other", n -> new Operation());
    }
    return operations.computeIfAbsent(name, n -> new Operation());
  }

  /** What has been recorded so far, by operation name in alphabetical order. */
  public List<OperationStats> snapshot() {
    List<OperationStats> stats = new ArrayList<>();
    new java.util.TreeMap<>(operations).forEach((name, op) -> stats.add(op.stats(name)));
    return stats;
  }

  /**
   * One operation's figures; latencies in microseconds, quantiles as the upper bound of the
   * histogram bucket they fall in (so within a factor of two above the true value).
   */
  public record OperationStats(
      String operation,
      long count,
      long errors,
      long meanMicros,
      long p50Micros,
      long p99Micros,
      long maxMicros) {}

  private static final class Operation {
    private final LongAdder count = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder totalMicros = new LongAdder();
    private final AtomicLong maxMicros = new AtomicLong();
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

    void add(long micros, boolean error) {
      count.increment();
      if (error) {
        errors.increment();
      }
      totalMicros.add(micros);
      maxMicros.accumulateAndGet(micros, Math::max);
      buckets.incrementAndGet(bucket(micros));
    }

    OperationStats stats(String name) {
      long[] counts = new long[BUCKETS];
      long total = 0;
      for (int i = 0; i < BUCKETS; i++) {
        counts[i] = buckets.get(i);
        total += counts[i];
      }
      long n = count.sum();
      return new OperationStats(
          name,
          n,
          errors.sum(),
          n == 0 ? 0 : totalMicros.sum() / n,
          quantile(counts, total, 0.50),
          quantile(counts, total, 0.99),
          maxMicros.get());
    }
  }

  /** Bucket i holds latencies below 2^i microseconds (and at least 2^(i-1)); bucket 0 holds 0. */
  static int bucket(long micros) {
    return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(micros));
  }

  /** The upper bound of the bucket holding the q-quantile, in microseconds; 0 if none recorded. */
  static long quantile(long[] counts, long total, double q) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i == 0 ? 0 : 1L << i;
      }
    }
    return 1L << (counts.length - 1);
  }
}
