package dev.dynakit.client.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.Unprocessing;
import dev.dynakit.engine.DynakitEngine;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whatever DynamoDB leaves unprocessed, a batch loses nothing: it ends with every write applied, or
 * with an exception whose unprocessed writes are exactly those not applied; requests are never over
 * 25 writes, and the report counts what was sent.
 */
class BatchesPropertiesTest {

  @Property(tries = 40)
  void nothingIsLostWhateverIsLeftUnprocessed(
      @ForAll @IntRange(min = 0, max = 80) int orders,
      @ForAll @IntRange(min = 0, max = 40) int lines,
      @ForAll @IntRange(min = 1, max = 6) int maxAttempts,
      @ForAll long seed) {
    Random leaves = new Random(seed);
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      Adapters.createTable(engine.client(), "orders", "id");
      Adapters.createTable(engine.client(), "lines", true);
      List<Integer> left = new ArrayList<>();
      Unprocessing http =
          new Unprocessing(
              engine.httpClient(),
              (request, size) -> {
                int n = leaves.nextInt(4) == 0 ? leaves.nextInt(size + 1) : 0;
                left.add(n);
                return n;
              });
      DynamoDbClient sdk =
          DynamoDbClient.builder()
              .httpClient(http)
              .endpointOverride(URI.create("http://localhost:8000"))
              .region(Region.EU_WEST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
              .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
              .build();
      List<TableWrite> writes = new ArrayList<>();
      for (int i = 0; i < orders; i++) {
        writes.add(TableWrite.put("orders", Map.of("id", AttributeValue.fromS("o" + i))));
      }
      for (int i = 0; i < lines; i++) {
        writes.add(
            TableWrite.put(
                "lines",
                Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("l" + i))));
      }
      Batches batches =
          Batches.builder(sdk)
              .maxAttempts(maxAttempts)
              .random(new Random(seed))
              .sleeper(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(5)))
              .build();
      BatchReport report;
      Set<TableWrite> notApplied = new HashSet<>();
      try {
        report = batches.write(writes).report();
      } catch (BatchIncompleteException e) {
        report = e.report();
        notApplied.addAll(e.unprocessedWrites());
        assertThat(e.unprocessedWrites()).doesNotHaveDuplicates();
      }
      Set<TableWrite> applied = new HashSet<>();
      for (TableWrite write : writes) {
        String table = write.table();
        Map<String, AttributeValue> key = write.attributes();
        if (engine.client().getItem(b -> b.tableName(table).key(key)).hasItem()) {
          applied.add(write);
        }
      }
      assertThat(applied).allSatisfy(write -> assertThat(notApplied).doesNotContain(write));
      assertThat(applied.size() + notApplied.size()).isEqualTo(writes.size());
      assertThat(report.items()).isEqualTo(applied.size());
      assertThat(http.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 25));
      assertThat(report.requests()).isEqualTo(http.batchSizes().size());
      int sent = http.batchSizes().stream().mapToInt(Integer::intValue).sum();
      // Every send is a first send or a re-send; writes handed back may or may not have been sent.
      assertThat(sent)
          .isBetween(
              report.items() + report.itemsResent(),
              report.items() + report.itemsResent() + notApplied.size());
      if (notApplied.isEmpty()) {
        assertThat(sent).isEqualTo(writes.size() + report.itemsResent());
        assertThat(report.retries()).isEqualTo((int) left.stream().filter(n -> n > 0).count());
      }
    }
  }
}
