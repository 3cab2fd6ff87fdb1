package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * {@code dynakit create-table NAME --pk ATTR:TYPE [--sk ATTR:TYPE] [--gsi
 * NAME=ATTR:TYPE[,ATTR:TYPE]]... [--billing on-demand|provisioned]}. Waits until the table is
 * active and prints its description.
 */
@Command(
    name = "create-table",
    mixinStandardHelpOptions = true,
    description = "Create a table (writes: needs --allow-write).")
final class CreateTableCommand extends AdapterCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The table's name.")
  String name;

  @Option(
      names = "--pk",
      required = true,
      paramLabel = "ATTR:TYPE",
      description = "Partition key, TYPE S, N or B.")
  String partitionKey;

  @Option(names = "--sk", paramLabel = "ATTR:TYPE", description = "Sort key, TYPE S, N or B.")
  String sortKey;

  @Option(
      names = "--gsi",
      paramLabel = "NAME=ATTR:TYPE[,ATTR:TYPE]",
      description =
          "A global secondary index (repeatable): its partition key and optional sort key;"
              + " projects all attributes.")
  List<String> indexes = new ArrayList<>();

  @Option(
      names = "--billing",
      paramLabel = "MODE",
      description = "on-demand (default) or provisioned.")
  String billing = "on-demand";

  @Option(
      names = "--rcu",
      paramLabel = "N",
      description = "Read capacity units with provisioned billing (default 5).")
  long readCapacity = 5;

  @Option(
      names = "--wcu",
      paramLabel = "N",
      description = "Write capacity units with provisioned billing (default 5).")
  long writeCapacity = 5;

  @Option(
      names = "--stream",
      paramLabel = "VIEW",
      description =
          "Enable a stream of changes: new-image, old-image, new-and-old-images or keys-only.")
  String stream;

  private CreateTableRequest request;

  CreateTableCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  void prepare() {
    boolean provisioned;
    switch (billing.toLowerCase(java.util.Locale.ROOT)) {
      case "on-demand":
      case "pay_per_request":
        provisioned = false;
        break;
      case "provisioned":
        provisioned = true;
        break;
      default:
        throw new UsageException("--billing '" + billing + "': expected on-demand or provisioned");
    }
    if (readCapacity < 1 || writeCapacity < 1) {
      throw new UsageException("--rcu and --wcu must be at least 1");
    }
    Map<String, String> definitions = new LinkedHashMap<>();
    List<KeySchemaElement> keySchema =
        keySchema("--pk", partitionKey, "--sk", sortKey, definitions);
    ProvisionedThroughput throughput =
        provisioned
            ? ProvisionedThroughput.builder()
                .readCapacityUnits(readCapacity)
                .writeCapacityUnits(writeCapacity)
                .build()
            : null;
    List<GlobalSecondaryIndex> gsis = new ArrayList<>();
    for (String index : indexes) {
      int equals = index.indexOf('=');
      if (equals <= 0) {
        throw new UsageException(
            "--gsi '" + index + "': expected NAME=ATTR:TYPE[,ATTR:TYPE], such as ByYear=Year:N");
      }
      String[] keys = index.substring(equals + 1).split(",", -1);
      if (keys.length > 2) {
        throw new UsageException(
            "--gsi '" + index + "': an index key has at most two attributes (partition, sort)");
      }
      gsis.add(
          GlobalSecondaryIndex.builder()
              .indexName(index.substring(0, equals))
              .keySchema(
                  keySchema(
                      "--gsi", keys[0], "--gsi", keys.length > 1 ? keys[1] : null, definitions))
              .projection(p -> p.projectionType(ProjectionType.ALL))
              .provisionedThroughput(throughput)
              .build());
    }
    StreamSpecification streamSpecification = null;
    if (stream != null) {
      StreamViewType view =
          StreamViewType.fromValue(stream.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      if (view == null || view == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
        throw new UsageException(
            "--stream '"
                + stream
                + "': expected new-image, old-image, new-and-old-images or keys-only");
      }
      streamSpecification =
          StreamSpecification.builder().streamEnabled(true).streamViewType(view).build();
    }
    List<AttributeDefinition> attributes = new ArrayList<>();
    definitions.forEach(
        (attribute, type) ->
            attributes.add(
                AttributeDefinition.builder()
                    .attributeName(attribute)
                    .attributeType(type)
                    .build()));
    request =
        CreateTableRequest.builder()
            .tableName(name)
            .keySchema(keySchema)
            .attributeDefinitions(attributes)
            .globalSecondaryIndexes(gsis.isEmpty() ? null : gsis)
            .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST)
            .provisionedThroughput(throughput)
            .streamSpecification(streamSpecification)
            .build();
  }

  private static List<KeySchemaElement> keySchema(
      String hashOption,
      String hash,
      String rangeOption,
      String range,
      Map<String, String> definitions) {
    List<KeySchemaElement> schema = new ArrayList<>();
    KeyAttribute partition = define(hashOption, hash, definitions);
    schema.add(
        KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build());
    if (range != null) {
      KeyAttribute sort = define(rangeOption, range, definitions);
      schema.add(
          KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
    }
    return schema;
  }

  private static KeyAttribute define(String option, String text, Map<String, String> definitions) {
    KeyAttribute key = KeyAttribute.parse(option, text);
    String known = definitions.putIfAbsent(key.name(), key.type());
    if (known != null && !known.equals(key.type())) {
      throw new UsageException(
          option
              + " '"
              + text
              + "': attribute '"
              + key.name()
              + "' is already declared with type "
              + known);
    }
    return key;
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    dynakit.sdk().createTable(request);
    dynakit.sdk().waiter().waitUntilTableExists(b -> b.tableName(name));
    print(dynakit.call("describe_table", Map.of("table", name)));
    return ExitCode.OK;
  }
}
