package dev.dynakit.engine.internal;

import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.value.ItemSize;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.ApproximateCreationDateTimePrecision;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.DestinationStatus;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationResponse;

/**
 * Kinesis Data Streams destinations of tables (Enable/Disable/Describe/Update
 * KinesisStreamingDestination). Each Kinesis stream the engine is given is a local file; every
 * change of a table with an active destination is appended to it as one JSON line in the record
 * format DynamoDB writes to Kinesis (both images, the creation time to the millisecond or
 * microsecond). A destination is {@code ACTIVE} when Enable answers, {@code DISABLED} when Disable
 * does; one whose stream the engine was not given is {@code ENABLE_FAILED}.
 */
final class KinesisDestinations {
  private static final Pattern STREAM_ARN =
      Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[a-zA-Z0-9_.-]{1,128}");

  private final Clock clock;
  private final String region;
  private final Tables tables;
  private final Map<String, Path> sinks;
  // Per table name: its destinations by stream ARN, in the order enabled.
  private final Map<String, Map<String, KinesisDataStreamDestination>> destinations =
      new ConcurrentHashMap<>();

  KinesisDestinations(Clock clock, String region, Tables tables, Map<String, Path> sinks) {
    this.clock = clock;
    this.region = region;
    this.tables = tables;
    this.sinks = Map.copyOf(sinks);
  }

  EnableKinesisStreamingDestinationResponse enable(
      EnableKinesisStreamingDestinationRequest request) {
    Table table = table(request.tableName());
    String arn = checkArn(request.streamArn());
    ApproximateCreationDateTimePrecision precision =
        request.enableKinesisStreamingConfiguration() == null
                || request
                        .enableKinesisStreamingConfiguration()
                        .approximateCreationDateTimePrecision()
                    == null
            ? ApproximateCreationDateTimePrecision.MILLISECOND
            : request.enableKinesisStreamingConfiguration().approximateCreationDateTimePrecision();
    Map<String, KinesisDataStreamDestination> own =
        destinations.computeIfAbsent(table.name(), name -> new LinkedHashMap<>());
    synchronized (own) {
      KinesisDataStreamDestination existing = own.get(arn);
      if (existing != null && existing.destinationStatus() == DestinationStatus.ACTIVE) {
        throw Errors.resourceInUse(
            "Table " + table.name() + " is already streaming to Kinesis stream " + arn);
      }
      boolean known = sinks.containsKey(arn);
      own.put(
          arn,
          KinesisDataStreamDestination.builder()
              .streamArn(arn)
              .destinationStatus(known ? DestinationStatus.ACTIVE : DestinationStatus.ENABLE_FAILED)
              .destinationStatusDescription(
                  known ? null : "Kinesis stream " + arn + " does not exist")
              .approximateCreationDateTimePrecision(precision)
              .build());
      table.kinesis(active(own));
    }
    return EnableKinesisStreamingDestinationResponse.builder()
        .tableName(table.name())
        .streamArn(arn)
        .destinationStatus(DestinationStatus.ENABLING)
        .enableKinesisStreamingConfiguration(request.enableKinesisStreamingConfiguration())
        .build();
  }

  DisableKinesisStreamingDestinationResponse disable(
      DisableKinesisStreamingDestinationRequest request) {
    Table table = table(request.tableName());
    String arn = checkArn(request.streamArn());
    Map<String, KinesisDataStreamDestination> own =
        destinations.computeIfAbsent(table.name(), name -> new LinkedHashMap<>());
    synchronized (own) {
      KinesisDataStreamDestination existing = active(own, table, arn);
      own.put(arn, existing.toBuilder().destinationStatus(DestinationStatus.DISABLED).build());
      table.kinesis(active(own));
    }
    return DisableKinesisStreamingDestinationResponse.builder()
        .tableName(table.name())
        .streamArn(arn)
        .destinationStatus(DestinationStatus.DISABLING)
        .build();
  }

  DescribeKinesisStreamingDestinationResponse describe(
      DescribeKinesisStreamingDestinationRequest request) {
    Table table = table(request.tableName());
    Map<String, KinesisDataStreamDestination> own =
        destinations.getOrDefault(table.name(), Map.of());
    List<KinesisDataStreamDestination> list;
    synchronized (own) {
      list = new ArrayList<>(own.values());
    }
    return DescribeKinesisStreamingDestinationResponse.builder()
        .tableName(table.name())
        .kinesisDataStreamDestinations(list)
        .build();
  }

