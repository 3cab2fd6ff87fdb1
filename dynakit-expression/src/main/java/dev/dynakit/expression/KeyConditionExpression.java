package dev.dynakit.expression;

import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.value.AttributeValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A key-condition expression bound to its request and checked against the key it queries: one value
 * for each partition key attribute, and conditions on a leading run of the sort key attributes
 * (equality on all but the last, which may also be a range, {@code BETWEEN} or {@code
 * begins_with}). A table's key, or an index's of single attributes, has at most one sort key
 * condition.
 *
 * <pre>{@code
 * KeyConditionExpression key = attributes.keyCondition(
 *     "pk = :p AND begins_with(sk, :prefix)", keys);
 * AttributeValue partition = key.partitionKeyValue();
 * }</pre>
 *
 * @param tree the parsed tree
 * @param partitionKeyValues the value of each partition key attribute, in the key's order
 * @param sortKeyConditions the conditions on the sort key attributes, in the key's order
 */
public record KeyConditionExpression(
    Condition tree,
    Map<String, AttributeValue> partitionKeyValues,
    List<SortKeyCondition> sortKeyConditions) {

  public KeyConditionExpression {
    partitionKeyValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionKeyValues));
    sortKeyConditions = List.copyOf(sortKeyConditions);
  }

  /** The partition key attribute of a key that has one. */
  public String partitionKeyName() {
    return single().getKey();
  }

  /** The partition key value of a key that has one partition key attribute. */
  public AttributeValue partitionKeyValue() {
    return single().getValue();
  }

  /** The last condition on the sort key, the one that may be a range, if there is one. */
  public Optional<SortKeyCondition> sortKeyCondition() {
    return sortKeyConditions.isEmpty()
        ? Optional.empty()
        : Optional.of(sortKeyConditions.get(sortKeyConditions.size() - 1));
  }

  /** The equalities on the sort key attributes before the last condition. */
  public List<SortKeyCondition> sortKeyEqualities() {
    return sortKeyConditions.isEmpty()
        ? List.of()
        : sortKeyConditions.subList(0, sortKeyConditions.size() - 1);
  }

  /** Whether an item's key satisfies the condition. */
  public boolean matches(Map<String, AttributeValue> item) {
    for (Map.Entry<String, AttributeValue> partition : partitionKeyValues.entrySet()) {
      AttributeValue value = item.get(partition.getKey());
      if (value == null || !AttributeValues.equal(value, partition.getValue())) {
        return false;
      }
    }
    return sortKeyConditions.stream().allMatch(c -> c.matches(item.get(c.attributeName())));
  }

  private Map.Entry<String, AttributeValue> single() {
    if (partitionKeyValues.size() != 1) {
      throw new IllegalStateException(
          "The partition key has " + partitionKeyValues.size() + " parts");
    }
    return partitionKeyValues.entrySet().iterator().next();
  }

  /**
   * The condition on the sort key.
   *
   * @param attributeName the sort key attribute
   * @param operator how it is compared
   * @param value the value compared with (the lower bound for {@code BETWEEN})
   * @param upperBound the upper bound, for {@code BETWEEN}
   */
  public record SortKeyCondition(
      String attributeName,
      SortKeyOperator operator,
      AttributeValue value,
      Optional<AttributeValue> upperBound) {

    /** Whether a sort key value satisfies the condition; a missing value does not. */
    public boolean matches(AttributeValue sortKey) {
      if (sortKey == null) {
        return false;
      }
      return switch (operator) {
        case EQ -> Evaluator.compare(sortKey, Comparator.EQ, value);
        case LT -> Evaluator.compare(sortKey, Comparator.LT, value);
        case LE -> Evaluator.compare(sortKey, Comparator.LE, value);
        case GT -> Evaluator.compare(sortKey, Comparator.GT, value);
        case GE -> Evaluator.compare(sortKey, Comparator.GE, value);
        case BETWEEN ->
            Evaluator.compare(sortKey, Comparator.GE, value)
                && Evaluator.compare(sortKey, Comparator.LE, upperBound.orElseThrow());
        case BEGINS_WITH -> Evaluator.beginsWith(sortKey, value);
      };
    }
  }

  /** The ways a key condition may constrain the sort key. */
  public enum SortKeyOperator {
    EQ,
    LT,
    LE,
    GT,
    GE,
    BETWEEN,
    BEGINS_WITH
  }
}
