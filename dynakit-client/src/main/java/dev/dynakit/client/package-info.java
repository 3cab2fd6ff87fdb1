/**
 * The dynakit adapter: {@link dev.dynakit.client.Dynakit} and what it is made of. It depends on the
 * AWS SDK and never on the engine, so it works against any DynamoDB endpoint.
 */
package dev.dynakit.client;
