package dev.dynakit.engine;

import dev.dynakit.engine.internal.GlobalTables;
import dev.dynakit.engine.internal.Lazy;
import dev.dynakit.engine.internal.Operations;
import dev.dynakit.engine.protocol.WireResponse;
import dev.dynakit.engine.storage.DurableStorage;
import dev.dynakit.engine.storage.MemoryStorage;
import dev.dynakit.engine.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * An embedded DynamoDB-compatible database, served in-process through the AWS SDK's own {@link
 * DynamoDbClient} interface.
 *
 * <pre>{@code
 * try (DynakitEngine engine = DynakitEngine.inMemory()) {
 *   DynamoDbClient ddb = engine.client();
 *   ddb.createTable(b -> b.tableName("users")
 *       .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
 *       .keySchema(k -> k.attributeName("id").keyType("HASH"))
 *       .billingMode("PAY_PER_REQUEST"));
 * }
 * }</pre>
 *
 * <p>With {@link Builder#dataDir} the engine keeps its tables on disk, and an engine opened on the
 * same directory later (in this process or another) finds them; see {@code docs/storage.md}.
 *
 * <pre>{@code
 * try (DynakitEngine engine = DynakitEngine.builder().dataDir(Path.of(".dynakit")).build()) {
 *   engine.client().listTables();
 * }
 * }</pre>
 *
 * <p>Tables whose time to live is enabled (UpdateTimeToLive) lose their expired items by the
 * engine's clock: every {@link Builder#expiryInterval} on a daemon thread, or at once by {@link
 * #expireNow()}.
 *
 * <p>Operations the engine does not serve yet answer as DynamoDB answers an unknown operation, with
 * a {@code DynamoDbException} whose error code is {@code UnknownOperationException}.
 */
public final class DynakitEngine implements AutoCloseable {
  private final Storage storage;
  private final Operations operations;
  private final EngineClient client;
  private final EngineStreamsClient streamsClient;
  private final Expirer expirer;
  // Made on first use: an engine used only through client() never loads the JSON codec.
  private final Lazy<SdkHttpClient> httpClient =
      new Lazy<>() {
        @Override
        protected SdkHttpClient make() {
          return new EngineHttpClient(DynakitEngine.this);
        }
      };
  private volatile boolean closed;
  private final Family family;
  private final Faults faults;

  private DynakitEngine(Builder builder) {
    this(builder, null);
  }

  private DynakitEngine(Builder builder, Family joining) {
    Warmup.start();
    this.storage =
        builder.dataDir == null
            ? new MemoryStorage()
            : DurableStorage.open(
                builder.dataDir, builder.durability == Durability.SYNC, builder.syncInterval);
    this.expirer = new Expirer(builder.expiryInterval, builder.expiryScheduler, this);
    try {
      this.operations =
          new Operations(
              builder.clock,
              builder.region,
              storage,
              new Runnable() {
                @Override
                public void run() {
                  expirer.start();
                }
              },
              builder.buckets,
              builder.kinesisStreams);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    this.faults = new Faults(builder.faultRandom, builder.faultSleeper);
    this.family = joining == null ? new Family(builder, this) : joining;
    family.engines.put(builder.region, this);
    operations.globalTables(family.global);
    operations.enforceCapacity(builder.enforceCapacity);
    this.client = new EngineClient(this);
    this.streamsClient = new EngineStreamsClient(this);
    if (operations.anyTimeToLive()) {
      expirer.start();
    }
  }

  /** A new engine that keeps everything in memory, on the system clock, in {@code us-east-1}. */
  public static DynakitEngine inMemory() {
    return builder().build();
  }

  /** Starts configuring an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /** The engine as a {@link DynamoDbClient}: model objects in, model objects out, no JSON. */
  public DynamoDbClient client() {
    return client;
  }

  /**
   * The engine's DynamoDB Streams as a {@link DynamoDbStreamsClient}: ListStreams, DescribeStream,
   * GetShardIterator and GetRecords over the change records of the tables whose stream is enabled.
   * Each stream is a line of shards, one open at a time, each rolled over to a child after 4 hours
   * by the engine's clock; records are kept for 24 hours (a durable engine writes each one with its
   * item change and keeps its streams across a restart), and a disabled stream is listed for 24
   * hours after it was disabled (see {@code docs/compatibility.md}).
   */
  public DynamoDbStreamsClient streamsClient() {
    return streamsClient;
  }

  /**
   * The engine as an {@link SdkHttpClient} speaking DynamoDB's JSON 1.0 protocol, for an SDK client
   * that should run its whole pipeline (marshalling, signing, retries, interceptors):
   *
   * <pre>{@code
   * DynamoDbClient ddb = DynamoDbClient.builder()
   *     .httpClient(engine.httpClient())
   *     .endpointOverride(URI.create("http://localhost"))
   *     .region(Region.US_EAST_1)
   *     .credentialsProvider(AnonymousCredentialsProvider.create())
   *     .build();
   * }</pre>
   */
  public SdkHttpClient httpClient() {
    return httpClient.get();
  }

  /**
   * Answers one request of DynamoDB's JSON 1.0 protocol, as an HTTP server or client transport
   * receives it: the {@code X-Amz-Target} header's value (such as {@code
   * DynamoDB_20120810.PutItem}, or {@code DynamoDBStreams_20120810.GetRecords} for the DynamoDB
   * Streams API) and the request body. The answer is the status and JSON body to send back: the
   * operation's response, or DynamoDB's error ({@code UnknownOperationException} for a target that
   * names no operation the engine knows, {@code SerializationException} for a body that is not the
   * operation's JSON). {@link #httpClient()} answers through this method too.
   *
   * @param target the {@code X-Amz-Target} header, or {@code null} if the request had none
   * @param body the UTF-8 JSON body; empty reads as {@code {}}
   * @throws IllegalStateException if the engine is closed
   */
  public WireResponse handle(String target, byte[] body) {
    Objects.requireNonNull(body, "body");
    operations();
    return EngineHttpClient.answer(client, target, body);
  }

  /**
   * Deletes, now, every item whose time to live has passed: in each table whose time to live is
   * enabled, the items whose attribute is a number of epoch seconds before the engine's clock's now
   * (and not more than five years before it, as DynamoDB leaves those), each as DeleteItem would
   * delete it, with its secondary index entries. An engine does this by itself every {@link
   * Builder#expiryInterval}; a test that moves its clock forward calls this to see it at once.
   *
   * @return how many items it deleted
   * @throws IllegalStateException if the engine is closed
   */
  public int expireNow() {
    return operations().expire();
  }

  /** The data directory of a durable engine (absolute), or empty for one in memory. */
  public Optional<Path> dataDir() {
    return storage instanceof DurableStorage durable
        ? Optional.of(durable.directory())
        : Optional.empty();
  }

  /**
   * Stops the engine; its clients then refuse every call. A durable engine's data is on disk and
   * its data directory released when this returns.
   */
  /** The faults this engine injects into its answers (none until some are added). */
  public Faults faults() {
    return faults;
  }

  /**
   * What the table's contributor insights have counted since they were enabled
   * (UpdateContributorInsights): the partition keys and the keys accessed most, most first, at most
   * {@code top} of each; empty while they are not enabled. Gets, puts, updates, deletes, and the
   * items of batches and transactions each count one access; queries and scans are not counted.
   * Single-item requests throttled for capacity (with {@link Builder#enforceCapacity}) count as
   * throttled keys.
   *
   * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException if there is no
   *     such table
   */
  public Optional<Contributors> contributors(String table, int top) {
    dev.dynakit.engine.internal.KeyCounts counts = operations().contributors(table);
    return counts == null
        ? Optional.empty()
        : Optional.of(
            new Contributors(
                counts.topPartitions(top), counts.topKeys(top), counts.topThrottled(top)));
  }

  /**
   * The most accessed keys of a table.
   *
   * @param partitionKeys partition keys, most accessed first, with their access counts
   * @param keys whole keys (partition and sort key), most accessed first, with their counts
   * @param throttledKeys whole keys, most throttled first, with their counts (with {@code
   *     Builder.enforceCapacity})
   */
  public record Contributors(
      Map<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>, Long>
          partitionKeys,
      Map<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>, Long> keys,
      Map<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>, Long>
          throttledKeys) {}

  /**
   * The engine of {@code region} in this engine's family: the regions one process simulates, each
   * an engine of its own (in memory, on this engine's clock) with its own clients, whose tables can
   * be replicas of each other's (global tables: UpdateTable's {@code ReplicaUpdates}). The engine
   * of this engine's own region is this one; another is made on first use and closed with the
   * engine that was built.
   *
   * @throws IllegalArgumentException if {@code region} is not a region name
   */
  public DynakitEngine replica(String region) {
    Objects.requireNonNull(region, "region");
    if (!Region.PATTERN.matcher(region).matches()) {
      throw new IllegalArgumentException("not a region name: " + region);
    }
    return family.engine(region);
  }

  /**
   * The engine of {@code region} if this engine's family has one already (a region that holds a
   * replica), else this engine: what a server answers a request signed for {@code region} with.
   * Never makes an engine, so a client configured for another region sees this one.
   */
  public DynakitEngine existingRegion(String region) {
    DynakitEngine engine = region == null ? null : family.engines.get(region);
    return engine == null || engine.closed ? this : engine;
  }

  /**
   * Holds the replication of global tables back in this engine's family of regions until {@link
   * #resumeReplication()}: a test can read a replica that lags and make conflicting writes in two
   * regions on purpose.
   */
  public void pauseReplication() {
    family.global.pause();
  }

  /** Lets the writes held back by {@link #pauseReplication()} reach the other replicas. */
  public void resumeReplication() {
    family.global.resume();
  }

  /**
   * Waits until every write made so far to a global table has been applied to each of its replicas
   * in the other regions (replication is asynchronous).
   */
  public void awaitReplication() {
    family.global.await();
  }

  @Override
  public void close() {
    closed = true;
    expirer.close();
    storage.close();
    if (family.built == this) {
      family.global.close();
      family
          .engines
          .values()
          .forEach(
              engine -> {
                if (engine != this && !engine.closed) {
                  engine.close();
                }
              });
    }
  }

  /** The regions one built engine simulates, and their global tables. */
  private static final class Family {
    final DynakitEngine built;
    final Builder template;
    final Map<String, DynakitEngine> engines = new java.util.concurrent.ConcurrentHashMap<>();
    final GlobalTables global;

    Family(Builder template, DynakitEngine built) {
      this.template = template;
      this.built = built;
      this.global = new GlobalTables(template.clock, region -> engine(region).operations());
    }

    synchronized DynakitEngine engine(String region) {
      DynakitEngine engine = engines.get(region);
      if (engine == null) {
        Builder sibling = new Builder();
        sibling.clock = template.clock;
        sibling.region = region;
        sibling.expiryInterval = template.expiryInterval;
        engine = new DynakitEngine(sibling, this);
      }
      return engine;
    }
  }

  /** The engine's own client, which also runs requests of the DynamoDB Streams API. */
  EngineClient engineClient() {
    return client;
  }

  boolean isClosed() {
    return closed;
  }

  /** The engine's storage, for tests in this package. */
  Storage storage() {
    return storage;
  }

  Operations operations() {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
    return operations;
  }

  /** Configures a {@link DynakitEngine}; every setting is checked when given. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String region = "us-east-1";
    private Path dataDir;
    private Durability durability = Durability.SYNC;
    private Duration syncInterval = Duration.ofSeconds(1);
    private Duration expiryInterval = Duration.ofSeconds(1);
    private Expirer.Scheduler expiryScheduler = new Expirer.DaemonThread();
    private final java.util.Map<String, Path> buckets = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Path> kinesisStreams = new java.util.LinkedHashMap<>();
    private boolean enforceCapacity;
    private java.util.random.RandomGenerator faultRandom =
        () -> java.util.concurrent.ThreadLocalRandom.current().nextLong();
    private Faults.Sleeper faultSleeper =
        duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    private Builder() {}

    /**
     * Keeps the engine's tables in this data directory (created if it does not exist), so that
     * another engine opened on it later finds them; without it, everything is in memory. One
     * engine, in one process, owns a data directory at a time. See {@code docs/storage.md}.
     *
     * <p>{@link #build()} throws {@link dev.dynakit.engine.storage.StorageException}, naming the
     * directory, when it is in use (and by which process), was written by a newer version, is
     * damaged, or is a non-empty directory that is not a dynakit data directory.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** How a durable engine makes writes durable: {@link Durability#SYNC} unless set. */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /**
     * How often a {@link Durability#RELAXED} engine syncs its log: the most a machine crash can
     * lose. One second unless set.
     */
    public Builder syncInterval(Duration syncInterval) {
      Objects.requireNonNull(syncInterval, "syncInterval");
      if (syncInterval.isNegative() || syncInterval.isZero()) {
        throw new IllegalArgumentException("syncInterval must be positive, not " + syncInterval);
      }
      this.syncInterval = syncInterval;
      return this;
    }

    /**
     * How often the engine deletes the items whose time to live has passed, in real time: one
     * second unless set; zero for never ({@link DynakitEngine#expireNow()} still does). The passes
     * run on one daemon thread, started when a table first enables its time to live and stopped by
     * {@link DynakitEngine#close()}.
     */
    public Builder expiryInterval(Duration expiryInterval) {
      Objects.requireNonNull(expiryInterval, "expiryInterval");
      if (expiryInterval.isNegative()) {
        throw new IllegalArgumentException(
            "expiryInterval must be zero or positive, not " + expiryInterval);
      }
      this.expiryInterval = expiryInterval;
      return this;
    }

    /** What runs the expiry passes: a daemon thread unless set (tests run them by hand). */
    Builder expiryScheduler(Expirer.Scheduler expiryScheduler) {
      this.expiryScheduler = Objects.requireNonNull(expiryScheduler, "expiryScheduler");
      return this;
    }

    /** The clock for every time the engine records (creation times, TTL, streams). */
    /**
     * Stands {@code directory} in for the S3 bucket {@code bucket} in exports
     * (ExportTableToPointInTime writes there) and imports (ImportTable reads there), with AWS's
     * file layout. A bucket not given this way does not exist.
     *
     * @throws IllegalArgumentException if {@code bucket} is not an S3 bucket name
     */
    public Builder s3Bucket(String bucket, Path directory) {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(directory, "directory");
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
      }
      buckets.put(bucket, directory);
      return this;
    }

    /**
     * Stands the file {@code file} in for the Kinesis data stream {@code streamArn}: a table's
     * Kinesis streaming destination to that stream appends each change there, one JSON line in
     * DynamoDB's Kinesis record format. A stream not given this way does not exist.
     */
    public Builder kinesisStream(String streamArn, Path file) {
      Objects.requireNonNull(streamArn, "streamArn");
      Objects.requireNonNull(file, "file");
      kinesisStreams.put(streamArn, file);
      return this;
    }

    /**
     * How injected faults decide whether their chance comes up, and how they wait their delays
     * (default: a thread-local random source, and sleeping). Tests give a seeded source and a
     * sleeper that moves a clock.
     */
    public Builder faults(java.util.random.RandomGenerator random, Faults.Sleeper sleeper) {
      this.faultRandom = Objects.requireNonNull(random, "random");
      this.faultSleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Enforces provisioned capacity (default: off, for speed): a PROVISIONED table or global index
     * has buckets of its read and write capacity units, filled each second by the engine's clock
     * and keeping up to 300 seconds of unused capacity; a request that finds one empty is answered
     * {@code ProvisionedThroughputExceededException}. On-demand tables are not limited.
     */
    public Builder enforceCapacity(boolean enforceCapacity) {
      this.enforceCapacity = enforceCapacity;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The region named in ARNs, such as {@code eu-west-1}. */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!Region.PATTERN.matcher(region).matches()) {
        throw new IllegalArgumentException("not a region name: " + region);
      }
      this.region = region;
      return this;
    }

    /** Builds the engine. */
    public DynakitEngine build() {
      return new DynakitEngine(this);
    }
  }

  /** The form of a region's name, compiled when a region is first given. */
  private static final class Region {
    static final Pattern PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  }
}
