/**
 * Service-provider interfaces the adapter looks up at run time, so that it never depends on what
 * implements them: {@link dev.dynakit.client.spi.EmbeddedEngineProvider} serves {@code embedded:}
 * endpoints.
 */
package dev.dynakit.client.spi;
