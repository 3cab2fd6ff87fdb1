/**
 * DynamoDB's value semantics: numbers, equality and ordering of attribute values, the {@code
 * size()} function, validation of attribute values with DynamoDB's own messages, item size and
 * capacity units.
 *
 * <p>Each rule here was measured against Amazon DynamoDB Local 3.3.1 and checked with the AWS
 * Developer Guide; where the two disagree the class Javadoc says so.
 *
 * <pre>{@code
 * DynamoNumber n = DynamoNumber.parse("1.50");           // toString() is "1.5"
 * long bytes = ItemSize.of(Map.of("pk", AttributeValue.fromS("a")));  // 3
 * double wcu = CapacityUnits.write(bytes);               // 1.0
 * }</pre>
 */
package dev.dynakit.expression.value;
