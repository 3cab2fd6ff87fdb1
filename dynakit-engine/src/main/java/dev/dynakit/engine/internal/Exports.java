package dev.dynakit.engine.internal;

import dev.dynakit.engine.protocol.JsonCodec;
import dev.dynakit.engine.storage.ItemCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportResponse;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ExportSummary;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.ExportViewType;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.IncrementalExportSpecification;
import software.amazon.awssdk.services.dynamodb.model.ListExportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListExportsResponse;

/**
 * Full exports of a table to S3 in DynamoDB JSON (ExportTableToPointInTime, DescribeExport,
 * ListExports), written as AWS lays them out: {@code <prefix>/AWSDynamoDB/<export id>/} with {@code
 * manifest-summary.json}, {@code manifest-files.json} and gzipped {@code data/*.json.gz} files of
 * {@code {"Item": {...}}} lines, in the local directory the bucket stands for. The export is done
 * when the call answers; the table must have point-in-time recovery, as on AWS.
 */
final class Exports {
  private static final int ITEMS_PER_FILE = 10_000;

  private final Clock clock;
  private final PointInTimeRecovery recovery;
  private final Buckets buckets;
  private final Map<String, ExportDescription> exports = new ConcurrentSkipListMap<>();

  Exports(Clock clock, PointInTimeRecovery recovery, Buckets buckets) {
    this.clock = clock;
    this.recovery = recovery;
    this.buckets = buckets;
  }

