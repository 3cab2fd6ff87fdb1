package dev.dynakit.client.batch;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A batch stopped before everything was done: DynamoDB still left writes or keys unprocessed after
 * the last attempt or at the deadline, a request failed ({@link #getCause()}), or the wait was
 * interrupted. Nothing is lost: the exception carries every write or key not known to be done
 * (those of a failed request included: sending a put or delete again is harmless) and, for reads,
 * the items already read. The message names tables and counts, never keys or values.
 */
public final class BatchIncompleteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the batch stopped. */
  public enum Reason {
    /** A write or key was left unprocessed as many times as {@code maxAttempts} allows. */
    ATTEMPTS_EXHAUSTED,
    /** The next wait would end after the deadline. */
    DEADLINE,
    /** A request failed; the cause is its exception. */
    REQUEST_FAILED,
    /** The thread was interrupted while waiting (its interrupt flag is set again). */
    INTERRUPTED
  }

  private final Reason reason;
  private final transient List<TableWrite> unprocessedWrites;
  private final transient Map<String, List<Map<String, AttributeValue>>> unprocessedKeys;
  private final BatchReport report;
  private final transient BatchGetResult partialResult;

  BatchIncompleteException(
      String message,
      Reason reason,
      List<TableWrite> unprocessedWrites,
      Map<String, List<Map<String, AttributeValue>>> unprocessedKeys,
      BatchReport report,
      BatchGetResult partialResult,
      Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.unprocessedWrites = List.copyOf(unprocessedWrites);
    this.unprocessedKeys = Map.copyOf(unprocessedKeys);
    this.report = report;
    this.partialResult = partialResult;
  }

  /** Why the batch stopped. */
  public Reason reason() {
    return reason;
  }

  /**
   * The writes not known to be applied, to pass to {@link Batches#write} again; empty for reads.
   */
  public List<TableWrite> unprocessedWrites() {
    return unprocessedWrites;
  }

  /** The keys not read yet, by table, to pass to {@link Batches#get} again; empty for writes. */
  public Map<String, List<Map<String, AttributeValue>>> unprocessedKeys() {
    return unprocessedKeys;
  }

  /** The items read before the batch stopped; {@code null} for writes. */
  public BatchGetResult partialResult() {
    return partialResult;
  }

  /** What was done before the batch stopped. */
  public BatchReport report() {
    return report;
  }
}
