package dev.dynakit.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dynakit.engine.internal.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Faults the engine injects into its answers, to test how an application (and its SDK's retries)
 * handles a failing DynamoDB: for requests of an operation (or any) on a table (or any), with a
 * probability, an error DynamoDB answers when it fails ({@code InternalServerError}, {@code
 * ServiceUnavailable}, {@code ThrottlingException}, {@code ProvisionedThroughputExceededException},
 * {@code RequestLimitExceeded}, {@code TransactionConflictException}) and/or a delay before the
 * answer. The first fault that matches a request applies. Thread-safe; none by default.
 *
 * <pre>{@code
 * engine.faults().add(Faults.Fault.error("GetItem", "orders", 0.2, "ThrottlingException"));
 * engine.faults().add(Faults.Fault.delay("*", "*", 1.0, Duration.ofMillis(50)));
 * }</pre>
 */
public final class Faults {
  /** The errors a fault may answer with. */
  public static final Set<String> ERRORS =
      Set.of(
          "InternalServerError",
          "ServiceUnavailable",
          "ThrottlingException",
          "ProvisionedThroughputExceededException",
          "RequestLimitExceeded",
          "TransactionConflictException");

  /** How the engine waits for a fault's delay; tests give one that moves a clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * One fault.
   *
   * @param operation the operation it applies to ({@code GetItem}), or {@code *} for any
   * @param table the table it applies to, or {@code *} for any (also requests naming none)
   * @param probability how likely a matching request is to get it, 0 to 1
   * @param error the error answered, or null for a delay only
   * @param delay how long the answer is held back first ({@link Duration#ZERO} for none)
   */
  public record Fault(
      String operation, String table, double probability, String error, Duration delay) {
    /**
     * Checks the fault.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public Fault {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(delay, "delay");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("a fault's probability must be between 0 and 1");
      }
      if (error != null && !ERRORS.contains(error)) {
        throw new IllegalArgumentException(
            "a fault's error must be one of " + new java.util.TreeSet<>(ERRORS) + ", not " + error);
      }
      if (delay.isNegative()) {
        throw new IllegalArgumentException("a fault's delay must not be negative");
      }
      if (error == null && delay.isZero()) {
        throw new IllegalArgumentException("a fault needs an error, a delay or both");
      }
    }

    /** A fault answering {@code error}. */
    public static Fault error(String operation, String table, double probability, String error) {
      return new Fault(operation, table, probability, error, Duration.ZERO);
    }

    /** A fault holding answers back by {@code delay}. */
    public static Fault delay(String operation, String table, double probability, Duration delay) {
      return new Fault(operation, table, probability, null, delay);
    }

    boolean matches(String requestOperation, String requestTable) {
      return (operation.equals("*") || operation.equals(requestOperation))
          && (table.equals("*") || table.equals(requestTable));
    }
  }

  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final RandomGenerator random;
  private final Sleeper sleeper;

  Faults(RandomGenerator random, Sleeper sleeper) {
    this.random = random;
    this.sleeper = sleeper;
  }

  /** Adds a fault, after those there are. */
  public void add(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes every fault. */
  public void clear() {
    faults.clear();
  }

  /** The faults, in the order they are tried. */
  public List<Fault> list() {
    return List.copyOf(faults);
  }

  /**
   * Reads faults from a JSON file: an array of objects with {@code operation} and {@code table}
   * (default {@code *}), {@code probability} (default 1), {@code error} and {@code delay_ms}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static List<Fault> read(Path file) {
    List<Fault> read = new ArrayList<>();
    try (JsonParser json = new JsonFactory().createParser(Files.readAllBytes(file))) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException(file + ": expected a JSON array of faults");
      }
      while (json.nextToken() == JsonToken.START_OBJECT) {
        String operation = "*";
        String table = "*";
        double probability = 1;
        String error = null;
        long delay = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          json.nextToken();
          switch (name) {
            case "operation" -> operation = json.getValueAsString();
            case "table" -> table = json.getValueAsString();
            case "probability" -> probability = json.getValueAsDouble();
            case "error" -> error = json.getValueAsString();
            case "delay_ms" -> delay = json.getValueAsLong();
            default ->
                throw new IllegalArgumentException(file + ": a fault has no member '" + name + "'");
          }
        }
        read.add(new Fault(operation, table, probability, error, Duration.ofMillis(delay)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a JSON array of faults", e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    return read;
  }

  /** Applies the first fault that matches {@code request}, if its chance comes up. */
  void apply(SdkRequest request) {
    if (faults.isEmpty()) {
      return;
    }
    String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
    String table = request.getValueForField("TableName", String.class).orElse(null);
    for (Fault fault : faults) {
      if (!fault.matches(operation, table)) {
        continue;
      }
      if (random.nextDouble() >= fault.probability()) {
        return;
      }
      if (!fault.delay().isZero()) {
        try {
          sleeper.sleep(fault.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
        }
      }
      if (fault.error() != null) {
        throw error(fault.error());
      }
      return;
    }
  }

  private static DynamoDbException error(String code) {
    return switch (code) {
      case "InternalServerError" -> Errors.injected(code, "Internal server error", 500);
      case "ServiceUnavailable" -> Errors.injected(code, "Service unavailable", 503);
      case "ThrottlingException" ->
          Errors.injected(code, "Rate of requests exceeds the allowed throughput.", 400);
      case "ProvisionedThroughputExceededException" ->
          Errors.injected(
              code,
              "The level of configured provisioned throughput for the table was exceeded. Consider"
                  + " increasing your provisioning level with the UpdateTable API.",
              400);
      case "RequestLimitExceeded" ->
          Errors.injected(
              code,
              "Throughput exceeds the current throughput limit for your account. Please contact AWS"
                  + " Support at https://aws.amazon.com/support request a limit increase",
              400);
      default -> Errors.injected(code, "Transaction is ongoing for the item", 400);
    };
  }
}
