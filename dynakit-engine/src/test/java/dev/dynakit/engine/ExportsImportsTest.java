package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ImportNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.TableCreationParameters;

/**
 * Exports to and imports from S3, a bucket standing for a local directory, in AWS's file layout.
 * DynamoDB Local has neither (docs/compatibility.md, "Exports and imports").
 */
class ExportsImportsTest {
  private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");
  private final BackupsTest.MovingClock clock = new BackupsTest.MovingClock(START);
  @TempDir Path bucket;
  private DynakitEngine engine;
  private DynamoDbClient db;

  private void start() {
    engine = DynakitEngine.builder().clock(clock).s3Bucket("exports", bucket).build();
    db = engine.client();
    db.createTable(
        b ->
            b.tableName("orders")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    db.updateContinuousBackups(
        b ->
            b.tableName("orders")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private void put(String id, Map<String, AttributeValue> more) {
    Map<String, AttributeValue> item = new TreeMap<>(more);
    item.put("id", AttributeValue.fromS(id));
    db.putItem(b -> b.tableName("orders").item(item));
  }

  private String arn() {
    return db.describeTable(b -> b.tableName("orders")).table().tableArn();
  }

  private ExportDescription export(String prefix, Instant at) {
    return db.exportTableToPointInTime(
            b -> b.tableArn(arn()).s3Bucket("exports").s3Prefix(prefix).exportTime(at))
        .exportDescription();
  }

  private static String gunzip(Path file) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }

  @Test
  void aTableExportsInAwsLayoutAndImportsBackFromIt() throws Exception {
    start();
    put(
        "a",
        Map.of("n", AttributeValue.fromN("1.5"), "tags", AttributeValue.fromSs(List.of("x", "y"))));
    put("b", Map.of("flag", AttributeValue.fromBool(true)));
    put("c", Map.of());
    ExportDescription export = export("nightly/", null);
    assertThat(export.exportStatus()).isEqualTo(ExportStatus.COMPLETED);
    assertThat(export.itemCount()).isEqualTo(3);
    assertThat(export.exportArn()).matches(".*:table/orders/export/01777636800000-[0-9a-f]{8}");
    String id = export.exportArn().substring(export.exportArn().lastIndexOf('/') + 1);
    assertThat(export.exportManifest())
        .isEqualTo("nightly/AWSDynamoDB/" + id + "/manifest-summary.json");
    Path root = bucket.resolve("nightly/AWSDynamoDB/" + id);
    String summary = Files.readString(root.resolve("manifest-summary.json"));
    assertThat(field(summary, "itemCount")).isEqualTo("3");
    assertThat(field(summary, "outputFormat")).isEqualTo("DYNAMODB_JSON");
    assertThat(field(summary, "manifestFilesS3Key"))
        .isEqualTo("nightly/AWSDynamoDB/" + id + "/manifest-files.json");
    List<String> files = Files.readAllLines(root.resolve("manifest-files.json"));
    assertThat(files).hasSize(1);
    Path data = bucket.resolve(field(files.get(0), "dataFileS3Key"));
    assertThat(field(files.get(0), "md5Checksum"))
        .isEqualTo(
            Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(data))));
    List<String> lines = gunzip(data).lines().toList();
    assertThat(lines).hasSize(3).allMatch(line -> line.startsWith("{\"Item\":{"));
    assertThat(String.join("\n", lines))
        .contains("\"tags\":{\"SS\":[\"x\",\"y\"]}", "\"n\":{\"N\":\"1.5\"}");

    ImportTableDescription imported =
        db.importTable(
                b ->
                    b.s3BucketSource(
                            s ->
                                s.s3Bucket("exports")
                                    .s3KeyPrefix("nightly/AWSDynamoDB/" + id + "/data/"))
                        .inputFormat("DYNAMODB_JSON")
                        .inputCompressionType("GZIP")
                        .tableCreationParameters(copyOf("orders_copy")))
            .importTableDescription();
    assertThat(imported.importStatus()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(imported.importedItemCount()).isEqualTo(3);
    assertThat(imported.errorCount()).isZero();
    assertThat(db.scan(b -> b.tableName("orders_copy")).items())
        .containsExactlyInAnyOrderElementsOf(db.scan(b -> b.tableName("orders")).items());
    assertThat(db.describeImport(b -> b.importArn(imported.importArn())).importTableDescription())
        .isEqualTo(imported);
    assertThat(db.listImports(b -> {}).importSummaryList()).hasSize(1);
    assertThat(db.describeExport(b -> b.exportArn(export.exportArn())).exportDescription())
        .isEqualTo(export);
    assertThat(db.listExports(b -> b.tableArn(arn())).exportSummaries()).hasSize(1);
  }

  private static TableCreationParameters copyOf(String name) {
    return TableCreationParameters.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH"))
        .build();
  }

  @Test
  void ionExportsAndImportsEveryTypeAndReadsAwsIonFiles() throws Exception {
    start();
    Map<String, AttributeValue> all =
        Map.of(
            "s", AttributeValue.fromS("text"),
            "n", AttributeValue.fromN("12.50"),
            "b", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("bin")),
            "t", AttributeValue.fromBool(true),
            "z", AttributeValue.fromNul(true),
            "ss", AttributeValue.fromSs(List.of("x", "y")),
            "ns", AttributeValue.fromNs(List.of("1", "2.5")),
            "bs",
                AttributeValue.fromBs(
                    List.of(software.amazon.awssdk.core.SdkBytes.fromUtf8String("q"))),
            "l",
                AttributeValue.fromL(List.of(AttributeValue.fromS("e"), AttributeValue.fromN("3"))),
            "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))));
    put("a", all);
    ExportDescription export =
        db.exportTableToPointInTime(b -> b.tableArn(arn()).s3Bucket("exports").exportFormat("ION"))
            .exportDescription();
    assertThat(export.exportFormatAsString()).isEqualTo("ION");
    String id = export.exportArn().substring(export.exportArn().lastIndexOf('/') + 1);
    String files = Files.readString(bucket.resolve("AWSDynamoDB/" + id + "/manifest-files.json"));
    assertThat(field(files, "dataFileS3Key")).endsWith(".ion.gz");
    assertThat(gunzip(bucket.resolve(field(files, "dataFileS3Key"))))
        .startsWith("{Item:{")
        .contains("$dynamodb_SS::[\"x\",\"y\"]", "n:12.5");
    db.importTable(
        b ->
            b.s3BucketSource(s -> s.s3Bucket("exports").s3KeyPrefix("AWSDynamoDB/" + id + "/data/"))
                .inputFormat("ION")
                .inputCompressionType("GZIP")
                .tableCreationParameters(copyOf("from_ion")));
    assertThat(
            db.getItem(b -> b.tableName("from_ion").key(Map.of("id", AttributeValue.fromS("a"))))
                .item())
        .isEqualTo(
            db.getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("a"))))
                .item());

    Files.createDirectories(bucket.resolve("aws-ion"));
    Files.writeString(
        bucket.resolve("aws-ion/part.ion"),
        "$ion_1_0 {Item:{id:\"103\",Authors:$dynamodb_SS::[\"Author1\",\"Author2\"],"
            + "PageCount:600.,InPublication:false,Price:20.5}}\n{NotAnItem:1}\n");
    ImportTableDescription imported =
        db.importTable(
                b ->
                    b.s3BucketSource(s -> s.s3Bucket("exports").s3KeyPrefix("aws-ion/"))
                        .inputFormat("ION")
                        .tableCreationParameters(copyOf("books")))
            .importTableDescription();
    assertThat(imported.importedItemCount()).isEqualTo(1);
    assertThat(imported.errorCount()).isEqualTo(1);
    assertThat(
            db.getItem(b -> b.tableName("books").key(Map.of("id", AttributeValue.fromS("103"))))
                .item())
        .containsEntry("Authors", AttributeValue.fromSs(List.of("Author1", "Author2")))
        .containsEntry("PageCount", AttributeValue.fromN("600"))
        .containsEntry("InPublication", AttributeValue.fromBool(false));
  }

  @Test
  void anExportTimeExportsTheTableAsItWasThen() throws Exception {
    start();
    put("a", Map.of());
    clock.advance(Duration.ofMinutes(1));
    Instant then = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    put("b", Map.of());
    db.deleteItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("a"))));
    ExportDescription export = export("", then);
    assertThat(export.exportTime()).isEqualTo(then);
    assertThat(export.itemCount()).isEqualTo(1);
    String id = export.exportArn().substring(export.exportArn().lastIndexOf('/') + 1);
    String files = Files.readString(bucket.resolve("AWSDynamoDB/" + id + "/manifest-files.json"));
    assertThat(gunzip(bucket.resolve(field(files, "dataFileS3Key"))))
        .contains("{\"id\":{\"S\":\"a\"}}");
  }

  @Test
  void anIncrementalExportHoldsEachItemWrittenInThePeriodWithItsImagesAtBothEnds()
      throws Exception {
    start();
    clock.advance(Duration.ofMinutes(1));
    put("a", Map.of("v", AttributeValue.fromN("1")));
    clock.advance(Duration.ofMinutes(9));
    put("b", Map.of("v", AttributeValue.fromN("1")));
    put("a", Map.of("v", AttributeValue.fromN("2")));
    clock.advance(Duration.ofMinutes(10));
    db.deleteItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("b"))));
    clock.advance(Duration.ofMinutes(20));
    put("c", Map.of("v", AttributeValue.fromN("1")));
    ExportDescription export =
        db.exportTableToPointInTime(
                b ->
                    b.tableArn(arn())
                        .s3Bucket("exports")
                        .exportType("INCREMENTAL_EXPORT")
                        .incrementalExportSpecification(
                            i ->
                                i.exportFromTime(START.plus(Duration.ofMinutes(5)))
                                    .exportToTime(START.plus(Duration.ofMinutes(30)))))
            .exportDescription();
    assertThat(export.exportStatus()).isEqualTo(ExportStatus.COMPLETED);
    assertThat(export.exportTypeAsString()).isEqualTo("INCREMENTAL_EXPORT");
    assertThat(export.itemCount()).isEqualTo(2);
    String id = export.exportArn().substring(export.exportArn().lastIndexOf('/') + 1);
    String files = Files.readString(bucket.resolve("AWSDynamoDB/" + id + "/manifest-files.json"));
    List<String> lines =
        gunzip(bucket.resolve(field(files, "dataFileS3Key"))).lines().sorted().toList();
    long tenMinutes = START.plus(Duration.ofMinutes(10)).toEpochMilli() * 1000;
    assertThat(lines)
        .containsExactly(
            "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\""
                + tenMinutes
                + "\"}},"
                + "\"Keys\":{\"id\":{\"S\":\"a\"}},"
                + "\"NewImage\":{\"id\":{\"S\":\"a\"},\"v\":{\"N\":\"2\"}},"
                + "\"OldImage\":{\"id\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"}}}",
            "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\""
                + (tenMinutes + 10L * 60 * 1_000_000)
                + "\"}},\"Keys\":{\"id\":{\"S\":\"b\"}}}");
    assertThat(Files.readString(bucket.resolve("AWSDynamoDB/" + id + "/manifest-summary.json")))
        .contains("\"exportType\":\"INCREMENTAL_EXPORT\"");
    assertThatThrownBy(
            () ->
                db.exportTableToPointInTime(
                    b ->
                        b.tableArn(arn())
                            .s3Bucket("exports")
                            .exportType("INCREMENTAL_EXPORT")
                            .incrementalExportSpecification(
                                i ->
                                    i.exportFromTime(START.plus(Duration.ofMinutes(5)))
                                        .exportToTime(START.plus(Duration.ofMinutes(10))))))
        .hasMessageStartingWith(
            "The incremental export period must be at least 15 minutes and at most 24 hours");
    assertThatThrownBy(
            () ->
                db.exportTableToPointInTime(
                    b -> b.tableArn(arn()).s3Bucket("exports").exportType("INCREMENTAL_EXPORT")))
        .hasMessageStartingWith(
            "IncrementalExportSpecification with ExportFromTime and ExportToTime");
  }

  @Test
  void exportsNeedRecoveryAKnownBucketAndOneClientTokenPerExport() {
    start();
    String token = "token-1";
    ExportDescription first =
        db.exportTableToPointInTime(b -> b.tableArn(arn()).s3Bucket("exports").clientToken(token))
            .exportDescription();
    assertThat(
            db.exportTableToPointInTime(
                    b -> b.tableArn(arn()).s3Bucket("exports").clientToken(token))
                .exportDescription())
        .isEqualTo(first);
    assertThat(db.listExports(b -> {}).exportSummaries()).hasSize(1);
    assertThatThrownBy(
            () ->
                db.exportTableToPointInTime(
                    b -> b.tableArn(arn()).s3Bucket("elsewhere").clientToken(token)))
        .isInstanceOf(IdempotentParameterMismatchException.class);
    ExportDescription failed =
        db.exportTableToPointInTime(b -> b.tableArn(arn()).s3Bucket("elsewhere"))
            .exportDescription();
    assertThat(failed.exportStatus()).isEqualTo(ExportStatus.FAILED);
    assertThat(failed.failureCode()).isEqualTo("S3NoSuchBucket");
    assertThatThrownBy(
            () ->
                db.exportTableToPointInTime(
                    b -> b.tableArn(arn()).s3Bucket("exports").exportFormat("XML")))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("at 'exportFormat' failed to satisfy constraint");
    db.updateContinuousBackups(
        b ->
            b.tableName("orders")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(false)));
    assertThatThrownBy(
            () -> db.exportTableToPointInTime(b -> b.tableArn(arn()).s3Bucket("exports")))
        .isInstanceOf(PointInTimeRecoveryUnavailableException.class);
    assertThatThrownBy(() -> db.describeExport(b -> b.exportArn(arn() + "/export/nope")))
        .isInstanceOf(ExportNotFoundException.class);
    assertThatThrownBy(() -> db.listExports(b -> b.maxResults(26)))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value '26' at 'maxResults' failed to satisfy constraint");
  }

  @Test
  void csvImportsWithAHeaderOrAHeaderListCountingBadLines() throws Exception {
    start();
    Files.createDirectories(bucket.resolve("csv"));
    Files.writeString(
        bucket.resolve("csv/one.csv"),
        "id,name,note\nk1,Ada,\"with, comma\"\n,missing key,x\nk2,Bob,\n");
    ImportTableDescription imported =
        db.importTable(
                b ->
                    b.s3BucketSource(s -> s.s3Bucket("exports").s3KeyPrefix("csv/"))
                        .inputFormat("CSV")
                        .tableCreationParameters(copyOf("people")))
            .importTableDescription();
    assertThat(imported.processedItemCount()).isEqualTo(3);
    assertThat(imported.importedItemCount()).isEqualTo(2);
    assertThat(imported.errorCount()).isEqualTo(1);
    assertThat(
            db.getItem(b -> b.tableName("people").key(Map.of("id", AttributeValue.fromS("k1"))))
                .item())
        .isEqualTo(
            Map.of(
                "id", AttributeValue.fromS("k1"),
                "name", AttributeValue.fromS("Ada"),
                "note", AttributeValue.fromS("with, comma")));

    Files.createDirectories(bucket.resolve("numbers"));
    try (GZIPOutputStream out =
        new GZIPOutputStream(Files.newOutputStream(bucket.resolve("numbers/n.csv.gz")))) {
      out.write("7;seven\n8;eight\n".getBytes(StandardCharsets.UTF_8));
    }
    db.importTable(
        b ->
            b.s3BucketSource(s -> s.s3Bucket("exports").s3KeyPrefix("numbers/"))
                .inputFormat("CSV")
                .inputCompressionType("GZIP")
                .inputFormatOptions(o -> o.csv(c -> c.delimiter(";").headerList("n", "word")))
                .tableCreationParameters(
                    TableCreationParameters.builder()
                        .tableName("numbers")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("n").attributeType("N"))
                        .keySchema(k -> k.attributeName("n").keyType("HASH"))
                        .build()));
    assertThat(
            db.getItem(b -> b.tableName("numbers").key(Map.of("n", AttributeValue.fromN("8"))))
                .item())
        .containsEntry("word", AttributeValue.fromS("eight"));
  }

  @Test
  void importsAreRefusedWhereAwsRefusesThem() {
    start();
    ImportTableRequest.Builder base =
        ImportTableRequest.builder()
            .s3BucketSource(s -> s.s3Bucket("exports"))
            .inputFormat("DYNAMODB_JSON")
            .tableCreationParameters(copyOf("orders"));
    assertThatThrownBy(() -> db.importTable(base.build()))
        .isInstanceOf(DynamoDbException.class)
        .satisfies(
            e ->
                assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ResourceInUseException"));
    assertThatThrownBy(
            () ->
                db.importTable(
                    base.copy()
                        .inputCompressionType("ZSTD")
                        .tableCreationParameters(copyOf("x1y"))
                        .build()))
        .hasMessageStartingWith("InputCompressionType ZSTD is not served by this engine");
    assertThatThrownBy(
            () ->
                db.importTable(
                    base.copy()
                        .s3BucketSource(s -> s.s3Bucket("missing"))
                        .tableCreationParameters(copyOf("x1y"))
                        .build()))
        .hasMessageStartingWith("S3 bucket missing does not exist");
    assertThatThrownBy(() -> db.describeImport(b -> b.importArn(arn() + "/import/nope")))
        .isInstanceOf(ImportNotFoundException.class);
    assertThatThrownBy(() -> DynakitEngine.builder().s3Bucket("Bad_Bucket", bucket))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an S3 bucket name: Bad_Bucket");
  }
}
