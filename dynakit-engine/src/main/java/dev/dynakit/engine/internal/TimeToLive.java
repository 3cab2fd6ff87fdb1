package dev.dynakit.engine.internal;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * UpdateTimeToLive and DescribeTimeToLive, checked in DynamoDB Local's order with its messages. A
 * change takes effect at once: the status is ENABLED or DISABLED, never ENABLING or DISABLING, and
 * a table's setting may change again at once (docs/compatibility.md). {@link Expiry} deletes the
 * expired items of the tables whose time to live is enabled.
 */
final class TimeToLive {
  static final int MAX_NAME_BYTES = 255;

  private final Tables tables;
  private final Runnable enabled;

  /**
   * @param enabled told whenever a table's time to live is enabled (the engine starts its expiry)
   */
  TimeToLive(Tables tables, Runnable enabled) {
    this.tables = tables;
    this.enabled = enabled;
  }

  UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
    Table table = tables.require(checkNamed(request.tableName()));
    TimeToLiveSpecification specification = request.timeToLiveSpecification();
    if (specification == null) {
      throw Errors.validation("TimeToLiveSpecification cannot be null");
    }
    String attribute = specification.attributeName();
    Boolean enable = specification.enabled();
    if (attribute == null || enable == null) {
      throw Errors.validation("AttributeName cannot be null when time to live is being enabled");
    }
    table.changeTimeToLive(
        current -> {
          if (current != null) {
            if (!current.equals(attribute)) {
              throw Errors.validation("TimeToLive is active on a different AttributeName");
            }
            if (enable) {
              throw Errors.validation("TimeToLive is already enabled");
            }
            return null;
          }
          if (!enable) {
            throw Errors.validation("TimeToLive is already disabled");
          }
          int bytes = attribute.getBytes(StandardCharsets.UTF_8).length;
          if (bytes < 1 || bytes > MAX_NAME_BYTES) {
            throw Errors.validation(
                "Names of key attributes and attributes projected into an index must be between 1"
                    + " and 255 characters, inclusive");
          }
          return attribute;
        });
    if (enable) {
      enabled.run();
    }
    return UpdateTimeToLiveResponse.builder()
        .timeToLiveSpecification(
            TimeToLiveSpecification.builder().enabled(enable).attributeName(attribute).build())
        .build();
  }

  DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
    String attribute = tables.require(checkNamed(request.tableName())).timeToLive();
    return DescribeTimeToLiveResponse.builder()
        .timeToLiveDescription(
            TimeToLiveDescription.builder()
                .timeToLiveStatus(
                    attribute == null ? TimeToLiveStatus.DISABLED : TimeToLiveStatus.ENABLED)
                .attributeName(attribute)
                .build())
        .build();
  }

  /** A table name given, as DynamoDB Local requires it of these operations. */
  private static String checkNamed(String tableName) {
    if (tableName == null) {
      throw Errors.nullMember("tableName");
    }
    return tableName;
  }
}
