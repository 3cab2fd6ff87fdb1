package dev.dynakit.engine.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsAction;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsMode;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsStatus;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsSummary;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsResponse;

/**
 * UpdateContributorInsights, DescribeContributorInsights and ListContributorInsights, on a table
 * and on each of its global secondary indexes, as the API reference and DynamoDB's answers describe
 * them. The engine has no CloudWatch: a change takes effect at once. UpdateContributorInsights
 * answers {@code ENABLING} or {@code DISABLING}, as DynamoDB does, and DescribeContributorInsights
 * {@code ENABLED} or {@code DISABLED} from then on, with {@code LastUpdateDateTime} by the engine's
 * clock and the names of the rules DynamoDB would create ({@code
 * DynamoDBContributorInsights-PKC-<table>[-<index>]-<epoch ms>}, and {@code PKT}, {@code SKC},
 * {@code SKT}). DynamoDB Local serves none of this (docs/compatibility.md).
 */
final class ContributorInsights {
  static final int MAX_RESULTS = 100;
  private static final Pattern INDEX_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  private static final String RULE = "DynamoDBContributorInsights-";

  private final Clock clock;
  private final Tables tables;

  ContributorInsights(Clock clock, Tables tables) {
    this.clock = clock;
    this.tables = tables;
  }

  UpdateContributorInsightsResponse updateContributorInsights(
      UpdateContributorInsightsRequest request) {
    String tableName = checkTableName(request.tableName());
    checkIndexName(request.indexName());
    String action = request.contributorInsightsActionAsString();
    if (action == null) {
      throw constraint(null, "contributorInsightsAction", "Member must not be null");
    }
    if (request.contributorInsightsAction() == ContributorInsightsAction.UNKNOWN_TO_SDK_VERSION) {
      throw enumeration(
          action, "contributorInsightsAction", ContributorInsightsAction.knownValues());
    }
    String mode = request.contributorInsightsModeAsString();
    if (mode != null
        && request.contributorInsightsMode() == ContributorInsightsMode.UNKNOWN_TO_SDK_VERSION) {
      throw enumeration(mode, "contributorInsightsMode", ContributorInsightsMode.knownValues());
    }
    Table table = table(tableName);
    String part = part(table, request.indexName());
    boolean enable = request.contributorInsightsAction() == ContributorInsightsAction.ENABLE;
    UpdateContributorInsightsResponse.Builder response =
        UpdateContributorInsightsResponse.builder()
            .tableName(table.name())
            .indexName(request.indexName());
    table.changeInsights(
        part,
        current ->
            enable
                ? enabled(table, request.indexName(), current, mode, response)
                : disabled(current, response));
    return response.build();
  }

  /**
   * The insights after an ENABLE in {@code mode} (null: the default), answering in {@code response}
   * {@code ENABLING}, or {@code ENABLED} when they are enabled in that mode already.
   */
  private DescribeContributorInsightsResponse enabled(
      Table table,
      String indexName,
      DescribeContributorInsightsResponse current,
      String mode,
      UpdateContributorInsightsResponse.Builder response) {
    boolean enabled = isEnabled(current);
    String wanted =
        mode != null ? mode : ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS.toString();
    response.contributorInsightsMode(wanted);
    if (enabled && wanted.equals(current.contributorInsightsModeAsString())) {
      response.contributorInsightsStatus(ContributorInsightsStatus.ENABLED);
      return current;
    }
    response.contributorInsightsStatus(ContributorInsightsStatus.ENABLING);
    Instant now = clock.instant();
    // A change of mode keeps the rules' time of creation; enabling again makes new rules.
    String created = enabled ? suffixOf(current.contributorInsightsRuleList().get(0)) : stamp(now);
    return DescribeContributorInsightsResponse.builder()
        .tableName(table.name())
        .indexName(indexName)
        .contributorInsightsRuleList(rules(table, indexName, wanted, created))
        .contributorInsightsStatus(ContributorInsightsStatus.ENABLED)
        .lastUpdateDateTime(now)
        .contributorInsightsMode(wanted)
        .build();
  }

  /**
   * The insights after a DISABLE, answering in {@code response} {@code DISABLING}, or {@code
   * DISABLED} when they are not enabled, with the mode in force.
   */
  private DescribeContributorInsightsResponse disabled(
      DescribeContributorInsightsResponse current,
      UpdateContributorInsightsResponse.Builder response) {
    response.contributorInsightsMode(
        current == null ? null : current.contributorInsightsModeAsString());
    if (!isEnabled(current)) {
      response.contributorInsightsStatus(ContributorInsightsStatus.DISABLED);
      return current;
    }
    response.contributorInsightsStatus(ContributorInsightsStatus.DISABLING);
    return current.toBuilder()
        .contributorInsightsStatus(ContributorInsightsStatus.DISABLED)
        .contributorInsightsRuleList((List<String>) null)
        .lastUpdateDateTime(clock.instant())
        .build();
  }

  private static boolean isEnabled(DescribeContributorInsightsResponse insights) {
    return insights != null
        && insights.contributorInsightsStatus() == ContributorInsightsStatus.ENABLED;
  }

  DescribeContributorInsightsResponse describeContributorInsights(
      DescribeContributorInsightsRequest request) {
    String tableName = checkTableName(request.tableName());
    checkIndexName(request.indexName());
    Table table = table(tableName);
    DescribeContributorInsightsResponse insights = table.insights(part(table, request.indexName()));
    if (insights == null) {
      return DescribeContributorInsightsResponse.builder()
          .tableName(table.name())
          .indexName(request.indexName())
          .contributorInsightsStatus(ContributorInsightsStatus.DISABLED)
          .build();
    }
    return insights;
  }

