package dev.dynakit.engine;

import dev.dynakit.engine.internal.Lazy;
import dev.dynakit.engine.internal.Operations;
import dev.dynakit.engine.protocol.WireResponse;
import dev.dynakit.engine.storage.MemoryStorage;
import dev.dynakit.engine.storage.Storage;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
 * <p>Operations the engine does not serve yet answer as DynamoDB answers an unknown operation, with
 * a {@code DynamoDbException} whose error code is {@code UnknownOperationException}.
 */
public final class DynakitEngine implements AutoCloseable {
  private final Storage storage;
  private final Operations operations;
  private final EngineClient client;
  // Made on first use: an engine used only through client() never loads the JSON codec.
  private final Lazy<SdkHttpClient> httpClient =
      new Lazy<>() {
        @Override
        protected SdkHttpClient make() {
          return new EngineHttpClient(DynakitEngine.this);
        }
      };
  private volatile boolean closed;

  private DynakitEngine(Builder builder) {
    Warmup.start();
    this.storage = new MemoryStorage();
    this.operations = new Operations(builder.clock, builder.region, storage);
    this.client = new EngineClient(this);
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
   * DynamoDB_20120810.PutItem}) and the request body. The answer is the status and JSON body to
   * send back: the operation's response, or DynamoDB's error ({@code UnknownOperationException} for
   * a target that names no operation the engine knows, {@code SerializationException} for a body
   * that is not the operation's JSON). {@link #httpClient()} answers through this method too.
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

  /** Stops the engine; its clients then refuse every call. */
  @Override
  public void close() {
    closed = true;
    storage.close();
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

    private Builder() {}

    /** The clock for every time the engine records (creation times, TTL, streams). */
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
