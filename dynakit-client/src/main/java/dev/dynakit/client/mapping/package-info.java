/**
 * Object mapping: {@link dev.dynakit.client.mapping.ItemSchema} converts records, beans and
 * polymorphic types to DynamoDB items and back, steered by the annotations of this package. It
 * depends on the SDK's model only, never on the rest of the adapter, so it can be used with any
 * {@code DynamoDbClient}.
 */
package dev.dynakit.client.mapping;