  ListContributorInsightsResponse listContributorInsights(ListContributorInsightsRequest request) {
    Integer max = request.maxResults();
    if (max != null && max > MAX_RESULTS) {
      throw constraint(
          String.valueOf(max), "maxResults", "Member must have value less than or equal to 100");
    }
    if (max != null && max < 1) {
      throw constraint(
          String.valueOf(max), "maxResults", "Member must have value greater than or equal to 1");
    }
    String after = request.nextToken();
    if (after != null && after.indexOf('/') < 0) {
      throw Errors.validation("Invalid NextToken: " + after);
    }
    List<Table> listed = new ArrayList<>();
    if (request.tableName() != null) {
      listed.add(table(checkTableName(request.tableName())));
    } else {
      listed.addAll(tables.all());
    }
    int size = max == null ? MAX_RESULTS : max;
    List<ContributorInsightsSummary> page = new ArrayList<>();
    String last = null;
    for (Table table : listed) {
      for (SecondaryIndex index : parts(table)) {
        String part = index == null ? "" : index.name();
        String key = table.name() + "/" + part;
        DescribeContributorInsightsResponse insights = table.insights(part);
        if (insights == null
            || insights.contributorInsightsStatus() == ContributorInsightsStatus.DISABLED
            || (after != null && compare(key, after) <= 0)) {
          continue;
        }
        if (page.size() == size) {
          return ListContributorInsightsResponse.builder()
              .contributorInsightsSummaries(page)
              .nextToken(last)
              .build();
        }
        page.add(
            ContributorInsightsSummary.builder()
                .tableName(insights.tableName())
                .indexName(insights.indexName())
                .contributorInsightsStatus(insights.contributorInsightsStatus())
                .contributorInsightsMode(insights.contributorInsightsModeAsString())
                .build());
        last = key;
      }
    }
    return ListContributorInsightsResponse.builder().contributorInsightsSummaries(page).build();
  }

  /** The table (null) and its global indexes, in the order of their names. */
  private static List<SecondaryIndex> parts(Table table) {
    List<SecondaryIndex> parts = new ArrayList<>();
    parts.add(null);
    table.indexes().stream()
        .filter(SecondaryIndex::global)
        .sorted(Comparator.comparing(SecondaryIndex::name))
        .forEach(parts::add);
    return parts;
  }

  /** Orders {@code <table>/<index>} keys by table, then index (the table's own, empty, first). */
  private static int compare(String key, String other) {
    String[] a = key.split("/", 2);
    String[] b = other.split("/", 2);
    int byTable = a[0].compareTo(b[0]);
    return byTable != 0 ? byTable : a[1].compareTo(b[1]);
  }

  /** The rules DynamoDB creates for a table or index in that mode, created at {@code created}. */
  private static List<String> rules(Table table, String indexName, String mode, String created) {
    boolean sorted =
        indexName == null
            ? !table.keys().sortKeys().isEmpty()
            : !table.index(indexName).orElseThrow().keys().sortKeys().isEmpty();
    String resource = indexName == null ? table.name() : table.name() + "-" + indexName;
    boolean accessed = ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS.toString().equals(mode);
    List<String> rules = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    if (accessed) {
      kinds.add("PKC");
    }
    kinds.add("PKT");
    if (sorted && accessed) {
      kinds.add("SKC");
    }
    if (sorted) {
      kinds.add("SKT");
    }
    kinds.forEach(kind -> rules.add(RULE + kind + "-" + resource + "-" + created));
    return rules;
  }

  private static String stamp(Instant at) {
    return Long.toString(at.toEpochMilli());
  }

  private static String suffixOf(String rule) {
    return rule.substring(rule.lastIndexOf('-') + 1);
  }

  private String checkTableName(String tableName) {
    if (tableName == null) {
      throw constraint(null, "tableName", "Member must not be null");
    }
    return tables.nameOf(tableName);
  }

  private static void checkIndexName(String indexName) {
    if (indexName == null) {
      return;
    }
    if (indexName.length() < 3) {
      throw constraint(
          indexName, "indexName", "Member must have length greater than or equal to 3");
    }
    if (indexName.length() > 255) {
      throw constraint(indexName, "indexName", "Member must have length less than or equal to 255");
    }
    if (!INDEX_NAME.matcher(indexName).matches()) {
      throw constraint(
          indexName,
          "indexName",
          "Member must satisfy regular expression pattern: " + INDEX_NAME.pattern());
    }
  }

  private Table table(String name) {
    Table table = tables.find(name);
    if (table == null) {
      throw Errors.resourceNotFound("Requested resource not found: Table: " + name + " not found");
    }
    return table;
  }

  /** The part of the table insights are kept for: {@code ""} for the table, else a global index. */
  private static String part(Table table, String indexName) {
    if (indexName == null) {
      return "";
    }
    if (table.index(indexName).filter(SecondaryIndex::global).isEmpty()) {
      throw Errors.resourceNotFound(
          "Requested resource not found: Index: "
              + indexName
              + " not found for table: "
              + table.name());
    }
    return indexName;
  }

  /**
   * AWS's words for a member that fails a constraint ({@code value} null: the member is absent).
   */
  private static RuntimeException constraint(String value, String member, String rule) {
    return Errors.validation(
        "1 validation error detected: Value "
            + (value == null ? "null" : "'" + value + "'")
            + " at '"
            + member
            + "' failed to satisfy constraint: "
            + rule);
  }

  private static RuntimeException enumeration(String value, String member, java.util.Set<?> known) {
    return constraint(
        value, member, "Member must satisfy enum value set: " + new ArrayList<>(known));
  }
}
