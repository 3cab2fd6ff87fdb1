/**
 * Metrics (Micrometer), traces (OpenTelemetry) and logs (SLF4J) for every DynamoDB call the adapter
 * makes, installed as one SDK {@link software.amazon.awssdk.core.interceptor .ExecutionInterceptor}
 * built by {@link dev.dynakit.client.observability.Observability}. Nothing here ever records an
 * item's attribute values or a credential: tags, span attributes and log lines above TRACE carry
 * table, index and attribute names, expressions (whose values are placeholders) and counts only.
 */
package dev.dynakit.client.observability;
