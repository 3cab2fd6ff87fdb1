package dev.dynakit.client.verbs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The control-plane verbs: one per DynamoDB control-plane operation, named in snake_case ({@code
 * create_backup}, {@code restore_table_from_backup}, {@code update_continuous_backups}, ...). Their
 * arguments are the operation's request members, named in snake_case ({@code table_name}, {@code
 * backup_name}) or as the API reference names them ({@code TableName}), nested members too; their
 * result is the operation's response with DynamoDB's member names, as {@code describe_table}'s
 * table is. A request member {@code ClientToken} left out is filled with a new token, so a call
 * retried by the adapter is not done twice. Mutations need {@code allow_write}, and the table
 * allow-list judges every table a request names, as for every call through the adapter.
 */
final class ControlVerbs {
  /** The operations served as verbs, by their API names. */
  static final List<String> OPERATIONS =
      List.of(
          "CreateBackup",
          "DescribeBackup",
          "ListBackups",
          "DeleteBackup",
          "RestoreTableFromBackup",
          "UpdateContinuousBackups",
          "DescribeContinuousBackups",
          "RestoreTableToPointInTime",
          "ExportTableToPointInTime",
          "DescribeExport",
          "ListExports",
          "ImportTable",
          "DescribeImport",
          "ListImports",
          "TagResource",
          "UntagResource",
          "ListTagsOfResource",
          "PutResourcePolicy",
          "GetResourcePolicy",
          "DeleteResourcePolicy",
          "UpdateTimeToLive",
          "DescribeTimeToLive",
          "DescribeLimits",
          "DescribeEndpoints",
          "DescribeContributorInsights",
          "ListContributorInsights",
          "UpdateContributorInsights",
          "EnableKinesisStreamingDestination",
          "DisableKinesisStreamingDestination",
          "DescribeKinesisStreamingDestination",
          "UpdateKinesisStreamingDestination",
          "CreateGlobalTable",
          "DescribeGlobalTable",
          "ListGlobalTables",
          "UpdateGlobalTable",
          "DescribeGlobalTableSettings",
          "UpdateGlobalTableSettings",
          "DescribeTableReplicaAutoScaling",
          "UpdateTableReplicaAutoScaling",
          "CreateTable",
          "UpdateTable",
          "DeleteTable");

  private static final String MODEL = "software.amazon.awssdk.services.dynamodb.model.";

  private final DynamoDbClient sdk;

  ControlVerbs(DynamoDbClient sdk) {
    this.sdk = sdk;
  }

  /**
   * The verb's name for an operation: {@code RestoreTableFromBackup} → {@code
   * restore_table_from_backup}.
   */
  static String verbOf(String operation) {
    return snake(operation);
  }

  /** The argument names a verb takes: each top-level request member, in snake_case and as named. */
  static String[] arguments(String operation) {
    Set<String> names = new LinkedHashSet<>();
    for (SdkField<?> field : builderOf(operation).sdkFields()) {
      names.add(snake(field.memberName()));
      names.add(field.memberName());
    }
    return names.toArray(String[]::new);
  }