  synchronized ExportTableToPointInTimeResponse exportTableToPointInTime(
      ExportTableToPointInTimeRequest request) {
    if (request.tableArn() == null) {
      throw Errors.nullMember("tableArn");
    }
    if (request.s3Bucket() == null) {
      throw Errors.nullMember("s3Bucket");
    }
    if (request.exportFormat() == ExportFormat.UNKNOWN_TO_SDK_VERSION) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + request.exportFormatAsString()
              + "' at 'exportFormat' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [ION, DYNAMODB_JSON]");
    }
    boolean ion = request.exportFormat() == ExportFormat.ION;
    if (request.clientToken() != null) {
      for (ExportDescription done : exports.values()) {
        if (request.clientToken().equals(done.clientToken())) {
          if (!done.tableArn().equals(request.tableArn())
              || !done.s3Bucket().equals(request.s3Bucket())) {
            throw Errors.idempotentParameterMismatch(
                "Export with the same client token and different parameters exists");
          }
          return ExportTableToPointInTimeResponse.builder().exportDescription(done).build();
        }
      }
    }
    Table table = recovery.find(request.tableArn());
    RecoveryLog log = PointInTimeRecovery.requireLog(table);
    Instant now = clock.instant();
    boolean incremental = request.exportType() == ExportType.INCREMENTAL_EXPORT;
    IncrementalExportSpecification period = request.incrementalExportSpecification();
    if (incremental) {
      checkPeriod(request, period, log, now);
      if (ion) {
        throw Errors.validation("ION incremental exports are not served by this engine");
      }
    }
    Instant at =
        incremental
            ? period.exportToTime()
            : request.exportTime() == null ? now : request.exportTime();
    recovery.checkWindow(log, at);
    String id =
        String.format("%014d-%08x", now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    String base =
        (request.s3Prefix() == null || request.s3Prefix().isEmpty()
                ? ""
                : request.s3Prefix().replaceAll("/+$", "") + "/")
            + "AWSDynamoDB/"
            + id
            + "/";
    ExportDescription.Builder description =
        ExportDescription.builder()
            .exportArn(table.created().tableArn() + "/export/" + id)
            .tableArn(table.created().tableArn())
            .tableId(table.created().tableId())
            .exportTime(at)
            .startTime(now)
            .clientToken(request.clientToken())
            .s3Bucket(request.s3Bucket())
            .s3BucketOwner(request.s3BucketOwner())
            .s3Prefix(request.s3Prefix())
            .s3SseAlgorithm(
                request.s3SseAlgorithm() == null ? "AES256" : request.s3SseAlgorithmAsString())
            .exportFormat(ion ? ExportFormat.ION : ExportFormat.DYNAMODB_JSON)
            .exportType(incremental ? ExportType.INCREMENTAL_EXPORT : ExportType.FULL_EXPORT)
            .incrementalExportSpecification(incremental ? period : null);
    Path directory = buckets.directory(request.s3Bucket());
    if (directory == null) {
      description
          .exportStatus(ExportStatus.FAILED)
          .failureCode("S3NoSuchBucket")
          .failureMessage("The specified bucket does not exist")
          .endTime(now);
    } else if (incremental) {
      write(
          table, directory, base, description, into -> incrementalLines(table, log, period, into));
    } else {
      write(
          table,
          directory,
          base,
          description,
          into ->
              recovery.itemsAt(
                  table,
                  log,
                  at,
                  (key, encoded) ->
                      into.accept(
                          ion
                              ? IonItems.line(ItemCodec.decode(encoded))
                                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                              : JsonCodec.write(
                                  GetItemResponse.builder()
                                      .item(ItemCodec.decode(encoded))
                                      .build()))));
    }
    ExportDescription done = description.build();
    exports.put(done.exportArn(), done);
    return ExportTableToPointInTimeResponse.builder().exportDescription(done).build();
  }

  /** Checks an incremental export's period as the API reference does. */
  private static void checkPeriod(
      ExportTableToPointInTimeRequest request,
      IncrementalExportSpecification period,
      RecoveryLog log,
      Instant now) {
    if (request.exportTime() != null) {
      throw Errors.validation("ExportTime cannot be given with ExportType INCREMENTAL_EXPORT");
    }
    if (period == null || period.exportFromTime() == null || period.exportToTime() == null) {
      throw Errors.validation(
          "IncrementalExportSpecification with ExportFromTime and ExportToTime is required for an"
              + " incremental export");
    }
    java.time.Duration length =
        java.time.Duration.between(period.exportFromTime(), period.exportToTime());
    if (length.compareTo(java.time.Duration.ofMinutes(15)) < 0
        || length.compareTo(java.time.Duration.ofHours(24)) > 0) {
      throw Errors.validation(
          "The incremental export period must be at least 15 minutes and at most 24 hours");
    }
    if (period.exportFromTime().isBefore(log.earliest(now))) {
      throw Errors.validation(
          "ExportFromTime must be within the point in time recovery window, from "
              + log.earliest(now));
    }
  }

  /**
   * The lines of an incremental export: for each item written in the period, its keys, its image at
   * the period's end (none if deleted), with {@code NEW_AND_OLD_IMAGES} its image at the start, and
   * the time of its last write in microseconds.
   */
  private void incrementalLines(
      Table table,
      RecoveryLog log,
      IncrementalExportSpecification period,
      java.util.function.Consumer<byte[]> into) {
    Map<java.nio.ByteBuffer, RecoveryLog.Written> written =
        log.written(period.exportFromTime(), period.exportToTime());
    // The items now, read before what they held at the end is worked out: a write in between is
    // in the log by then.
    Map<java.nio.ByteBuffer, Map<String, AttributeValue>> now = new java.util.HashMap<>();
    written.keySet().forEach(key -> now.put(key, recovery.current(table, bytes(key))));
    Map<java.nio.ByteBuffer, Object> atEnd = log.at(period.exportToTime());
    boolean oldImages =
        period.exportViewType() == null
            || period.exportViewType() == ExportViewType.NEW_AND_OLD_IMAGES;
    written.forEach(
        (key, change) -> {
          Object end = atEnd.containsKey(key) ? atEnd.get(key) : now.get(key);
          Object start = change.before();
          Map<String, AttributeValue> any =
              item(end) != null
                  ? item(end)
                  : item(start) != null ? item(start) : item(change.seen());
          if (any == null) {
            return; // only deletes of an item that was not there: nothing changed
          }
          StringBuilder line = new StringBuilder();
          long micros = java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, change.last());
          line.append("{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"")
              .append(micros)
              .append("\"}},\"Keys\":")
              .append(image(keysOf(table, any)));
          if (item(end) != null) {
            line.append(",\"NewImage\":").append(image(item(end)));
          }
          if (oldImages && item(start) != null) {
            line.append(",\"OldImage\":").append(image(item(start)));
          }
          into.accept(
              line.append('}').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
  }

  private static Map<String, AttributeValue> keysOf(Table table, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> keys = new LinkedHashMap<>();
    table.keys().attributes().forEach(a -> keys.put(a.name(), item.get(a.name())));
    return keys;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, AttributeValue> item(Object held) {
    return held == null || held == RecoveryLog.ABSENT ? null : (Map<String, AttributeValue>) held;
  }

  private static byte[] bytes(java.nio.ByteBuffer key) {
    byte[] bytes = new byte[key.remaining()];
    key.duplicate().get(bytes);
    return bytes;
  }

  /** An item in DynamoDB JSON: GetItem's JSON without its {@code Item} wrapper. */
  static String image(Map<String, AttributeValue> item) {
    String wrapped =
        new String(
            JsonCodec.write(GetItemResponse.builder().item(item).build()),
            java.nio.charset.StandardCharsets.UTF_8);
    return wrapped.substring("{\"Item\":".length(), wrapped.length() - 1);
  }

  private void write(
      Table table,
      Path directory,
      String base,
      ExportDescription.Builder description,
      java.util.function.Consumer<java.util.function.Consumer<byte[]>> lines) {
    List<Map<String, Object>> files = new ArrayList<>();
    long[] totals = new long[2];
    try {
      Path data = Buckets.path(directory, base + "data");
      Files.createDirectories(data);
      DataFile[] current = {null};
      lines.accept(
          line -> {
            if (current[0] == null) {
              current[0] =
                  new DataFile(
                      data,
                      base,
                      description.build().exportFormat() == ExportFormat.ION
                          ? ".ion.gz"
                          : ".json.gz");
            }
            current[0].add(line);
            totals[0]++;
            totals[1] += line.length;
            if (current[0].items == ITEMS_PER_FILE) {
              files.add(current[0].close());
              current[0] = null;
            }
          });
      if (current[0] != null) {
        files.add(current[0].close());
      }
      StringBuilder manifestFiles = new StringBuilder();
      for (Map<String, Object> file : files) {
        manifestFiles.append(json(file)).append('\n');
      }
      Files.writeString(
          Buckets.path(directory, base + "manifest-files.json"), manifestFiles.toString());
      Instant end = clock.instant();
      ExportDescription partial = description.build();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("version", "2020-06-30");
      summary.put("exportArn", partial.exportArn());
      summary.put("startTime", partial.startTime().toString());
      summary.put("endTime", end.toString());
      summary.put("tableId", partial.tableId());
      summary.put("tableArn", partial.tableArn());
      summary.put("exportTime", partial.exportTime().toString());
      summary.put("s3Bucket", partial.s3Bucket());
      summary.put("s3Prefix", partial.s3Prefix());
      summary.put("s3SseAlgorithm", partial.s3SseAlgorithm());
      summary.put("s3SseKmsKeyId", null);
      summary.put("manifestFilesS3Key", base + "manifest-files.json");
      summary.put("billedSizeBytes", totals[1]);
      summary.put("itemCount", totals[0]);
      summary.put("outputFormat", partial.exportFormatAsString());
      summary.put("exportType", partial.exportTypeAsString());
      Files.writeString(
          Buckets.path(directory, base + "manifest-summary.json"), json(summary) + "\n");
      description
          .exportStatus(ExportStatus.COMPLETED)
          .endTime(end)
          .exportManifest(base + "manifest-summary.json")
          .itemCount(totals[0])
          .billedSizeBytes(totals[1]);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      description
          .exportStatus(ExportStatus.FAILED)
          .failureCode("S3WriteFailed")
          .failureMessage("The export could not be written: " + e.getClass().getSimpleName())
          .endTime(clock.instant());
    }
  }

  /** One gzipped data file being written, with its checksums. */
  private static final class DataFile {
    private final String key;
    private final MessageDigest md5;
    private final OutputStream out;
    private long items;

    DataFile(Path data, String base, String suffix) {
      String name = java.util.UUID.randomUUID().toString().replace("-", "") + suffix;
      this.key = base + "data/" + name;
      try {
        md5 = MessageDigest.getInstance("MD5");
        out =
            new GZIPOutputStream(
                new DigestOutputStream(Files.newOutputStream(data.resolve(name)), md5));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void add(byte[] line) {
      try {
        out.write(line);
        out.write('\n');
        items++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Map<String, Object> close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] digest = md5.digest();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("itemCount", items);
      entry.put("md5Checksum", Base64.getEncoder().encodeToString(digest));
      entry.put("etag", HexFormat.of().formatHex(digest));
      entry.put("dataFileS3Key", key);
      return entry;
    }
  }

  /** A flat map of strings, numbers and nulls as JSON. */
  private static String json(Map<String, Object> map) {
    StringBuilder out = new StringBuilder("{");
    map.forEach(
        (key, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append('"').append(key).append("\":");
          if (value == null || value instanceof Number) {
            out.append(value);
          } else {
            out.append('"')
                .append(value.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"');
          }
        });
    return out.append('}').toString();
  }

  DescribeExportResponse describeExport(DescribeExportRequest request) {
    if (request.exportArn() == null) {
      throw Errors.nullMember("exportArn");
    }
    ExportDescription export = exports.get(request.exportArn());
    if (export == null) {
      throw (ExportNotFoundException)
          Errors.fill(
                  ExportNotFoundException.builder(),
                  "ExportNotFoundException",
                  "Export not found: " + request.exportArn(),
                  400)
              .build();
    }
    return DescribeExportResponse.builder().exportDescription(export).build();
  }

  ListExportsResponse listExports(ListExportsRequest request) {
    Integer max = request.maxResults();
    if (max != null && (max < 1 || max > 25)) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + max
              + "' at 'maxResults' failed to satisfy constraint: Member must have value "
              + (max < 1 ? "greater than or equal to 1" : "less than or equal to 25"));
    }
    int limit = max == null ? 25 : max;
    List<ExportSummary> page = new ArrayList<>();
    String next = null;
    for (ExportDescription export : exports.values()) {
      if (request.nextToken() != null && export.exportArn().compareTo(request.nextToken()) <= 0) {
        continue;
      }
      if (request.tableArn() != null && !request.tableArn().equals(export.tableArn())) {
        continue;
      }
      if (page.size() == limit) {
        next = page.get(page.size() - 1).exportArn();
        break;
      }
      page.add(
          ExportSummary.builder()
              .exportArn(export.exportArn())
              .exportStatus(export.exportStatus())
              .exportType(export.exportType())
              .build());
    }
    return ListExportsResponse.builder().exportSummaries(page).nextToken(next).build();
  }
}
