package dev.dynakit.engine.internal;

import dev.dynakit.engine.protocol.JsonCodec;
import dev.dynakit.expression.value.AttributeValues;
import dev.dynakit.expression.value.ItemSize;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ImportNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportSummary;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportTableResponse;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.ListImportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListImportsResponse;
import software.amazon.awssdk.services.dynamodb.model.TableCreationParameters;

/**
 * ImportTable from S3 (DynamoDB JSON or CSV, gzipped or not), DescribeImport and ListImports. Every
 * file whose key starts with {@code S3KeyPrefix}, in the local directory the bucket stands for, is
 * read into a new table created from {@code TableCreationParameters}; so an export's {@code data/}
 * directory imports as it is. A line that cannot be read is counted in {@code ErrorCount} and
 * passed over, as AWS does (it logs it to CloudWatch, which the engine does not have). The import
 * is done when the call answers.
 */
final class Imports {
  private final Clock clock;
  private final Tables tables;
  private final Items items;
  private final ItemLocks locks;
  private final Buckets buckets;
  private final Map<String, ImportTableDescription> imports = new ConcurrentSkipListMap<>();

  Imports(Clock clock, Tables tables, Items items, ItemLocks locks, Buckets buckets) {
    this.clock = clock;
    this.tables = tables;
    this.items = items;
    this.locks = locks;
    this.buckets = buckets;
  }

  synchronized ImportTableResponse importTable(ImportTableRequest request) {
    if (request.s3BucketSource() == null) {
      throw Errors.nullMember("s3BucketSource");
    }
    if (request.inputFormat() == null) {
      throw Errors.nullMember("inputFormat");
    }
    TableCreationParameters parameters = request.tableCreationParameters();
    if (parameters == null) {
      throw Errors.nullMember("tableCreationParameters");
    }
    if (request.inputCompressionType() == InputCompressionType.ZSTD) {
      throw Errors.validation("InputCompressionType ZSTD is not served by this engine");
    }
    if (request.clientToken() != null) {
      for (ImportTableDescription done : imports.values()) {
        if (request.clientToken().equals(done.clientToken())) {
          if (!done.tableCreationParameters().equals(parameters)
              || !done.s3BucketSource().equals(request.s3BucketSource())) {
            throw Errors.idempotentParameterMismatch(
                "Import with the same client token and different parameters exists");
          }
          return ImportTableResponse.builder().importTableDescription(done).build();
        }
      }
    }
    Instant start = clock.instant();
    Path directory = buckets.directory(request.s3BucketSource().s3Bucket());
    ImportTableDescription.Builder description =
        ImportTableDescription.builder()
            .clientToken(request.clientToken())
            .s3BucketSource(request.s3BucketSource())
            .inputFormat(request.inputFormat())
            .inputFormatOptions(request.inputFormatOptions())
            .inputCompressionType(
                request.inputCompressionType() == null
                    ? InputCompressionType.NONE
                    : request.inputCompressionType())
            .tableCreationParameters(parameters)
            .startTime(start);
    if (directory == null) {
      throw Errors.validation(
          "S3 bucket " + request.s3BucketSource().s3Bucket() + " does not exist");
    }
    tables.createTable(
        CreateTableRequest.builder()
            .tableName(parameters.tableName())
            .attributeDefinitions(parameters.attributeDefinitions())
            .keySchema(parameters.keySchema())
            .billingMode(parameters.billingMode())
            .provisionedThroughput(parameters.provisionedThroughput())
            .onDemandThroughput(parameters.onDemandThroughput())
            .sseSpecification(parameters.sseSpecification())
            .globalSecondaryIndexes(
                parameters.hasGlobalSecondaryIndexes() ? parameters.globalSecondaryIndexes() : null)
            .build());
    Table table = tables.require(parameters.tableName());
    String id =
        String.format("%014d-%08x", start.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    description
        .importArn(table.created().tableArn() + "/import/" + id)
        .tableArn(table.created().tableArn())
        .tableId(table.created().tableId());
    long[] counts = new long[4]; // processed items, imported items, errors, bytes
    try {
      for (Path file : files(directory, request.s3BucketSource().s3KeyPrefix())) {
        counts[3] += Files.size(file);
        try (Reader reader = reader(file, description.build().inputCompressionType())) {
          if (request.inputFormat() == InputFormat.CSV) {
            readCsv(reader, request, table, counts);
          } else if (request.inputFormat() == InputFormat.ION) {
            IonItems.read(
                reader,
                item -> {
                  counts[0]++;
                  put(table, item, counts);
                },
                () -> {
                  counts[0]++;
                  counts[2]++;
                });
          } else {
            readJson(reader, table, counts);
          }
        }
      }
      description.importStatus(ImportStatus.COMPLETED);
    } catch (IOException | UncheckedIOException e) {
      description
          .importStatus(ImportStatus.FAILED)
          .failureCode("S3ReadFailed")
          .failureMessage("The import could not be read: " + e.getClass().getSimpleName());
    }
    ImportTableDescription done =
        description
            .processedItemCount(counts[0])
            .importedItemCount(counts[1])
            .errorCount(counts[2])
            .processedSizeBytes(counts[3])
            .endTime(clock.instant())
            .build();
    imports.put(done.importArn(), done);
    return ImportTableResponse.builder().importTableDescription(done).build();
  }

  /** The files under the bucket's directory whose keys start with {@code prefix}, by key. */
  private static List<Path> files(Path directory, String prefix) throws IOException {
    Path base = directory.toAbsolutePath().normalize();
    String wanted = prefix == null ? "" : prefix;
    try (Stream<Path> all = Files.walk(base)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> base.relativize(p).toString().replace('\\', '/').startsWith(wanted))
          .sorted()
          .toList();
    }
  }

