package dev.dynakit.expression;

import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.DocumentPath;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.ast.Projection;
import dev.dynakit.expression.ast.Update;
import dev.dynakit.expression.ast.UpdateAction;
import dev.dynakit.expression.value.AttributeValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * DynamoDB's legacy parameters ({@code Expected}, {@code QueryFilter}/{@code ScanFilter}, {@code
 * AttributeUpdates}, {@code AttributesToGet}) converted to the trees of the expressions that mean
 * the same, checked with DynamoDB's messages for legacy input. The trees name attributes and values
 * through synthetic placeholders only, so any attribute name works.
 *
 * <pre>{@code
 * ConditionExpression condition =
 *     LegacyConditions.expected(request.expected(), request.conditionalOperatorAsString());
 * }</pre>
 */
public final class LegacyConditions {
  private static final String INVALID = "One or more parameter values were invalid: ";

  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();

  private LegacyConditions() {}

  /**
   * Refuses a request that mixes legacy and expression parameters, as DynamoDB words it.
   *
   * @param legacy the legacy parameters the request uses, in DynamoDB's order
   * @param expressions the expression parameters the request uses, in DynamoDB's order
   */
  public static void refuseMixed(List<String> legacy, List<String> expressions) {
    if (!legacy.isEmpty() && !expressions.isEmpty()) {
      throw new ValidationException(
          "Can not use both expression and non-expression parameters in the same request:"
              + " Non-expression parameters: {"
              + String.join(", ", legacy)
              + "} Expression parameters: {"
              + String.join(", ", expressions)
              + "}");
    }
  }

