/**
 * The dynakit engine behind the adapter's {@code embedded:} endpoints. The adapter finds {@link
 * dev.dynakit.embedded.EngineProvider} through {@link java.util.ServiceLoader}, so it never depends
 * on the engine itself.
 */
package dev.dynakit.embedded;
