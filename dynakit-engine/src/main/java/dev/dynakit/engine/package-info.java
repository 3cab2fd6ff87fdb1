/**
 * The embedded DynamoDB-compatible engine. {@link dev.dynakit.engine.DynakitEngine} is the one
 * public entry point; everything behind it lives in {@code dev.dynakit.engine.internal} and {@code
 * dev.dynakit.engine.storage}.
 */
package dev.dynakit.engine;