  /**
   * Checks {@code ConditionalOperator} against the conditions it joins.
   *
   * @param operator the request's operator, or null
   * @param conditions how many conditions the request's {@code Expected} or filter has, or -1 where
   *     it has none (DynamoDB treats an empty map as none)
   */
  static void checkOperator(String operator, int conditions) {
    if (operator == null) {
      return;
    }
    if (conditions <= 0) {
      throw new ValidationException(
          "ConditionalOperator cannot be used without Filter or Expected");
    }
    if (conditions < 2) {
      throw new ValidationException(
          "ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }
    if (!operator.equals("AND") && !operator.equals("OR")) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + operator
              + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [AND, OR]");
    }
  }

  /**
   * The condition of an {@code Expected} map joined by {@code ConditionalOperator}; empty where the
   * map is null or empty.
   */
  public static java.util.Optional<ConditionExpression> expected(
      Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
    checkOperator(conditionalOperator, expected == null ? -1 : expected.size());
    if (expected == null || expected.isEmpty()) {
      return java.util.Optional.empty();
    }
    LegacyConditions legacy = new LegacyConditions();
    List<Condition> parts = new ArrayList<>();
    for (Map.Entry<String, ExpectedAttributeValue> entry : expected.entrySet()) {
      parts.add(legacy.expectation(entry.getKey(), entry.getValue()));
    }
    return java.util.Optional.of(legacy.bound(parts, conditionalOperator));
  }

  /**
   * The filter of a {@code QueryFilter} or {@code ScanFilter} joined by {@code
   * ConditionalOperator}; empty where the map is null or empty.
   */
  public static java.util.Optional<ConditionExpression> filter(
      Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> filter,
      String conditionalOperator) {
    checkOperator(conditionalOperator, filter == null ? -1 : filter.size());
    if (filter == null || filter.isEmpty()) {
      return java.util.Optional.empty();
    }
    LegacyConditions legacy = new LegacyConditions();
    List<Condition> parts = new ArrayList<>();
    for (Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.Condition> entry :
        filter.entrySet()) {
      var condition = entry.getValue();
      parts.add(
          legacy.comparison(
              entry.getKey(),
              condition.comparisonOperatorAsString(),
              condition.hasAttributeValueList() ? condition.attributeValueList() : List.of()));
    }
    return java.util.Optional.of(legacy.bound(parts, conditionalOperator));
  }

  /** The update of an {@code AttributeUpdates} map; empty where the map is null or empty. */
  public static java.util.Optional<UpdateExpression> attributeUpdates(
      Map<String, AttributeValueUpdate> updates) {
    if (updates == null || updates.isEmpty()) {
      return java.util.Optional.empty();
    }
    LegacyConditions legacy = new LegacyConditions();
    List<UpdateAction> set = new ArrayList<>();
    List<UpdateAction> remove = new ArrayList<>();
    List<UpdateAction> add = new ArrayList<>();
    List<UpdateAction> delete = new ArrayList<>();
    for (Map.Entry<String, AttributeValueUpdate> entry : updates.entrySet()) {
      AttributeValueUpdate update = entry.getValue();
      String action = update.actionAsString() == null ? "PUT" : update.actionAsString();
      if (update.action() == AttributeAction.UNKNOWN_TO_SDK_VERSION) {
        throw new ValidationException("Member must satisfy enum value set: [ADD, DELETE, PUT]");
      }
      AttributeValue value = update.value();
      if (value == null && !action.equals("DELETE")) {
        throw new ValidationException(
            INVALID + "Only DELETE action is allowed when no attribute value is specified");
      }
      if (value != null) {
        AttributeValues.validateItemValue(entry.getKey(), value);
      }
      DocumentPath path = legacy.path(entry.getKey());
      switch (action) {
        case "PUT" -> set.add(new UpdateAction.Set(path, legacy.value(value)));
        case "ADD" -> {
          switch (value.type()) {
            case N, SS, NS, BS -> add.add(new UpdateAction.Add(path, legacy.value(value)));
            case L ->
                set.add(
                    new UpdateAction.Set(
                        path,
                        new Operand.ListAppend(
                            new Operand.IfNotExists(
                                new Operand.Path(path),
                                legacy.value(AttributeValue.fromL(List.of()))),
                            legacy.value(value))));
            default ->
                throw new ValidationException(
                    INVALID + "ADD action is not supported for the type " + typeWord(value));
          }
        }
        default -> {
          if (value == null) {
            remove.add(new UpdateAction.Remove(path));
          } else if (value.type() == AttributeValue.Type.SS
              || value.type() == AttributeValue.Type.NS
              || value.type() == AttributeValue.Type.BS) {
            delete.add(new UpdateAction.Delete(path, legacy.value(value)));
          } else {
            throw new ValidationException(
                INVALID
                    + "DELETE action with value is not supported for the type "
                    + typeWord(value));
          }
        }
      }
    }
    List<UpdateAction> actions = new ArrayList<>(set);
    actions.addAll(remove);
    actions.addAll(add);
    actions.addAll(delete);
    return java.util.Optional.of(new UpdateExpression(new Update(actions), legacy.attributes()));
  }

  /**
   * The projection of {@code AttributesToGet}: top-level attributes, whatever characters their
   * names hold; empty where the list is null or empty.
   */
  public static java.util.Optional<ProjectionExpression> attributesToGet(List<String> names) {
    if (names == null || names.isEmpty()) {
      return java.util.Optional.empty();
    }
    Set<String> seen = new HashSet<>();
    List<DocumentPath> paths = new ArrayList<>();
    List<List<PathElement>> resolved = new ArrayList<>();
    LegacyConditions legacy = new LegacyConditions();
    for (String name : names) {
      if (name.isEmpty()) {
        throw new ValidationException("Empty attribute name");
      }
      if (!seen.add(name)) {
        throw new ValidationException("Cannot have two attributes with the same name");
      }
      paths.add(legacy.path(name));
      resolved.add(List.of(new PathElement.Name(name)));
    }
    return java.util.Optional.of(new ProjectionExpression(new Projection(paths), resolved));
  }

  /**
   * The key condition of a Query's {@code KeyConditions}, checked with DynamoDB's messages for
   * legacy key conditions.
   */
  public static KeyConditionExpression keyConditions(
      Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> conditions,
      KeySchema keys) {
    if (conditions.isEmpty()) {
      throw new ValidationException("Conditions must be at least length 1");
    }
    LegacyConditions legacy = new LegacyConditions();
    Condition tree = null;
    for (Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.Condition> entry :
        conditions.entrySet()) {
      var condition = entry.getValue();
      String operator = condition.comparisonOperatorAsString();
      Condition part =
          legacy.comparison(
              entry.getKey(),
              operator,
              condition.hasAttributeValueList() ? condition.attributeValueList() : List.of());
      if (operator.equals("NULL") || operator.equals("NOT_NULL")) {
        if (isNamed(keys.partitionKeys(), entry.getKey())) {
          throw new ValidationException("Only scalar types can be used as Hash Key values");
        }
        if (isNamed(keys.sortKeys(), entry.getKey())) {
          throw new ValidationException("Only scalar types can be used as Range Key values");
        }
      }
      if (!KEY_OPERATORS.contains(operator)) {
        throw new ValidationException(
            isNamed(keys.partitionKeys(), entry.getKey())
                ? KeyConditions.NOT_SUPPORTED
                : "Attempted conditional constraint is not an indexable operation");
      }
      tree = tree == null ? part : new Condition.And(tree, part);
    }
    return KeyConditions.analyze(tree, keys, legacy.attributes());
  }

  private static boolean isNamed(List<KeySchema.Attribute> attributes, String name) {
    return attributes.stream().anyMatch(attribute -> attribute.name().equals(name));
  }

  private static final Set<String> KEY_OPERATORS =
      Set.of("EQ", "LE", "LT", "GE", "GT", "BEGINS_WITH", "BETWEEN");

  // ---- conversion

  private Condition expectation(String attribute, ExpectedAttributeValue expected) {
    boolean hasList = expected.hasAttributeValueList();
    if (expected.value() != null && hasList) {
      throw new ValidationException(
          INVALID
              + "Value and AttributeValueList cannot be used together for Attribute: "
              + attribute);
    }
    if (expected.comparisonOperator() != null || expected.comparisonOperatorAsString() != null) {
      if (expected.exists() != null) {
        throw new ValidationException(
            INVALID
                + "Exists and ComparisonOperator cannot be used together for Attribute: "
                + attribute);
      }
      String operator = expected.comparisonOperatorAsString();
      List<AttributeValue> arguments =
          hasList
              ? expected.attributeValueList()
              : expected.value() != null ? List.of(expected.value()) : null;
      if (arguments == null) {
        if (!operator.equals("NULL") && !operator.equals("NOT_NULL")) {
          throw new ValidationException(
              INVALID
                  + "Value or AttributeValueList must be used with ComparisonOperator: "
                  + operator
                  + " for Attribute: "
                  + attribute);
        }
        arguments = List.of();
      }
      return comparison(attribute, operator, arguments);
    }
    if (Boolean.FALSE.equals(expected.exists())) {
      if (expected.value() != null) {
        throw new ValidationException(
            INVALID + "Value cannot be used when Exists is false for Attribute: " + attribute);
      }
      return function(Condition.ConditionFunction.ATTRIBUTE_NOT_EXISTS, attribute);
    }
    if (expected.value() == null) {
      throw new ValidationException(
          INVALID
              + "Value must be provided when Exists is "
              + (expected.exists() == null ? "null" : "true")
              + " for Attribute: "
              + attribute);
    }
    return new Condition.Comparison(
        new Operand.Path(path(attribute)), Comparator.EQ, value(expected.value()));
  }

  private Condition comparison(String attribute, String operator, List<AttributeValue> arguments) {
    ComparisonOperator op = ComparisonOperator.fromValue(operator);
    if (op == null || op == ComparisonOperator.UNKNOWN_TO_SDK_VERSION) {
      throw new ValidationException("Comparison type does not exist in DynamoDB");
    }
    int count = arguments.size();
    boolean countOk =
        switch (op) {
          case NULL, NOT_NULL -> count == 0;
          case BETWEEN -> count == 2;
          case IN -> count >= 1;
          default -> count == 1;
        };
    if (!countOk) {
      throw new ValidationException(
          INVALID + "Invalid number of argument(s) for the " + operator + " ComparisonOperator");
    }
    for (AttributeValue argument : arguments) {
      AttributeValues.validateItemValue(attribute, argument);
    }
    for (AttributeValue argument : arguments) {
      if (!validFor(op, argument)) {
        throw new ValidationException(
            INVALID
                + "ComparisonOperator "
                + operator
                + " is not valid for "
                + typeName(argument)
                + " AttributeValue type");
      }
    }
    for (AttributeValue argument : arguments) {
      if (argument.type() != arguments.get(0).type()) {
        throw new ValidationException(
            INVALID + "AttributeValues inside AttributeValueList must be of same type");
      }
    }
    if (op == ComparisonOperator.BETWEEN
        && AttributeValues.compare(arguments.get(0), arguments.get(1)).orElse(0) > 0) {
      throw new ValidationException(
          "The BETWEEN condition was provided a range where the lower bound is greater than the"
              + " upper bound");
    }
    Operand path = new Operand.Path(path(attribute));
    return switch (op) {
      case NULL -> function(Condition.ConditionFunction.ATTRIBUTE_NOT_EXISTS, attribute);
      case NOT_NULL -> function(Condition.ConditionFunction.ATTRIBUTE_EXISTS, attribute);
      case EQ -> new Condition.Comparison(path, Comparator.EQ, value(arguments.get(0)));
      case NE ->
          new Condition.Not(new Condition.Comparison(path, Comparator.EQ, value(arguments.get(0))));
      case LT -> new Condition.Comparison(path, Comparator.LT, value(arguments.get(0)));
      case LE -> new Condition.Comparison(path, Comparator.LE, value(arguments.get(0)));
      case GT -> new Condition.Comparison(path, Comparator.GT, value(arguments.get(0)));
      case GE -> new Condition.Comparison(path, Comparator.GE, value(arguments.get(0)));
      case CONTAINS ->
          new Condition.Function(
              Condition.ConditionFunction.CONTAINS, List.of(path, value(arguments.get(0))));
      case NOT_CONTAINS ->
          new Condition.And(
              function(Condition.ConditionFunction.ATTRIBUTE_EXISTS, attribute),
              new Condition.Not(
                  new Condition.Function(
                      Condition.ConditionFunction.CONTAINS,
                      List.of(new Operand.Path(path(attribute)), value(arguments.get(0))))));
      case BEGINS_WITH ->
          new Condition.Function(
              Condition.ConditionFunction.BEGINS_WITH, List.of(path, value(arguments.get(0))));
      case BETWEEN -> new Condition.Between(path, value(arguments.get(0)), value(arguments.get(1)));
      default -> new Condition.In(path, arguments.stream().map(this::value).toList());
    };
  }

  private static boolean validFor(ComparisonOperator op, AttributeValue argument) {
    AttributeValue.Type type = argument.type();
    boolean scalar =
        type == AttributeValue.Type.S
            || type == AttributeValue.Type.N
            || type == AttributeValue.Type.B;
    return switch (op) {
      case LT, LE, GT, GE, BETWEEN, IN -> scalar;
      case CONTAINS, NOT_CONTAINS ->
          scalar || type == AttributeValue.Type.BOOL || type == AttributeValue.Type.NUL;
      case BEGINS_WITH -> type == AttributeValue.Type.S || type == AttributeValue.Type.B;
      default -> true;
    };
  }

  private Condition function(Condition.ConditionFunction function, String attribute) {
    return new Condition.Function(function, List.of(new Operand.Path(path(attribute))));
  }

  private ConditionExpression bound(List<Condition> parts, String conditionalOperator) {
    boolean or = "OR".equals(conditionalOperator);
    Condition tree = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      tree = or ? new Condition.Or(tree, parts.get(i)) : new Condition.And(tree, parts.get(i));
    }
    return new ConditionExpression(tree, attributes());
  }

  private DocumentPath path(String attribute) {
    String placeholder = "#legacy" + names.size();
    names.put(placeholder, attribute);
    return DocumentPath.of(placeholder);
  }

  private Operand value(AttributeValue value) {
    String placeholder = ":legacy" + values.size();
    values.put(placeholder, value);
    return new Operand.Value(placeholder);
  }

  private ExpressionAttributes attributes() {
    return ExpressionAttributes.synthetic(
        names.isEmpty() ? null : names, values.isEmpty() ? null : values);
  }

  private static String typeName(AttributeValue value) {
    return value.type() == AttributeValue.Type.NUL ? "NULL" : value.type().toString();
  }

  private static String typeWord(AttributeValue value) {
    return switch (value.type()) {
      case S -> "STRING";
      case N -> "NUMBER";
      case L -> "LIST";
      case B -> "BINARY";
      case BOOL -> "BOOLEAN";
      case NUL -> "NULL";
      case M -> "MAP";
      default -> value.type().toString();
    };
  }
}