  /** Runs {@code operation} with {@code args} and answers its response's members. */
  Map<String, Object> call(String operation, Args args) {
    SdkPojo builder = builderOf(operation);
    fill(builder, args.raw(), "", args);
    if (hasMember(builder, "ClientToken")
        && !args.has("client_token")
        && !args.has("ClientToken")) {
      set(builder, "ClientToken", UUID.randomUUID().toString());
    }
    DynamoDbRequest request = (DynamoDbRequest) ((SdkBuilder<?, ?>) builder).build();
    DynamoDbResponse response;
    try {
      Method method =
          DynamoDbClient.class.getMethod(
              Character.toLowerCase(operation.charAt(0)) + operation.substring(1),
              request.getClass());
      response = (DynamoDbResponse) method.invoke(sdk, request);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(operation + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the SDK has no operation " + operation, e);
    }
    return TableVerbs.normalize(response);
  }

  private static SdkPojo builderOf(String operation) {
    try {
      return (SdkPojo)
          Class.forName(MODEL + operation + "Request").getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the SDK has no request for " + operation, e);
    }
  }

  private static boolean hasMember(SdkPojo builder, String member) {
    return builder.sdkFields().stream().anyMatch(f -> f.memberName().equals(member));
  }

  @SuppressWarnings("unchecked")
  private static void set(SdkPojo builder, String member, Object value) {
    for (SdkField<?> field : builder.sdkFields()) {
      if (field.memberName().equals(member)) {
        ((SdkField<Object>) field).set(builder, value);
      }
    }
  }

  /** Sets each member of {@code builder} {@code values} names, converted to the member's type. */
  @SuppressWarnings("unchecked")
  private static void fill(SdkPojo builder, Map<?, ?> values, String path, Args args) {
    for (Map.Entry<?, ?> entry : values.entrySet()) {
      String name = String.valueOf(entry.getKey());
      if (path.isEmpty() && name.equals("typed")) {
        continue;
      }
      SdkField<Object> field = (SdkField<Object>) find(builder, name);
      if (field == null) {
        throw args.wrong(
            path + name,
            "is not a member of the request (expected one of "
                + builder.sdkFields().stream().map(f -> snake(f.memberName())).toList()
                + ")");
      }
      if (entry.getValue() != null) {
        field.set(builder, convert(field, entry.getValue(), path + name, args));
      }
    }
  }

  private static SdkField<?> find(SdkPojo builder, String name) {
    String wanted = name.replace("_", "").toLowerCase(Locale.ROOT);
    for (SdkField<?> field : builder.sdkFields()) {
      if (field.memberName().toLowerCase(Locale.ROOT).equals(wanted)) {
        return field;
      }
    }
    return null;
  }

  private static Object convert(SdkField<?> field, Object value, String path, Args args) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      if (value instanceof String) {
        return value;
      }
      throw args.wrong(path, "must be a string");
    }
    if (type == MarshallingType.BOOLEAN) {
      if (value instanceof Boolean) {
        return value;
      }
      throw args.wrong(path, "must be true or false");
    }
    if (type == MarshallingType.INTEGER) {
      try {
        return whole(value, path, args).intValueExact();
      } catch (ArithmeticException e) {
        throw args.wrong(path, "is out of range");
      }
    }
    if (type == MarshallingType.LONG) {
      return whole(value, path, args).longValueExact();
    }
    if (type == MarshallingType.DOUBLE) {
      return number(value, path, args).doubleValue();
    }
    if (type == MarshallingType.INSTANT) {
      return instant(value, path, args);
    }
    if (type == MarshallingType.SDK_BYTES) {
      if (value instanceof String) {
        try {
          return SdkBytes.fromByteArray(Base64.getDecoder().decode((String) value));
        } catch (IllegalArgumentException e) {
          throw args.wrong(path, "must be base64 text");
        }
      }
      throw args.wrong(path, "must be base64 text");
    }
    if (type == MarshallingType.SDK_POJO) {
      if (!(value instanceof Map)) {
        throw args.wrong(path, "must be an object");
      }
      SdkPojo nested = (SdkPojo) field.constructor().get();
      fill(nested, (Map<?, ?>) value, path + ".", args);
      return ((SdkBuilder<?, ?>) nested).build();
    }
    if (type == MarshallingType.LIST) {
      if (!(value instanceof List)) {
        throw args.wrong(path, "must be a list");
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      int i = 0;
      for (Object element : (List<?>) value) {
        list.add(convert(member, element, path + "[" + i++ + "]", args));
      }
      return list;
    }
    if (type == MarshallingType.MAP) {
      if (!(value instanceof Map)) {
        throw args.wrong(path, "must be an object");
      }
      SdkField<?> values = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        map.put(
            String.valueOf(entry.getKey()),
            convert(values, entry.getValue(), path + "." + entry.getKey(), args));
      }
      return map;
    }
    throw args.wrong(path, "cannot be given to this verb");
  }

  private static BigDecimal whole(Object value, String path, Args args) {
    BigDecimal number = number(value, path, args);
    try {
      number.longValueExact();
      return number;
    } catch (ArithmeticException e) {
      throw args.wrong(path, "must be a whole number");
    }
  }

  private static BigDecimal number(Object value, String path, Args args) {
    if (value instanceof Number) {
      return new BigDecimal(value.toString());
    }
    throw args.wrong(path, "must be a number");
  }

  private static Instant instant(Object value, String path, Args args) {
    if (value instanceof Number) {
      BigDecimal seconds = new BigDecimal(value.toString());
      return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }
    if (value instanceof String) {
      try {
        return Instant.parse((String) value);
      } catch (DateTimeParseException e) {
        throw args.wrong(path, "must be an ISO-8601 time or epoch seconds");
      }
    }
    throw args.wrong(path, "must be an ISO-8601 time or epoch seconds");
  }

  /** {@code SSESpecificationOverride} → {@code sse_specification_override}. */
  static String snake(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean upper = Character.isUpperCase(c);
      if (upper && i > 0) {
        char before = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(before)
            || Character.isDigit(before)
            || (Character.isUpperCase(before) && nextLower)) {
          out.append('_');
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
