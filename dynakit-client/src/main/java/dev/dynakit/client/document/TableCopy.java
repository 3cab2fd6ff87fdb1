package dev.dynakit.client.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynakit.client.batch.Batches;
import dev.dynakit.client.batch.TableWrite;
import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.client.verbs.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Copies every item of a table from one endpoint to another (from {@code embedded:} to AWS, from
 * DynamoDB Local to the engine, between regions or accounts): a parallel scan of the source, in
 * segments, each page written to the target with batched, retried writes.
 *
 * <ul>
 *   <li>The target table is created when missing, with the source's keys, attribute definitions and
 *       secondary indexes, on on-demand capacity, and waited for until ACTIVE.
 *   <li>Progress (items copied, segments finished) is reported after every page.
 *   <li>With a checkpoint file, each segment's position is saved after each page is written, so a
 *       copy that stopped (a crash, a failure, an interrupt) resumes where it was when run again
 *       with the same file. Pages written again after a stop are the same puts, so nothing is
 *       duplicated.
 * </ul>
 *
 * <pre>{@code
 * TableCopy.Result result = TableCopy.builder(local.sdk(), aws.sdk(), "orders")
 *     .segments(8)
 *     .checkpoint(Path.of("orders.copy.json"))
 *     .progress(p -> System.err.printf("%,d items%n", p.items()))
 *     .build()
 *     .run();
 * }</pre>
 */
public final class TableCopy {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the copy stands: items written so far (in this run and before), segments finished. */
  public record Progress(long items, int segmentsDone, int segments) {}

  /** What a copy did. */
  public record Result(
      long items, long itemsThisRun, int segments, boolean resumed, Duration took) {}

  private final DynamoDbClient source;
  private final DynamoDbClient target;
  private final String sourceTable;
  private final String targetTable;
  private final int segments;
  private final int threads;
  private final int pageSize;
  private final boolean createTarget;
  private final Path checkpoint;
  private final Consumer<Progress> progress;
  private final Batches batches;
  private final Clock clock;

  private TableCopy(Builder b) {
    this.source = b.source;
    this.target = b.target;
    this.sourceTable = b.sourceTable;
    this.targetTable = b.targetTable == null ? b.sourceTable : b.targetTable;
    this.segments = b.segments;
    this.threads = b.threads;
    this.pageSize = b.pageSize;
    this.createTarget = b.createTarget;
    this.checkpoint = b.checkpoint;
    this.progress = b.progress;
    this.batches = b.batches == null ? Batches.builder(b.target).build() : b.batches;
    this.clock = b.clock;
  }

  /**
   * A copy of {@code table} from {@code source} to the table of the same name on {@code target}.
   */
  public static Builder builder(DynamoDbClient source, DynamoDbClient target, String table) {
    return new Builder(source, target, table);
  }

