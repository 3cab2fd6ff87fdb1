/**
 * The DynamoDB JSON 1.0 wire protocol: a generic codec between JSON bodies and the AWS SDK's model
 * objects ({@link dev.dynakit.engine.protocol.JsonCodec}), the error body format ({@link
 * dev.dynakit.engine.protocol.ErrorResponse}) and the table of operations ({@link
 * dev.dynakit.engine.protocol.Operations}), derived from {@code DynamoDbClient} by reflection.
 *
 * <p>Used by the engine's in-process HTTP client and its HTTP server.
 */
package dev.dynakit.engine.protocol;
