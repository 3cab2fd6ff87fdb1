package dev.dynakit.conformance;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Requests made through a client, and what they answered: a response, a list of responses, or any
 * value built from them. A {@code DynamoDbException} it throws is its outcome too.
 */
@FunctionalInterface
interface Scenario {
  Object run(DynamoDbClient client);
}
