package dev.dynakit.client.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.ItemException;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.expressions.Projection;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.FaultInjectingHttpClient;
import dev.dynakit.client.testing.FaultInjectingHttpClient.Fault;
import dev.dynakit.client.testing.MutableClock;
import dev.dynakit.client.testing.Unprocessing;
import dev.dynakit.engine.DynakitEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@link Batches} against the engine, through the whole SDK pipeline; an HTTP client in front of
 * the engine ({@link Unprocessing}) leaves chosen writes and keys unprocessed as DynamoDB does
 * under load, and a clock moved by the sleeper stands in for time.
 */
class BatchesTest {
  private DynakitEngine engine;
  private MutableClock clock;
  private List<Duration> slept;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    Adapters.createTable(engine.client(), "orders", "id");
    Adapters.createTable(engine.client(), "lines", true);
    clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    slept = new ArrayList<>();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private static DynamoDbClient sdk(SdkHttpClient http) {
    return DynamoDbClient.builder()
        .httpClient(http)
        .endpointOverride(URI.create("http://localhost:8000"))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  private Batches.Builder batches(DynamoDbClient sdk) {
    return Batches.builder(sdk)
        .clock(clock)
        .random(new Random(7))
        .sleeper(
            d -> {
              slept.add(d);
              clock.advance(d);
            });
  }

  private static Map<String, AttributeValue> order(int i) {
    return Map.of("id", s("o-" + i), "n", AttributeValue.fromN(Integer.toString(i)));
  }

  private static Map<String, AttributeValue> line(int i) {
    return Map.of("pk", s("p"), "sk", s("l-" + i), "qty", AttributeValue.fromN("1"));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private int count(String table) {
    return engine.client().scanPaginator(b -> b.tableName(table)).stream()
        .mapToInt(page -> page.count())
        .sum();
  }

  private static List<TableWrite> puts(int orders, int lines) {
    List<TableWrite> writes = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      writes.add(TableWrite.put("orders", order(i)));
    }
    for (int i = 0; i < lines; i++) {
      writes.add(TableWrite.put("lines", line(i)));
    }
    return writes;
  }

  @Test
  void writesAreSentInFullRequestsOfTwentyFive() {
    Unprocessing http = Unprocessing.none(engine.httpClient());
    BatchWriteResult result = batches(sdk(http)).build().write(puts(40, 20));
    assertThat(http.batchSizes()).containsExactly(25, 25, 10);
    assertThat(count("orders")).isEqualTo(40);
    assertThat(count("lines")).isEqualTo(20);
    assertThat(result.report()).isEqualTo(new BatchReport(60, 3, 0, 0));
    assertThat(result.items()).isEqualTo(60);
    assertThat(result.efficiency()).isEqualTo(1.0);
    assertThat(slept).isEmpty();
    // Each table's key learnt once, from DescribeTable.
    assertThat(http.operations()).filteredOn("DescribeTable"::equals).hasSize(2);
  }

  @Test
  void deletesAndGivenKeysNeedNoDescribeTable() {
    engine.client().putItem(b -> b.tableName("orders").item(order(1)));
    Unprocessing http = Unprocessing.none(engine.httpClient());
    Batches batches = batches(sdk(http)).keyAttributes("lines", "pk", "sk").build();
    batches.write(
        List.of(
            TableWrite.delete("orders", Map.of("id", s("o-1"))), TableWrite.put("lines", line(1))));
    batches.write(List.of(TableWrite.put("lines", line(2))));
    assertThat(http.operations()).containsExactly("BatchWriteItem", "BatchWriteItem");
    assertThat(count("orders")).isZero();
    assertThat(count("lines")).isEqualTo(2);
  }

  @Test
  void aRequestStaysUnderTheByteLimitItIsGiven() {
    Unprocessing http = Unprocessing.none(engine.httpClient());
    String text = "x".repeat(300_000);
    List<TableWrite> writes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      writes.add(TableWrite.put("orders", Map.of("id", s("big-" + i), "text", s(text))));
    }
    writes.add(TableWrite.put("orders", order(0)));
    batches(sdk(http)).keyAttributes("orders", "id").requestBytes(700_000).build().write(writes);
    assertThat(http.batchSizes()).containsExactly(2, 2, 2);
    assertThat(count("orders")).isEqualTo(6);
  }

