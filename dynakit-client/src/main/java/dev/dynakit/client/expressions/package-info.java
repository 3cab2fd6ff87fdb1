/**
 * Typed, composable builders for DynamoDB's expressions: {@link
 * dev.dynakit.client.expressions.Condition conditions} (for {@code ConditionExpression} and {@code
 * FilterExpression}), {@link dev.dynakit.client.expressions.Update updates}, {@link
 * dev.dynakit.client.expressions.KeyCondition key conditions} and {@link
 * dev.dynakit.client.expressions.Projection projections}. Every attribute name and every value
 * becomes a placeholder of one shared {@link dev.dynakit.client.expressions.Placeholders}, so
 * reserved words, dots, dashes and any other character in a name never break an expression.
 *
 * <pre>{@code
 * Placeholders p = new Placeholders();
 * Path status = Path.of("status");
 * String condition = Conditions.eq(status, AttributeValue.fromS("OPEN")).render(p);
 * String update = Update.builder().set(status, AttributeValue.fromS("CLOSED")).build().render(p);
 * sdk.updateItem(b -> b.tableName("orders").key(key)
 *     .conditionExpression(condition)
 *     .updateExpression(update)
 *     .expressionAttributeNames(p.namesOrNull())
 *     .expressionAttributeValues(p.valuesOrNull()));
 * }</pre>
 */
package dev.dynakit.client.expressions;
