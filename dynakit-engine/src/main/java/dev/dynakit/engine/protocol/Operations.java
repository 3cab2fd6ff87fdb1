package dev.dynakit.engine.protocol;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;

/**
 * The DynamoDB operations, found by reflecting over {@link DynamoDbClient}'s {@code XxxResponse
 * xxx(XxxRequest)} methods, each with its request and response model classes.
 *
 * <pre>{@code
 * Operations.Operation op = Operations.byName("PutItem");
 * PutItemRequest request = JsonCodec.read(body, op.requestBuilder());
 * }</pre>
 */
public final class Operations {

  /**
   * One operation.
   *
   * @param name the wire name, as in {@code X-Amz-Target: DynamoDB_20120810.<name>}
   * @param request the request model class
   * @param response the response model class
   */
  public record Operation(
      String name,
      Class<? extends DynamoDbRequest> request,
      Class<? extends DynamoDbResponse> response) {

    /** Makes an empty request builder. */
    public Supplier<SdkPojo> requestBuilder() {
      return builderOf(request);
    }

    /** Makes an empty response builder. */
    public Supplier<SdkPojo> responseBuilder() {
      return builderOf(response);
    }
  }

  /** What the {@code X-Amz-Target} header holds before the operation name. */
  public static final String TARGET_PREFIX = "DynamoDB_20120810.";

  /** What the {@code X-Amz-Target} header holds before a DynamoDB Streams operation's name. */
  public static final String STREAMS_TARGET_PREFIX = "DynamoDBStreams_20120810.";

  /** The DynamoDB Streams operations the engine serves. */
  private static final java.util.Set<String> STREAMS_OPERATIONS =
      java.util.Set.of("ListStreams", "DescribeStream", "GetShardIterator", "GetRecords");

  private static final String MODEL = "software.amazon.awssdk.services.dynamodb.model.";
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");

  /**
   * Operations found by name so far. Looking one up loads only its own two classes; scanning the
   * client's methods, as {@link #all()} does, loads every request and response class at once, a
   * noticeable part of a server's first answer.
   */
  private static final Map<String, Operation> FOUND = new ConcurrentHashMap<>();

  private Operations() {}

  /** Made on first use of {@link #all()}. */
  private static final class All {
    static final Map<String, Operation> OPERATIONS = scan();
  }

  /** Every operation, by name, in name order. */
  public static Map<String, Operation> all() {
    return All.OPERATIONS;
  }

  /** The operation of that name, or {@code null}. */
  public static Operation byName(String name) {
    Operation operation = FOUND.get(name);
    if (operation == null) {
      operation = find(name);
      if (operation != null) {
        FOUND.put(name, operation);
      }
    }
    return operation;
  }

  /** The operation whose request and response model classes are named after {@code name}. */
  @SuppressWarnings("unchecked")
  private static Operation find(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return null;
    }
    ClassLoader loader = DynamoDbClient.class.getClassLoader();
    try {
      Class<?> request = Class.forName(MODEL + name + "Request", false, loader);
      Class<?> response = Class.forName(MODEL + name + "Response", false, loader);
      if (!DynamoDbRequest.class.isAssignableFrom(request)
          || !DynamoDbResponse.class.isAssignableFrom(response)
          || Modifier.isAbstract(request.getModifiers())
          || Modifier.isAbstract(response.getModifiers())) {
        return null;
      }
      return new Operation(
          name,
          (Class<? extends DynamoDbRequest>) request,
          (Class<? extends DynamoDbResponse>) response);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * The operation an {@code X-Amz-Target} header names, e.g. {@code DynamoDB_20120810.PutItem}, or
   * {@code null} if the header is absent or names no operation.
   */
  public static Operation byTarget(String target) {
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      return null;
    }
    return byName(target.substring(TARGET_PREFIX.length()));
  }

  /**
   * A new request builder of the DynamoDB Streams operation an {@code X-Amz-Target} header names,
   * e.g. {@code DynamoDBStreams_20120810.GetRecords}, or {@code null} if the header names none.
   */
  public static SdkPojo streamsRequestBuilder(String target) {
    if (target == null || !target.startsWith(STREAMS_TARGET_PREFIX)) {
      return null;
    }
    String name = target.substring(STREAMS_TARGET_PREFIX.length());
    if (!STREAMS_OPERATIONS.contains(name)) {
      return null;
    }
    try {
      return builderOf(Class.forName(MODEL + name + "Request")).get();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The SDK has no " + name + "Request", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Operation> scan() {
    Map<String, Operation> operations = new TreeMap<>();
    for (Method method : DynamoDbClient.class.getMethods()) {
      Class<?>[] parameters = method.getParameterTypes();
      if (parameters.length != 1
          || Modifier.isStatic(method.getModifiers())
          || !DynamoDbRequest.class.isAssignableFrom(parameters[0])
          || !DynamoDbResponse.class.isAssignableFrom(method.getReturnType())) {
        continue;
      }
      String simple = parameters[0].getSimpleName();
      String name = simple.substring(0, simple.length() - "Request".length());
      operations.put(
          name,
          new Operation(
              name,
              (Class<? extends DynamoDbRequest>) parameters[0],
              (Class<? extends DynamoDbResponse>) method.getReturnType()));
    }
    return Collections.unmodifiableMap(operations);
  }

  static Supplier<SdkPojo> builderOf(Class<?> model) {
    Method builder;
    try {
      builder = model.getMethod("builder");
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(model + " has no builder()", e);
    }
    return () -> {
      try {
        return (SdkPojo) builder.invoke(null);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot make a builder of " + model, e);
      }
    };
  }
}