  /**
   * Copies what is left to copy.
   *
   * @throws CopyException if a segment failed; positions reached are kept in the checkpoint file
   */
  public Result run() {
    long started = clock.millis();
    State state = load();
    boolean resumed =
        state.items > 0 || state.positions.stream().anyMatch(p -> p.done || p.next != null);
    if (createTarget) {
      createTargetTable();
    }
    AtomicLong items = new AtomicLong(state.items);
    AtomicLong thisRun = new AtomicLong();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            segments,
            r -> {
              Thread thread = new Thread(r, "dynakit-copy");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int segment = 0; segment < segments; segment++) {
        int s = segment;
        running.add(pool.submit(() -> copySegment(s, state, items, thisRun)));
      }
      for (Future<?> each : running) {
        try {
          each.get();
        } catch (ExecutionException e) {
          running.forEach(f -> f.cancel(true));
          throw new CopyException(
              "copying "
                  + sourceTable
                  + " stopped after "
                  + items.get()
                  + " items: "
                  + e.getCause().getMessage()
                  + (checkpoint == null ? "" : "; run again with the same checkpoint to resume"),
              e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running.forEach(f -> f.cancel(true));
          throw new CopyException("copying " + sourceTable + " was interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(
        items.get(), thisRun.get(), segments, resumed, Duration.ofMillis(clock.millis() - started));
  }

  private void copySegment(int segment, State state, AtomicLong items, AtomicLong thisRun) {
    Position position = state.positions.get(segment);
    while (!position.done) {
      Map<String, AttributeValue> start = position.next;
      ScanResponse page =
          source.scan(
              b ->
                  b.tableName(sourceTable)
                      .segment(segment)
                      .totalSegments(segments)
                      .limit(pageSize)
                      .consistentRead(true)
                      .exclusiveStartKey(start));
      if (!page.items().isEmpty()) {
        List<TableWrite> writes = new ArrayList<>(page.items().size());
        page.items().forEach(item -> writes.add(TableWrite.put(targetTable, item)));
        batches.write(writes);
      }
      Map<String, AttributeValue> next = page.lastEvaluatedKey();
      synchronized (state) {
        position.next = next == null || next.isEmpty() ? null : next;
        position.done = position.next == null;
        state.items += page.items().size();
        items.addAndGet(page.items().size());
        thisRun.addAndGet(page.items().size());
        save(state);
        progress.accept(
            new Progress(
                state.items, (int) state.positions.stream().filter(p -> p.done).count(), segments));
      }
    }
  }

  private void createTargetTable() {
    TableDescription table = source.describeTable(b -> b.tableName(sourceTable)).table();
    CreateTableRequest.Builder create =
        CreateTableRequest.builder()
            .tableName(targetTable)
            .attributeDefinitions(table.attributeDefinitions())
            .keySchema(table.keySchema())
            .billingMode(BillingMode.PAY_PER_REQUEST);
    if (table.hasGlobalSecondaryIndexes() && !table.globalSecondaryIndexes().isEmpty()) {
      List<GlobalSecondaryIndex> indexes = new ArrayList<>();
      for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
        indexes.add(
            GlobalSecondaryIndex.builder()
                .indexName(index.indexName())
                .keySchema(index.keySchema())
                .projection(index.projection())
                .build());
      }
      create.globalSecondaryIndexes(indexes);
    }
    if (table.hasLocalSecondaryIndexes() && !table.localSecondaryIndexes().isEmpty()) {
      List<LocalSecondaryIndex> indexes = new ArrayList<>();
      for (LocalSecondaryIndexDescription index : table.localSecondaryIndexes()) {
        indexes.add(
            LocalSecondaryIndex.builder()
                .indexName(index.indexName())
                .keySchema(index.keySchema())
                .projection(index.projection())
                .build());
      }
      create.localSecondaryIndexes(indexes);
    }
    DynakitTable.createTableIfMissing(target, create.build());
  }

  // ---- checkpoint -------------------------------------------------------------------------

  private static final class Position {
    boolean done;
    Map<String, AttributeValue> next;
  }

  private static final class State {
    long items;
    final List<Position> positions = new ArrayList<>();
  }

  private State load() {
    State state = new State();
    for (int i = 0; i < segments; i++) {
      state.positions.add(new Position());
    }
    if (checkpoint == null || !Files.exists(checkpoint)) {
      return state;
    }
    Map<?, ?> saved;
    try {
      saved = JSON.readValue(checkpoint.toFile(), Map.class);
    } catch (IOException e) {
      throw new CopyException("checkpoint " + checkpoint + " cannot be read: " + e.getMessage(), e);
    }
    if (!sourceTable.equals(saved.get("source"))
        || !targetTable.equals(saved.get("target"))
        || !Integer.valueOf(segments).equals(saved.get("segments"))) {
      throw new CopyException(
          "checkpoint "
              + checkpoint
              + " is of another copy (source "
              + saved.get("source")
              + ", target "
              + saved.get("target")
              + ", "
              + saved.get("segments")
              + " segments); resume with the same tables and segments, or use another file",
          null);
    }
    state.items = ((Number) saved.get("items")).longValue();
    List<?> positions = (List<?>) saved.get("positions");
    for (int i = 0; i < segments; i++) {
      Map<?, ?> position = (Map<?, ?>) positions.get(i);
      state.positions.get(i).done = Boolean.TRUE.equals(position.get("done"));
      Object next = position.get("next");
      if (next != null) {
        state.positions.get(i).next =
            Values.typedMap((Map<?, ?>) next, "positions[" + i + "].next");
      }
    }
    return state;
  }

  private void save(State state) {
    if (checkpoint == null) {
      return;
    }
    Map<String, Object> saved = new LinkedHashMap<>();
    saved.put("source", sourceTable);
    saved.put("target", targetTable);
    saved.put("segments", segments);
    saved.put("items", state.items);
    List<Object> positions = new ArrayList<>();
    for (Position position : state.positions) {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("done", position.done);
      each.put("next", position.next == null ? null : Values.toTypedMap(position.next));
      positions.add(each);
    }
    saved.put("positions", positions);
    try {
      Path temporary = checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), saved);
      Files.move(
          temporary,
          checkpoint,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint " + checkpoint + " cannot be written", e);
    }
  }

  /** A copy that stopped; what was copied stays copied, and the checkpoint says where. */
  public static final class CopyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CopyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Builds a {@link TableCopy}. */
  public static final class Builder {
    private final DynamoDbClient source;
    private final DynamoDbClient target;
    private final String sourceTable;
    private String targetTable;
    private int segments = 4;
    private int threads = 8;
    private int pageSize = 500;
    private boolean createTarget = true;
    private Path checkpoint;
    private Consumer<Progress> progress = p -> {};
    private Batches batches;
    private Clock clock = Clock.systemUTC();

    private Builder(DynamoDbClient source, DynamoDbClient target, String table) {
      this.source = Objects.requireNonNull(source, "source");
      this.target = Objects.requireNonNull(target, "target");
      this.sourceTable = DynakitTable.checkedTableName(table);
    }

    /** The target table's name, when it differs from the source's. */
    public Builder targetTable(String table) {
      this.targetTable = DynakitTable.checkedTableName(table);
      return this;
    }

    /** Parallel scan segments, 1 to 1,000,000; default 4. */
    public Builder segments(int segments) {
      if (segments < 1 || segments > 1_000_000) {
        throw new IllegalArgumentException("segments must be 1 to 1000000, was " + segments);
      }
      this.segments = segments;
      return this;
    }

    /** The most segments copied at once, 1 to 256; default 8. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("threads must be 1 to 256, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Items per scanned page (each page is a checkpoint); default 500. */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** Whether to create the target table when missing; default true. */
    public Builder createTarget(boolean create) {
      this.createTarget = create;
      return this;
    }

    /** The file that keeps each segment's position, to resume a stopped copy. */
    public Builder checkpoint(Path file) {
      this.checkpoint = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Called after every page with where the copy stands (from the copy's threads, one at a time).
     */
    public Builder progress(Consumer<Progress> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The batches that write to the target (their retries and metrics). */
    public Builder batches(Batches batches) {
      this.batches = Objects.requireNonNull(batches, "batches");
      return this;
    }

    /** The clock that times the copy. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The copy. */
    public TableCopy build() {
      return new TableCopy(this);
    }
  }
}
