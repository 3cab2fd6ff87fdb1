/**
 * Helpers for DynamoDB's multi-item operations: {@link dev.dynakit.client.batch.Batches} writes and
 * reads any number of items in batches of DynamoDB's size, retrying what DynamoDB leaves
 * unprocessed with full-jitter backoff and losing nothing, and {@link
 * dev.dynakit.client.batch.Transaction} builds a {@code TransactWriteItems} from the expression
 * builders and maps a cancellation to the actions that failed.
 */
package dev.dynakit.client.batch;
