package dev.dynakit.engine.internal;

import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexWarmThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableClassSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.WarmThroughput;

/**
 * The settings CreateTable and UpdateTable take besides keys, indexes and throughput: the stream,
 * server-side encryption, the table class, the on-demand maximum throughput and the warm
 * throughput, checked with DynamoDB's messages and written into the table's description.
 */
final class TableSettings {
  private static final String VIEW_TYPES = "[NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]";

  private TableSettings() {}

  /** A stream specification's own checks, as CreateTable and UpdateTable make them. */
  static void checkStream(StreamSpecification stream) {
    if (stream.streamEnabled() == null) {
      throw Errors.validation("Stream StreamEnabled was null");
    }
    String viewType = stream.streamViewTypeAsString();
    if (stream.streamEnabled() && viewType == null) {
      throw Errors.validation(
          "Invalid StreamViewType: Stream ViewType must not be null or empty when enabling"
              + " streams.");
    }
    if (!stream.streamEnabled() && viewType != null) {
      throw Errors.validation(
          "Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was"
              + " present.");
    }
    if (viewType != null && stream.streamViewType() == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
      // DynamoDB Local enables a stream without a view type (docs/compatibility.md).
      throw Errors.validation(
          enumMessage(viewType, "streamSpecification.streamViewType", VIEW_TYPES));
    }
  }

  /** UpdateTable's checks of a stream change against the table's stream now. */
  static void checkStreamChange(StreamSpecification stream, TableDescription current) {
    checkStream(stream);
    boolean enabled = streamEnabled(current);
    if (stream.streamEnabled() && enabled) {
      throw Errors.validation("Table already has an enabled stream");
    }
    if (!stream.streamEnabled() && !enabled) {
      throw Errors.validation("Table has no stream to disable");
    }
  }

  /** Whether the table's stream is enabled. */
  static boolean streamEnabled(TableDescription description) {
    return description.streamSpecification() != null
        && Boolean.TRUE.equals(description.streamSpecification().streamEnabled());
  }

  /**
   * The description with a stream enabled at {@code now} or disabled: an enabled stream has a new
   * label and ARN; a disabled one's specification goes, its latest label and ARN stay.
   */
  static void describeStream(
      TableDescription.Builder description,
      String tableArn,
      StreamSpecification stream,
      Instant now) {
    if (!stream.streamEnabled()) {
      description.streamSpecification((StreamSpecification) null);
      return;
    }
    String label = StreamArns.label(now);
    description
        .streamSpecification(stream)
        .latestStreamLabel(label)
        .latestStreamArn(StreamArns.arn(tableArn, label));
  }

  /** Checks server-side encryption settings: only their enumerations are checked. */
  static void checkSse(SSESpecification sse) {
    if (sse.sseTypeAsString() != null && sse.sseType() == SSEType.UNKNOWN_TO_SDK_VERSION) {
      throw Errors.validation(
          enumMessage(sse.sseTypeAsString(), "sSESpecification.sSEType", "[AES256, KMS]"));
    }
  }

  /**
   * The SSEDescription of a table encrypted as asked, as the API reference describes it, or null
   * for the AWS owned key (encryption not enabled). Without KMS there is no key to look up: a key
   * ARN is kept, any other key id or alias is put into an ARN of the engine's region and account,
   * and no key at all is DynamoDB's managed key {@code alias/aws/dynamodb}.
   */
  static SSEDescription describeSse(SSESpecification sse, String region, String account) {
    if (!Boolean.TRUE.equals(sse.enabled())) {
      return null;
    }
    String key = sse.kmsMasterKeyId();
    String arn;
    if (key != null && key.startsWith("arn:")) {
      arn = key;
    } else {
      String prefix = "arn:aws:kms:" + region + ":" + account + ":";
      if (key == null) {
        arn = prefix + "alias/aws/dynamodb";
      } else {
        arn = key.startsWith("alias/") ? prefix + key : prefix + "key/" + key;
      }
    }
    return SSEDescription.builder()
        .status(SSEStatus.ENABLED)
        .sseType(SSEType.KMS)
        .kmsMasterKeyArn(arn)
        .build();
  }

  /** Checks a table class: STANDARD or STANDARD_INFREQUENT_ACCESS. */
  static void checkTableClass(String tableClass) {
    if (tableClass != null
        && TableClass.fromValue(tableClass) == TableClass.UNKNOWN_TO_SDK_VERSION) {
      throw Errors.validation(
          enumMessage(tableClass, "tableClass", "[STANDARD_INFREQUENT_ACCESS, STANDARD]"));
    }
  }

  /** The summary of a table of that class, changed at {@code updated} (null when created). */
  static TableClassSummary tableClass(String tableClass, Instant updated) {
    return TableClassSummary.builder().tableClass(tableClass).lastUpdateDateTime(updated).build();
  }

  /**
   * Checks an on-demand maximum throughput as DynamoDB Local does: both units given, each at least
   * 1 or -1 (no maximum).
   */
  static void checkOnDemand(OnDemandThroughput throughput) {
    Long read = throughput.maxReadRequestUnits();
    Long write = throughput.maxWriteRequestUnits();
    if (read == null || write == null) {
      throw Errors.validation(
          "Table read and write throughput must be at least 1, and cannot be null");
    }
    checkUnits(read, "MaxReadRequestUnits");
    checkUnits(write, "MaxWriteRequestUnits");
  }