  UpdateKinesisStreamingDestinationResponse update(
      UpdateKinesisStreamingDestinationRequest request) {
    Table table = table(request.tableName());
    String arn = checkArn(request.streamArn());
    if (request.updateKinesisStreamingConfiguration() == null
        || request.updateKinesisStreamingConfiguration().approximateCreationDateTimePrecision()
            == null) {
      throw Errors.validation("UpdateKinesisStreamingConfiguration must name a precision");
    }
    Map<String, KinesisDataStreamDestination> own =
        destinations.computeIfAbsent(table.name(), name -> new LinkedHashMap<>());
    synchronized (own) {
      KinesisDataStreamDestination existing = active(own, table, arn);
      own.put(
          arn,
          existing.toBuilder()
              .approximateCreationDateTimePrecision(
                  request
                      .updateKinesisStreamingConfiguration()
                      .approximateCreationDateTimePrecision())
              .build());
      table.kinesis(active(own));
    }
    return UpdateKinesisStreamingDestinationResponse.builder()
        .tableName(table.name())
        .streamArn(arn)
        .destinationStatus(DestinationStatus.UPDATING)
        .updateKinesisStreamingConfiguration(request.updateKinesisStreamingConfiguration())
        .build();
  }

  /** The active destination to {@code arn}, or the ValidationException saying there is none. */
  private static KinesisDataStreamDestination active(
      Map<String, KinesisDataStreamDestination> own, Table table, String arn) {
    KinesisDataStreamDestination existing = own.get(arn);
    if (existing == null || existing.destinationStatus() != DestinationStatus.ACTIVE) {
      throw Errors.validation(
          "Table " + table.name() + " is not streaming to Kinesis stream " + arn);
    }
    return existing;
  }

  /** The sinks of {@code own}'s active destinations, for the table's writes. */
  private List<Sink> active(Map<String, KinesisDataStreamDestination> own) {
    List<Sink> active = new ArrayList<>();
    own.values().stream()
        .filter(d -> d.destinationStatus() == DestinationStatus.ACTIVE)
        .forEach(
            d ->
                active.add(
                    new Sink(
                        sinks.get(d.streamArn()),
                        d.approximateCreationDateTimePrecision(),
                        clock,
                        region)));
    return List.copyOf(active);
  }

  private Table table(String name) {
    if (name == null) {
      throw Errors.nullMember("tableName");
    }
    return tables.require(name);
  }

  private static String checkArn(String arn) {
    if (arn == null) {
      throw Errors.nullMember("streamArn");
    }
    if (!STREAM_ARN.matcher(arn).matches()) {
      throw Errors.validation("Invalid StreamArn: " + arn + " is not a Kinesis data stream ARN");
    }
    return arn;
  }

  /** One Kinesis stream's file, appended to under the item's lock by each write. */
  static final class Sink {
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    private final Path file;
    private final ApproximateCreationDateTimePrecision precision;
    private final Clock clock;
    private final String region;

    Sink(Path file, ApproximateCreationDateTimePrecision precision, Clock clock, String region) {
      this.file = file;
      this.precision = precision;
      this.clock = clock;
      this.region = region;
    }

    /** Appends the record of one change of {@code table}. */
    void append(
        Table table,
        Map<String, AttributeValue> old,
        Map<String, AttributeValue> item,
        Identity userIdentity) {
      Map<String, AttributeValue> any = item != null ? item : old;
      Map<String, AttributeValue> keys = new LinkedHashMap<>();
      for (KeySchema.Attribute attribute : table.keys().attributes()) {
        keys.put(attribute.name(), any.get(attribute.name()));
      }
      Instant now = clock.instant();
      long created =
          precision == ApproximateCreationDateTimePrecision.MICROSECOND
              ? ChronoUnit.MICROS.between(Instant.EPOCH, now)
              : now.toEpochMilli();
      StringBuilder line = new StringBuilder();
      line.append("{\"awsRegion\":\"").append(region).append('"');
      line.append(",\"eventID\":\"").append(RandomIds.uuid()).append('"');
      line.append(",\"eventName\":\"")
          .append(old == null ? "INSERT" : item == null ? "REMOVE" : "MODIFY")
          .append('"');
      line.append(",\"userIdentity\":")
          .append(
              userIdentity == null
                  ? "null"
                  : "{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}");
      line.append(",\"recordFormat\":\"application/json\"");
      line.append(",\"tableName\":\"").append(table.name()).append('"');
      line.append(",\"dynamodb\":{\"ApproximateCreationDateTime\":").append(created);
      line.append(",\"Keys\":").append(Exports.image(keys));
      if (item != null) {
        line.append(",\"NewImage\":").append(Exports.image(item));
      }
      if (old != null) {
        line.append(",\"OldImage\":").append(Exports.image(old));
      }
      line.append(",\"SizeBytes\":")
          .append(
              ItemSize.of(keys)
                  + (item == null ? 0 : ItemSize.of(item))
                  + (old == null ? 0 : ItemSize.of(old)));
      line.append(",\"ApproximateCreationDateTimePrecision\":\"").append(precision).append("\"}");
      line.append(",\"eventSource\":\"aws:dynamodb\"}\n");
      synchronized (LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object())) {
        try (BufferedWriter out =
            Files.newBufferedWriter(
                file,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
          out.write(line.toString());
        } catch (IOException e) {
          throw new UncheckedIOException("Kinesis stream file " + file + " cannot be written", e);
        }
      }
    }
  }
}
