package dev.dynakit.expression;

import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.value.AttributeValues;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A key-condition expression bound to its request and checked against the key it queries: the one
 * partition key value, and at most one condition on the sort key.
 *
 * <pre>{@code
 * KeyConditionExpression key = attributes.keyCondition(
 *     "pk = :p AND begins_with(sk, :prefix)", keys);
 * AttributeValue partition = key.partitionKeyValue();
 * }</pre>
 *
 * @param tree the parsed tree
 * @param partitionKeyName the partition key attribute
 * @param partitionKeyValue the partition key value the query reads
 * @param sortKeyCondition the condition on the sort key, if any
 */
public record KeyConditionExpression(
    Condition tree,
    String partitionKeyName,
    AttributeValue partitionKeyValue,
    Optional<SortKeyCondition> sortKeyCondition) {

  /** Whether an item's key satisfies the condition. */
  public boolean matches(Map<String, AttributeValue> item) {
    AttributeValue partition = item.get(partitionKeyName);
    if (partition == null || !AttributeValues.equal(partition, partitionKeyValue)) {
      return false;
    }
    return sortKeyCondition.map(c -> c.matches(item.get(c.attributeName()))).orElse(true);
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