  private static void checkUnits(long units, String name) {
    if (units < 1 && units != -1) {
      throw Errors.validation(
          "One or more parameter values were invalid: Requested "
              + name
              + " for OnDemandThroughput for table is outside of valid range");
    }
  }

  /**
   * The on-demand throughput a table describes, as DynamoDB Local describes it: null on a
   * provisioned table, and when either unit has no maximum (-1).
   */
  static OnDemandThroughput describeOnDemand(OnDemandThroughput throughput, BillingMode mode) {
    if (throughput == null
        || mode != BillingMode.PAY_PER_REQUEST
        || throughput.maxReadRequestUnits() == -1
        || throughput.maxWriteRequestUnits() == -1) {
      return null;
    }
    return throughput;
  }

  /** The warm throughput of a new on-demand table or index, in read units per second. */
  static final long WARM_READS = 12_000;

  /** The warm throughput of a new on-demand table or index, in write units per second. */
  static final long WARM_WRITES = 4_000;

  static final String WARM_DECREASED = "decreasing WarmThroughput is not supported";

  /**
   * Checks a warm throughput as the API reference bounds it: each unit given at least 1; {@code
   * member} is where the request holds it.
   */
  static void checkWarm(WarmThroughput warm, String member) {
    checkWarmUnits(warm.readUnitsPerSecond(), member + ".readUnitsPerSecond");
    checkWarmUnits(warm.writeUnitsPerSecond(), member + ".writeUnitsPerSecond");
  }

  private static void checkWarmUnits(Long units, String member) {
    if (units != null && units < 1) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + units
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value greater than or equal to"
              + " 1");
    }
  }

  /**
   * Warm throughput: the read and write units per second a table or global index serves at once.
   */
  record Warm(long reads, long writes) {
    /** The units a table describes, or null for a table described before it had them. */
    static Warm of(TableWarmThroughputDescription warm) {
      return warm == null ? null : new Warm(warm.readUnitsPerSecond(), warm.writeUnitsPerSecond());
    }

    /** The units an index describes, or null for an index described before it had them. */
    static Warm of(GlobalSecondaryIndexWarmThroughputDescription warm) {
      return warm == null ? null : new Warm(warm.readUnitsPerSecond(), warm.writeUnitsPerSecond());
    }

    /**
     * The warm throughput after a request, as the Developer Guide has it: a new on-demand table or
     * index starts at {@value TableSettings#WARM_READS} reads and {@value
     * TableSettings#WARM_WRITES} writes, a provisioned one at its provisioned throughput;
     * provisioned throughput above it, or units asked for, raise it; a table made on-demand starts
     * at no less than a new on-demand one; it never comes down (asking for less is refused).
     *
     * @param now the units now, {@code null} for a new table or index
     * @param provisioned the provisioned throughput once the request is applied, {@code null} when
     *     on demand
     * @param asked the warm throughput the request asks for, or {@code null}
     */
    static Warm after(Warm now, ProvisionedThroughput provisioned, WarmThroughput asked) {
      long reads;
      long writes;
      if (now == null) {
        reads = provisioned == null ? WARM_READS : provisioned.readCapacityUnits();
        writes = provisioned == null ? WARM_WRITES : provisioned.writeCapacityUnits();
      } else {
        if (asked != null
            && (below(asked.readUnitsPerSecond(), now.reads)
                || below(asked.writeUnitsPerSecond(), now.writes))) {
          throw Errors.validation(WARM_DECREASED);
        }
        reads = provisioned == null ? Math.max(now.reads, WARM_READS) : now.reads;
        writes = provisioned == null ? Math.max(now.writes, WARM_WRITES) : now.writes;
      }
      if (provisioned != null) {
        reads = Math.max(reads, provisioned.readCapacityUnits());
        writes = Math.max(writes, provisioned.writeCapacityUnits());
      }
      if (asked != null) {
        reads = Math.max(reads, Objects.requireNonNullElse(asked.readUnitsPerSecond(), 0L));
        writes = Math.max(writes, Objects.requireNonNullElse(asked.writeUnitsPerSecond(), 0L));
      }
      return new Warm(reads, writes);
    }

    private static boolean below(Long asked, long now) {
      return asked != null && asked < now;
    }

    /** As a table describes it: the engine warms a table at once, so ACTIVE. */
    TableWarmThroughputDescription ofTable() {
      return TableWarmThroughputDescription.builder()
          .readUnitsPerSecond(reads)
          .writeUnitsPerSecond(writes)
          .status(TableStatus.ACTIVE)
          .build();
    }

    /** As a global index describes it: ACTIVE. */
    GlobalSecondaryIndexWarmThroughputDescription ofIndex() {
      return GlobalSecondaryIndexWarmThroughputDescription.builder()
          .readUnitsPerSecond(reads)
          .writeUnitsPerSecond(writes)
          .status(IndexStatus.ACTIVE)
          .build();
    }
  }

  /** The words AWS uses for a value outside an enumeration. */
  static String enumMessage(String value, String member, String values) {
    return "1 validation error detected: Value '"
        + value
        + "' at '"
        + member
        + "' failed to satisfy constraint: Member must satisfy enum value set: "
        + values;
  }
}