  private static Reader reader(Path file, InputCompressionType compression) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (compression == InputCompressionType.GZIP) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private void readJson(Reader reader, Table table, long[] counts) throws IOException {
    BufferedReader lines = (BufferedReader) reader;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      counts[0]++;
      Map<String, AttributeValue> item;
      try {
        GetItemResponse read =
            JsonCodec.read(line.getBytes(StandardCharsets.UTF_8), GetItemResponse::builder);
        item = read.item();
      } catch (RuntimeException e) {
        counts[2]++;
        continue;
      }
      put(table, item, counts);
    }
  }

  private void readCsv(Reader reader, ImportTableRequest request, Table table, long[] counts)
      throws IOException {
    var csv = request.inputFormatOptions() == null ? null : request.inputFormatOptions().csv();
    CSVFormat.Builder format = CSVFormat.RFC4180.builder();
    if (csv != null && csv.delimiter() != null) {
      format.setDelimiter(csv.delimiter());
    }
    boolean header = csv == null || !csv.hasHeaderList();
    if (header) {
      format.setHeader().setSkipHeaderRecord(true);
    } else {
      format.setHeader(csv.headerList().toArray(String[]::new));
    }
    Map<String, String> keyTypes = new LinkedHashMap<>();
    for (AttributeDefinition definition :
        request.tableCreationParameters().attributeDefinitions()) {
      keyTypes.put(definition.attributeName(), definition.attributeTypeAsString());
    }
    for (CSVRecord record : format.build().parse(reader)) {
      counts[0]++;
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, String> field : record.toMap().entrySet()) {
          if (field.getValue() == null || field.getValue().isEmpty()) {
            continue;
          }
          String type = keyTypes.getOrDefault(field.getKey(), "S");
          item.put(
              field.getKey(),
              type.equals("N")
                  ? AttributeValue.fromN(field.getValue())
                  : type.equals("B")
                      ? AttributeValue.fromB(
                          software.amazon.awssdk.core.SdkBytes.fromByteArray(
                              java.util.Base64.getDecoder().decode(field.getValue())))
                      : AttributeValue.fromS(field.getValue()));
        }
      } catch (IllegalArgumentException e) {
        counts[2]++;
        continue;
      }
      put(table, item, counts);
    }
  }

  /** Writes one item, or counts it as an error if the table refuses it (a key missing, ...). */
  private void put(Table table, Map<String, AttributeValue> item, long[] counts) {
    byte[] key;
    Map<String, AttributeValue> stored;
    try {
      Items.checkItem(item);
      key = Items.keyOfItem(table.keys(), item);
      ItemSize.checkLimit(item);
      table.checkIndexKeys(item);
      stored = AttributeValues.canonical(item);
    } catch (RuntimeException e) {
      counts[2]++;
      return;
    }
    ReentrantLock lock = locks.of(table.name(), key);
    lock.lock();
    try {
      items.write(table, key, items.read(table, key), stored);
      counts[1]++;
    } finally {
      lock.unlock();
    }
  }

  DescribeImportResponse describeImport(DescribeImportRequest request) {
    if (request.importArn() == null) {
      throw Errors.nullMember("importArn");
    }
    ImportTableDescription found = imports.get(request.importArn());
    if (found == null) {
      throw (ImportNotFoundException)
          Errors.fill(
                  ImportNotFoundException.builder(),
                  "ImportNotFoundException",
                  "Import not found: " + request.importArn(),
                  400)
              .build();
    }
    return DescribeImportResponse.builder().importTableDescription(found).build();
  }

  ListImportsResponse listImports(ListImportsRequest request) {
    Integer size = request.pageSize();
    if (size != null && (size < 1 || size > 25)) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + size
              + "' at 'pageSize' failed to satisfy constraint: Member must have value "
              + (size < 1 ? "greater than or equal to 1" : "less than or equal to 25"));
    }
    int limit = size == null ? 25 : size;
    List<ImportSummary> page = new ArrayList<>();
    String next = null;
    for (ImportTableDescription found : imports.values()) {
      if (request.nextToken() != null && found.importArn().compareTo(request.nextToken()) <= 0) {
        continue;
      }
      if (request.tableArn() != null && !request.tableArn().equals(found.tableArn())) {
        continue;
      }
      if (page.size() == limit) {
        next = page.get(page.size() - 1).importArn();
        break;
      }
      page.add(
          ImportSummary.builder()
              .importArn(found.importArn())
              .importStatus(found.importStatus())
              .tableArn(found.tableArn())
              .s3BucketSource(found.s3BucketSource())
              .inputFormat(found.inputFormat())
              .startTime(found.startTime())
              .endTime(found.endTime())
              .build());
    }
    return ListImportsResponse.builder().importSummaryList(page).nextToken(next).build();
  }
}