  @Test
  void unprocessedWritesAreRetriedWithFullJitterUntilNoneIsLeft() {
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> request < 3 ? 5 : 0);
    BatchWriteResult result =
        batches(sdk(http))
            .baseDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(300))
            .build()
            .write(puts(30, 0));
    assertThat(count("orders")).isEqualTo(30);
    // 25 (5 left) + 10 (5 left) + 5 (5 left) + 5.
    assertThat(http.batchSizes()).containsExactly(25, 10, 5, 5);
    assertThat(result.report()).isEqualTo(new BatchReport(30, 4, 3, 15));
    assertThat(result.efficiency()).isEqualTo(30.0 / 45);
    assertThat(slept).hasSize(3);
    assertThat(slept.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(slept.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    assertThat(slept.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(300));
  }

  @Test
  void unprocessedWritesGoFirstIntoTheNextRequest() {
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> request == 0 ? 3 : 0);
    BatchWriteResult result = batches(sdk(http)).build().write(puts(50, 0));
    assertThat(http.batchSizes()).containsExactly(25, 25, 3);
    assertThat(count("orders")).isEqualTo(50);
    assertThat(result.report().itemsResent()).isEqualTo(3);
  }

  @Test
  void writesLeftUnprocessedTooOftenAreHandedBackAndNothingIsLost() {
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> 2);
    Batches batches = batches(sdk(http)).maxAttempts(3).build();
    List<TableWrite> writes = puts(27, 0);
    BatchIncompleteException e =
        catchThrowableOfType(BatchIncompleteException.class, () -> batches.write(writes));
    assertThat(e.reason()).isEqualTo(BatchIncompleteException.Reason.ATTEMPTS_EXHAUSTED);
    assertThat(e.getCause()).isNull();
    assertThat(e.unprocessedKeys()).isEmpty();
    assertThat(e.partialResult()).isNull();
    int written = count("orders");
    assertThat(e.unprocessedWrites()).hasSize(27 - written);
    assertThat(e.getMessage())
        .startsWith(
            "BatchWriteItem stopped with 2 writes not done {orders=2}: left unprocessed 3 times")
        .doesNotContain("o-");
    assertThat(e.report().items()).isEqualTo(written);

    Batches healthy = batches(engine.client()).build();
    healthy.write(e.unprocessedWrites());
    assertThat(count("orders")).isEqualTo(27);
  }

  @Test
  void theDeadlineStopsTheRetriesBeforeAWaitWouldPassIt() {
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> 1);
    Batches batches =
        batches(sdk(http))
            .baseDelay(Duration.ofSeconds(1))
            .maxDelay(Duration.ofSeconds(1))
            .random(
                new Random(1) {
                  @Override
                  public long nextLong(long bound) {
                    return bound - 1; // always the longest wait
                  }
                })
            .deadline(Duration.ofMillis(2500))
            .build();
    BatchIncompleteException e =
        catchThrowableOfType(BatchIncompleteException.class, () -> batches.write(puts(3, 0)));
    assertThat(e.reason()).isEqualTo(BatchIncompleteException.Reason.DEADLINE);
    assertThat(slept).hasSize(2);
    assertThat(slept.stream().mapToLong(Duration::toNanos).sum())
        .isLessThanOrEqualTo(Duration.ofMillis(2500).toNanos());
    assertThat(e.unprocessedWrites()).hasSize(1);
    assertThat(e.getMessage()).contains("the next retry would end after the deadline of PT2.5S");
  }

  @Test
  void aFailedRequestHandsBackItsWritesAndAllNotYetSent() {
    FaultInjectingHttpClient faults = FaultInjectingHttpClient.around(engine.httpClient());
    Batches batches = batches(sdk(faults)).keyAttributes("orders", "id").build();
    List<TableWrite> writes = puts(60, 0);
    batches.write(writes.subList(0, 1)); // the first request goes through
    faults.next(
        1,
        "BatchWriteItem",
        Fault.error(400, "ResourceNotFoundException", "Requested resource not found"));
    BatchIncompleteException e =
        catchThrowableOfType(
            BatchIncompleteException.class, () -> batches.write(writes.subList(1, 60)));
    assertThat(e.reason()).isEqualTo(BatchIncompleteException.Reason.REQUEST_FAILED);
    assertThat(e.getCause()).isInstanceOf(ResourceNotFoundException.class);
    assertThat(e.unprocessedWrites()).containsExactlyElementsOf(writes.subList(1, 60));
    assertThat(e.getMessage()).contains("a request failed: Requested resource not found");
  }

  @Test
  void throughTheAdapterTheCauseIsTheAdaptersError() {
    FaultInjectingHttpClient faults = FaultInjectingHttpClient.around(engine.httpClient());
    try (Dynakit dynakit = Adapters.over(faults).build()) {
      Batches batches = batches(dynakit.sdk()).build();
      faults.always(Fault.error(400, "ResourceNotFoundException", "Requested resource not found"));
      BatchIncompleteException e =
          catchThrowableOfType(
              BatchIncompleteException.class,
              () -> batches.get(Map.of("orders", List.of(Map.of("id", s("a"))))));
      assertThat(e.getCause()).isInstanceOf(ServiceException.class);
      assertThat(((ServiceException) e.getCause()).kind())
          .isEqualTo(ServiceException.Kind.RESOURCE_NOT_FOUND);
      assertThat(e.unprocessedKeys()).isEqualTo(Map.of("orders", List.of(Map.of("id", s("a")))));
    }
  }

  @Test
  void theAdaptersTablePrefixIsTransparent() {
    Adapters.createTable(engine.client(), "dev_orders", "id");
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> request == 0 ? 4 : 0);
    try (Dynakit dynakit =
        Adapters.over(http).environment(Map.of("DYNAKIT_TABLE_PREFIX", "dev_")).build()) {
      Batches batches = batches(dynakit.sdk()).build();
      batches.write(puts(10, 0));
      assertThat(count("dev_orders")).isEqualTo(10);
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        keys.add(Map.of("id", s("o-" + i)));
      }
      assertThat(batches.get(Map.of("orders", keys)).items("orders")).hasSize(10);
    }
  }

  @Test
  void duplicateKeysAreRefusedBeforeAnythingIsSent() {
    Unprocessing http = Unprocessing.none(engine.httpClient());
    Batches batches = batches(sdk(http)).keyAttributes("lines", "pk", "sk").build();
    Map<String, AttributeValue> a =
        Map.of("pk", AttributeValue.fromN("1"), "sk", s("x"), "v", s("1"));
    Map<String, AttributeValue> b = Map.of("pk", AttributeValue.fromN("1.0"), "sk", s("x"));
    RequestValidationException e =
        catchThrowableOfType(
            RequestValidationException.class,
            () ->
                batches.write(
                    List.of(
                        TableWrite.put("lines", line(1)),
                        TableWrite.put("lines", a),
                        TableWrite.delete("lines", b))));
    assertThat(e)
        .hasMessage(
            "BatchWriteItem on table 'lines' failed: Provided list of item keys contains"
                + " duplicates (writes[1] and [2] have the same key)");
    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_ARGUMENT);
    assertThat(e.context()).isEqualTo(ErrorContext.local("BatchWriteItem", "lines"));
    assertThat(e.retryable()).isFalse();
    assertThatThrownBy(
            () ->
                batches.get(Map.of("orders", List.of(Map.of("id", s("a")), Map.of("id", s("a"))))))
        .isInstanceOf(RequestValidationException.class)
        .hasMessage(
            "BatchGetItem on table 'orders' failed: Provided list of item keys contains"
                + " duplicates (keys of 'orders'[0] and [1] have the same key)");
    assertThat(http.operations()).isEmpty();
  }

  @Test
  void aPutWithoutItsKeyIsRefusedBeforeAnythingIsSent() {
    Unprocessing http = Unprocessing.none(engine.httpClient());
    Batches batches = batches(sdk(http)).keyAttributes("lines", "pk", "sk").build();
    RequestValidationException e =
        catchThrowableOfType(
            RequestValidationException.class,
            () ->
                batches.write(List.of(TableWrite.put("lines", Map.of("pk", s("p"), "x", s("1"))))));
    assertThat(e)
        .hasMessage(
            "BatchWriteItem on table 'lines' failed: One of the required keys was not given a"
                + " value (the item has no 'sk')");
    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.MISSING_REQUIRED_KEY);
    assertThat(http.operations()).isEmpty();
    // DynamoDB's own words for it.
    assertThatThrownBy(
            () ->
                engine
                    .client()
                    .batchWriteItem(
                        b ->
                            b.requestItems(
                                Map.of(
                                    "lines",
                                    List.of(
                                        TableWrite.put("lines", Map.of("pk", s("p"))).request())))))
        .hasMessageStartingWith("One of the required keys was not given a value");
  }

  @Test
  void anItemOverFourHundredKilobytesIsRefusedBeforeAnythingIsSent() {
    Unprocessing http = Unprocessing.none(engine.httpClient());
    Batches batches = batches(sdk(http)).keyAttributes("orders", "id").build();
    Map<String, AttributeValue> huge = Map.of("id", s("h"), "text", s("x".repeat(409_600)));
    ItemException e =
        catchThrowableOfType(
            ItemException.class,
            () ->
                batches.write(
                    List.of(TableWrite.put("orders", order(1)), TableWrite.put("orders", huge))));
    assertThat(e.kind()).isEqualTo(ItemException.Kind.ITEM_TOO_LARGE);
    assertThat(e)
        .hasMessage(
            "BatchWriteItem on table 'orders' failed: writes[1] is a put of 409607 bytes, over"
                + " DynamoDB's 409,600 (400 KB): Item size has exceeded the maximum allowed size");
    assertThat(e.key()).contains(Map.of("id", s("h")));
    assertThat(http.operations()).isEmpty();
  }

  @Test
  void getsReadEveryKeyInRequestsOfAHundredAndRetryUnprocessedKeys() {
    List<TableWrite> writes = puts(150, 60);
    batches(engine.client()).build().write(writes);
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> request == 0 ? 30 : 0);
    Map<String, List<Map<String, AttributeValue>>> keys = new LinkedHashMap<>();
    List<Map<String, AttributeValue>> orderKeys = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      orderKeys.add(Map.of("id", s("o-" + i)));
    }
    orderKeys.add(Map.of("id", s("missing")));
    List<Map<String, AttributeValue>> lineKeys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lineKeys.add(Map.of("pk", s("p"), "sk", s("l-" + i)));
    }
    keys.put("orders", orderKeys);
    keys.put("lines", lineKeys);
    BatchGetResult result =
        batches(sdk(http))
            .build()
            .get(
                keys,
                Map.of(
                    "orders",
                    GetOptions.projecting(Projection.of("n")),
                    "lines",
                    GetOptions.consistent()));
    assertThat(http.batchSizes()).containsExactly(100, 100, 41);
    assertThat(result.items("orders"))
        .hasSize(150)
        .allSatisfy(item -> assertThat(item).containsOnlyKeys("n"));
    assertThat(result.items("lines"))
        .hasSize(60)
        .allSatisfy(item -> assertThat(item).containsKeys("pk", "sk", "qty"));
    assertThat(result.items("other")).isEmpty();
    assertThat(result.report()).isEqualTo(new BatchReport(211, 3, 1, 30));
    assertThat(result.efficiency()).isEqualTo(211.0 / 241);
    assertThat(result.items()).containsOnlyKeys("orders", "lines");
  }

  @Test
  void anIncompleteGetKeepsWhatItRead() {
    batches(engine.client()).build().write(puts(10, 0));
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> 4);
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keys.add(Map.of("id", s("o-" + i)));
    }
    BatchIncompleteException e =
        catchThrowableOfType(
            BatchIncompleteException.class,
            () -> batches(sdk(http)).maxAttempts(2).build().get(Map.of("orders", keys)));
    assertThat(e.reason()).isEqualTo(BatchIncompleteException.Reason.ATTEMPTS_EXHAUSTED);
    List<Map<String, AttributeValue>> read = e.partialResult().items("orders");
    List<Map<String, AttributeValue>> left = e.unprocessedKeys().get("orders");
    assertThat(read).hasSize(6);
    assertThat(left).hasSize(4);
    assertThat(e.unprocessedWrites()).isEmpty();
    HashSet<Map<String, AttributeValue>> all = new HashSet<>(left);
    read.forEach(item -> all.add(Map.of("id", item.get("id"))));
    assertThat(all).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(e.getMessage()).startsWith("BatchGetItem stopped with 4 keys not done {orders=4}");
  }

  @Test
  void anInterruptedWaitStopsTheBatchAndKeepsTheInterrupt() {
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> 1);
    Batches batches =
        Batches.builder(sdk(http))
            .sleeper(
                d -> {
                  throw new InterruptedException();
                })
            .build();
    BatchIncompleteException e =
        catchThrowableOfType(BatchIncompleteException.class, () -> batches.write(puts(2, 0)));
    assertThat(e.reason()).isEqualTo(BatchIncompleteException.Reason.INTERRUPTED);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(e.unprocessedWrites()).hasSize(1);
  }

  @Test
  void metricsCountRequestsItemsRetriesAndEfficiencyByOperation() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Unprocessing http = Unprocessing.leaving(engine.httpClient(), request -> request == 0 ? 5 : 0);
    batches(sdk(http)).meterRegistry(registry).build().write(puts(20, 0));
    assertThat(
            registry
                .get("dynakit_batch_requests_total")
                .tag("operation", "BatchWriteItem")
                .tag("outcome", "complete")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("dynakit_batch_items_total").counter().count()).isEqualTo(20);
    assertThat(registry.get("dynakit_batch_retries_total").counter().count()).isEqualTo(1);
    assertThat(registry.get("dynakit_batch_resent_items_total").counter().count()).isEqualTo(5);
    assertThat(registry.get("dynakit_batch_efficiency").summary().mean()).isEqualTo(0.8);

    Unprocessing stuck = Unprocessing.leaving(engine.httpClient(), request -> 1);
    assertThatThrownBy(
            () ->
                batches(sdk(stuck))
                    .meterRegistry(registry)
                    .maxAttempts(1)
                    .build()
                    .write(puts(1, 0)))
        .isInstanceOf(BatchIncompleteException.class);
    assertThat(
            registry
                .get("dynakit_batch_requests_total")
                .tag("outcome", "incomplete")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.getMeters())
        .allSatisfy(meter -> assertThat(meter.getId().getTags().toString()).doesNotContain("o-"));
  }

  @Test
  void anEmptyBatchSendsNothing() {
    Unprocessing http = Unprocessing.none(engine.httpClient());
    Batches batches = batches(sdk(http)).build();
    assertThat(batches.write(List.of()).report()).isEqualTo(new BatchReport(0, 0, 0, 0));
    assertThat(batches.get(Map.of()).items()).isEmpty();
    assertThat(batches.get(Map.of("orders", List.of())).items()).containsOnlyKeys("orders");
    assertThat(http.operations()).isEmpty();
  }

  @Test
  void settingsAreChecked() {
    DynamoDbClient sdk = engine.client();
    assertThatThrownBy(() -> Batches.builder(sdk).maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1, not 0");
    assertThatThrownBy(() -> Batches.builder(sdk).baseDelay(Duration.ofMillis(-1)))
        .hasMessage("baseDelay must not be negative: PT-0.001S");
    assertThatThrownBy(() -> Batches.builder(sdk).baseDelay(Duration.ofSeconds(10)).build())
        .hasMessage("baseDelay (PT10S) must not exceed maxDelay (PT5S)");
    assertThatThrownBy(() -> Batches.builder(sdk).keyAttributes("t"))
        .hasMessage("A key has at least one attribute (table 't')");
    assertThatThrownBy(() -> Batches.builder(sdk).requestBytes(0))
        .hasMessage("requestBytes must be positive, not 0");
    assertThatThrownBy(
            () ->
                new TableWrite(
                    "t",
                    software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().build()))
        .hasMessage("A write request holds exactly one of a put or a delete (table 't')");
  }
}
