package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DestinationStatus;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/** Kinesis streaming destinations, each Kinesis stream a local file of records. */
class KinesisDestinationsTest {
  private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
  private static final Instant START = Instant.parse("2026-06-01T00:00:00.123456Z");
  private final BackupsTest.MovingClock clock = new BackupsTest.MovingClock(START);
  @TempDir Path dir;
  private DynakitEngine engine;
  private DynamoDbClient db;

  private void start() {
    engine =
        DynakitEngine.builder()
            .clock(clock)
            .kinesisStream(STREAM, dir.resolve("orders.jsonl"))
            .build();
    db = engine.client();
    db.createTable(
        b ->
            b.tableName("orders")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private void put(String id, int v) {
    db.putItem(
        b ->
            b.tableName("orders")
                .item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN("" + v))));
  }

  private List<String> records() throws Exception {
    Path file = dir.resolve("orders.jsonl");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private KinesisDataStreamDestination destination() {
    return db.describeKinesisStreamingDestination(b -> b.tableName("orders"))
        .kinesisDataStreamDestinations()
        .get(0);
  }

  @Test
  void everyChangeGoesToTheStreamWhileTheDestinationIsActive() throws Exception {
    start();
    put("before", 1);
    assertThat(
            db.enableKinesisStreamingDestination(b -> b.tableName("orders").streamArn(STREAM))
                .destinationStatus())
        .isEqualTo(DestinationStatus.ENABLING);
    assertThat(destination().destinationStatus()).isEqualTo(DestinationStatus.ACTIVE);
    assertThat(destination().approximateCreationDateTimePrecisionAsString())
        .isEqualTo("MILLISECOND");
    put("a", 1);
    put("a", 2);
    db.deleteItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("a"))));
    db.transactWriteItems(
        b ->
            b.transactItems(
                t ->
                    t.put(
                        p -> p.tableName("orders").item(Map.of("id", AttributeValue.fromS("t"))))));
    List<String> records = records();
    assertThat(records).hasSize(4);
    assertThat(records.get(0))
        .startsWith("{\"awsRegion\":\"us-east-1\",\"eventID\":\"")
        .contains(
            "\"eventName\":\"INSERT\"",
            "\"userIdentity\":null",
            "\"recordFormat\":\"application/json\"",
            "\"tableName\":\"orders\"",
            "\"ApproximateCreationDateTime\":" + START.toEpochMilli() + ",",
            "\"Keys\":{\"id\":{\"S\":\"a\"}}",
            "\"NewImage\":{",
            "\"v\":{\"N\":\"1\"}",
            "\"ApproximateCreationDateTimePrecision\":\"MILLISECOND\"",
            "\"eventSource\":\"aws:dynamodb\"")
        .doesNotContain("OldImage");
    assertThat(records.get(1)).contains("\"eventName\":\"MODIFY\"", "\"OldImage\":{");
    assertThat(records.get(1).substring(records.get(1).indexOf("\"OldImage\"")))
        .contains("\"v\":{\"N\":\"1\"}");
    assertThat(
            records
                .get(1)
                .substring(
                    records.get(1).indexOf("\"NewImage\""), records.get(1).indexOf("\"OldImage\"")))
        .contains("\"v\":{\"N\":\"2\"}");
    assertThat(records.get(2)).contains("\"eventName\":\"REMOVE\"").doesNotContain("NewImage");
    assertThat(records.get(3)).contains("\"Keys\":{\"id\":{\"S\":\"t\"}}");

    db.updateKinesisStreamingDestination(
        b ->
            b.tableName("orders")
                .streamArn(STREAM)
                .updateKinesisStreamingConfiguration(
                    c -> c.approximateCreationDateTimePrecision("MICROSECOND")));
    clock.advance(Duration.ofSeconds(1));
    put("b", 1);
    assertThat(records().get(4))
        .contains(
            "\"ApproximateCreationDateTime\":"
                + (START.plusSeconds(1).toEpochMilli() * 1000 + 456)
                + ",",
            "\"ApproximateCreationDateTimePrecision\":\"MICROSECOND\"");

    assertThat(
            db.disableKinesisStreamingDestination(b -> b.tableName("orders").streamArn(STREAM))
                .destinationStatus())
        .isEqualTo(DestinationStatus.DISABLING);
    assertThat(destination().destinationStatus()).isEqualTo(DestinationStatus.DISABLED);
    put("c", 1);
    assertThat(records()).hasSize(5);
    db.enableKinesisStreamingDestination(b -> b.tableName("orders").streamArn(STREAM));
    put("d", 1);
    assertThat(records()).hasSize(6);
  }

  @Test
  void badRequestsAreRefused() {
    start();
    String unknown = "arn:aws:kinesis:us-east-1:000000000000:stream/nowhere";
    db.enableKinesisStreamingDestination(b -> b.tableName("orders").streamArn(unknown));
    assertThat(destination().destinationStatus()).isEqualTo(DestinationStatus.ENABLE_FAILED);
    assertThat(destination().destinationStatusDescription()).contains("does not exist");
    db.enableKinesisStreamingDestination(b -> b.tableName("orders").streamArn(STREAM));
    assertThatThrownBy(
            () ->
                db.enableKinesisStreamingDestination(b -> b.tableName("orders").streamArn(STREAM)))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(
            () ->
                db.enableKinesisStreamingDestination(b -> b.tableName("orders").streamArn("nope")))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Invalid StreamArn: nope is not a Kinesis data stream ARN");
    assertThatThrownBy(
            () ->
                db.disableKinesisStreamingDestination(
                    b -> b.tableName("orders").streamArn(unknown)))
        .hasMessageStartingWith("Table orders is not streaming to Kinesis stream " + unknown);
    assertThatThrownBy(
            () ->
                db.updateKinesisStreamingDestination(b -> b.tableName("orders").streamArn(STREAM)))
        .hasMessageStartingWith("UpdateKinesisStreamingConfiguration must name a precision");
    assertThatThrownBy(() -> db.describeKinesisStreamingDestination(b -> b.tableName("nope")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void dynamoDbLocalHasNoKinesisDestinations() {
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
    try {
      DynamoDbClient reference = local.dynamoDbClient();
      reference.createTable(
          b ->
              b.tableName("orders")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
      Throwable answer =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  reference.enableKinesisStreamingDestination(
                      b -> b.tableName("orders").streamArn(STREAM)));
      assertThat(answer).isInstanceOf(DynamoDbException.class);
      assertThat(((DynamoDbException) answer).awsErrorDetails().errorCode())
          .isEqualTo("UnknownOperationException");
    } finally {
      local.shutdownNow();
    }
  }
}
